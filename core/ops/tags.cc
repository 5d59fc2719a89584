// TagResource, UntagResource, ListTagsForResource: the tags of a resource of any taggable
// type, by ARN.
#include "core/errors.h"
#include "core/model/members.h"
#include "core/ops/registry.h"
#include "core/resources/resources.h"

namespace ivsrt::ops {

absl::StatusOr<std::string> TagResource(const OpContext& ctx, const Value& request) {
  using In = members::TagResourceRequest;
  std::string_view arn = StringOr(request, In::resourceArn, "");
  const Value* tags = request.Find(In::tags);
  RETURN_IF_ERROR(resources::CheckTagKeysNotReserved(*tags, In::tags));
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(resources::Resource resource, resources::LoadTaggable(txn, ctx, arn));
    ASSIGN_OR_RETURN(resources::TagMap merged, resources::TagsFromJson(resource.tags_json));
    for (const auto& [key, value] : tags->entries()) merged[key] = value.as_string();
    RETURN_IF_ERROR(resources::CheckTagCount(merged));
    return resources::SaveTags(txn, ctx, resource, resources::TagsToJson(merged));
  }));
  return std::string("{}");
}

absl::StatusOr<std::string> UntagResource(const OpContext& ctx, const Value& request) {
  using In = members::UntagResourceRequest;
  std::string_view arn = StringOr(request, In::resourceArn, "");
  const Value* keys = request.Find(In::tagKeys);
  RETURN_IF_ERROR(resources::CheckTagKeysNotReserved(*keys, In::tagKeys));
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(resources::Resource resource, resources::LoadTaggable(txn, ctx, arn));
    ASSIGN_OR_RETURN(resources::TagMap tags, resources::TagsFromJson(resource.tags_json));
    for (const Value& key : keys->items()) tags.erase(key.as_string());
    return resources::SaveTags(txn, ctx, resource, resources::TagsToJson(tags));
  }));
  return std::string("{}");
}

absl::StatusOr<std::string> ListTagsForResource(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, members::ListTagsForResourceRequest::resourceArn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(resources::Resource resource, resources::LoadTaggable(txn, ctx, arn));
    JsonWriter w;
    w.BeginObject().Key("tags").Raw(resource.tags_json).EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

IVSRT_REGISTER_OPERATIONS(Tags, {"TagResource", &TagResource}, {"UntagResource", &UntagResource},
                          {"ListTagsForResource", &ListTagsForResource});

}  // namespace ivsrt::ops
