// Tags, the same on every taggable resource type: the rules beyond the model's lengths (the
// reserved "aws:" prefix, at most 50 after a merge) and their stored form, a JSON object
// with sorted keys (written into responses as is).
#ifndef IVSRT_CORE_RESOURCES_TAGS_H_
#define IVSRT_CORE_RESOURCES_TAGS_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json/value.h"

namespace ivsrt::resources {

using TagMap = std::map<std::string, std::string>;

// The model's Tags map allows 50 entries per request; AWS's tagging rules apply the same
// limit to the tags a resource ends up with.
inline constexpr size_t kMaxTagsPerResource = 50;

// ValidationException when a key of `tags` (a map Value) or of `keys` (a list Value)
// starts with "aws:", naming `member`.
absl::Status CheckTagKeysNotReserved(const Value& tags_or_keys, std::string_view member);
// The `tags` member of a create request (nullptr: none): its TagMap, or ValidationException
// naming "tags" for a key with the reserved prefix.
absl::StatusOr<TagMap> RequestTags(const Value* tags);
// ValidationException naming "tags" when `tags` has more than kMaxTagsPerResource entries.
absl::Status CheckTagCount(const TagMap& tags);

// The stored form and back; InternalServerException for a corrupt stored form.
std::string TagsToJson(const TagMap& tags);
absl::StatusOr<TagMap> TagsFromJson(std::string_view json);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_TAGS_H_
