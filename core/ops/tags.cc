// TagResource, UntagResource, ListTagsForResource: tags of any resource, by ARN.
#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/handlers.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/ops/tag_rules.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

// ResourceNotFoundException unless `arn` names a live resource of the caller's partition.
absl::Status CheckResourceExists(const store::Txn& txn, const OpContext& ctx,
                                 std::string_view arn) {
  auto parsed = ParseArn(arn);
  if (parsed && parsed->resource_type == "stage") return LoadStage(txn, ctx, arn).status();
  return ResourceNotFoundError(StrCat("Resource not found: ", arn));
}

}  // namespace

absl::StatusOr<std::string> TagResource(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "resourceArn", "");
  const Value* tags = request.Find("tags");
  RETURN_IF_ERROR(CheckTagKeysNotReserved(*tags, "tags"));
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(CheckResourceExists(txn, ctx, arn));
    ASSIGN_OR_RETURN(store::TagMap merged, LoadTags(txn, arn));
    for (const auto& [key, value] : tags->entries()) merged[key] = value.as_string();
    if (merged.size() > kMaxTagsPerResource) {
      return ValidationError(StrCat("tags: a resource may have at most ", kMaxTagsPerResource,
                                    " tags; this request would give it ", merged.size()));
    }
    return StoreTags(txn, arn, merged);
  }));
  return std::string("{}");
}

absl::StatusOr<std::string> UntagResource(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "resourceArn", "");
  const Value* keys = request.Find("tagKeys");
  RETURN_IF_ERROR(CheckTagKeysNotReserved(*keys, "tagKeys"));
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(CheckResourceExists(txn, ctx, arn));
    ASSIGN_OR_RETURN(store::TagMap tags, LoadTags(txn, arn));
    for (const Value& key : keys->items()) tags.erase(key.as_string());
    return StoreTags(txn, arn, tags);
  }));
  return std::string("{}");
}

absl::StatusOr<std::string> ListTagsForResource(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "resourceArn", "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(CheckResourceExists(txn, ctx, arn));
    ASSIGN_OR_RETURN(store::TagMap tags, LoadTags(txn, arn));
    JsonWriter w;
    w.BeginObject().Key("tags");
    WriteTags(w, tags);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

IVSRT_REGISTER_OPERATIONS(Tags, {"TagResource", &TagResource}, {"UntagResource", &UntagResource},
                          {"ListTagsForResource", &ListTagsForResource});

}  // namespace ivsrt::ops
