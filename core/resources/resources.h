// The generic resource layer: every resource type is created, loaded by ARN, saved, deleted
// and listed here, with its quota, creation-order index, tags and references. A family
// (core/ops/<family>.cc) supplies only its rules, its body (the resource's own members as a
// JSON object, self-describing so that a new member needs no migration) and its output.
//
// Layout (core/store/txn.h tables), with P = "{region}:{account}:{arn type}/", the ARN after
// "arn:aws:ivs:" up to the id:
//   kResources  P + id           -> seq (8 bytes), body, tags (length-prefixed JSON objects)
//   kOrder      P + seq (8 bytes) -> id, summary, tags: a List page reads only this index
//   kMeta       "count:" + P     -> the number of live resources, for the quota
#ifndef IVSRT_CORE_RESOURCES_RESOURCES_H_
#define IVSRT_CORE_RESOURCES_RESOURCES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/ops/op_context.h"
#include "core/resources/resource_types.h"
#include "core/resources/tags.h"
#include "core/store/txn.h"

namespace ivsrt::resources {

struct Resource {
  ResourceType type = ResourceType::kStage;
  std::string id;  // 12 alphanumerics
  std::string arn;
  uint64_t seq = 0;       // creation order: the List order
  std::string body;       // the family's members, a JSON object
  std::string tags_json;  // TagsToJson form
};

// Creates a resource of `type` in the caller's partition: ServiceQuotaExceededException
// when the partition already has the type's quota of them; otherwise draws the id and
// stores `make_body(id)` with `tags`.
absl::StatusOr<Resource> Create(store::Txn& txn, const OpContext& ctx, ResourceType type,
                                const TagMap& tags,
                                const std::function<std::string(std::string_view id)>& make_body);

// The resource of `type` that `arn` names: ValidationException when `arn` is no resource ARN
// of this type (the validator's patterns normally catch that first);
// ResourceNotFoundException when it is absent, deleted, or of another region or account.
absl::StatusOr<Resource> Load(const store::Txn& txn, const OpContext& ctx, ResourceType type,
                              std::string_view arn);
// The same for a resource of any taggable type (TagResource, UntagResource,
// ListTagsForResource): an ARN of no resource type is ResourceNotFoundException.
absl::StatusOr<Resource> LoadTaggable(const store::Txn& txn, const OpContext& ctx,
                                      std::string_view arn);

// A resource with its body decoded by its family (a stage, a composition).
template <typename Body>
struct Loaded {
  Resource resource;
  Body body;
};
// resources::Load, then `decode` (InternalServerException for a corrupt body) of its body.
template <typename Body>
absl::StatusOr<Loaded<Body>> LoadDecoded(const store::Txn& txn, const OpContext& ctx,
                                         ResourceType type, std::string_view arn,
                                         absl::StatusOr<Body> (*decode)(std::string_view)) {
  ASSIGN_OR_RETURN(Resource resource, Load(txn, ctx, type, arn));
  ASSIGN_OR_RETURN(Body body, decode(resource.body));
  return Loaded<Body>{std::move(resource), std::move(body)};
}

// Stores `resource` as given, id and seq included, and counts it: for the store upgrade
// (core/store_format.cc), which carries resources over from an older format.
absl::Status Import(store::Txn& txn, const OpContext& ctx, const Resource& resource);

// Stores the body and tags of a loaded (and changed) resource; the order entry is rewritten
// only when the List summary or the tags changed.
absl::Status Save(store::Txn& txn, const OpContext& ctx, const Resource& resource);

// Gives a loaded resource `tags_json` (TagsToJson form) for tags, its body unchanged:
// cheaper than Save, which derives the List summary from the body again; writes nothing
// when the tags are the same.
absl::Status SaveTags(store::Txn& txn, const OpContext& ctx, const Resource& resource,
                      std::string_view tags_json);

// Deletes the resource with its tags, its order entry and the references it makes;
// ConflictException (nothing changed) while another resource refers to it.
absl::Status Delete(store::Txn& txn, const OpContext& ctx, const Resource& resource);

// {"arn", the body's members, "tags"}: the output shape of types whose body holds exactly
// their output members, in alphabetical order as AWS answers (the body's members are
// written in that order by their family).
void WriteResource(JsonWriter& w, const Resource& resource);

// The key prefix of `type` in the caller's partition (P above).
std::string TypePrefix(const OpContext& ctx, ResourceType type);

}  // namespace ivsrt::resources

#endif  // IVSRT_CORE_RESOURCES_RESOURCES_H_
