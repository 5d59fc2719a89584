// Tag rules beyond the model's lengths: the reserved "aws:" prefix and the 50-tag limit
// after a merge; and the tags of any resource, kept by ARN.
#ifndef IVSRT_CORE_OPS_TAG_RULES_H_
#define IVSRT_CORE_OPS_TAG_RULES_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/store/codec.h"
#include "core/store/txn.h"

namespace ivsrt {

inline constexpr size_t kMaxTagsPerResource = 50;

// ValidationException when a key of `tags` (a map Value) or of `keys` (a list Value)
// starts with "aws:".
absl::Status CheckTagKeysNotReserved(const Value& tags_or_keys, std::string_view member);
// The map Value as a TagMap.
store::TagMap TagsFromValue(const Value& tags);

absl::StatusOr<store::TagMap> LoadTags(const store::Txn& txn, std::string_view arn);
// Stores `tags` for `arn` (an empty map removes the record).
absl::Status StoreTags(store::Txn& txn, std::string_view arn, const store::TagMap& tags);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_TAG_RULES_H_
