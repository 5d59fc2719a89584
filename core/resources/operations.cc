#include "core/resources/operations.h"

#include "core/errors.h"
#include "core/json/writer.h"
#include "core/resources/resources.h"

namespace ivsrt::resources {
namespace {

std::string Response(const Resource& resource, std::string_view output_member) {
  JsonWriter w;
  w.BeginObject().Key(output_member);
  WriteResource(w, resource);
  w.EndObject();
  return w.Take();
}

}  // namespace

absl::StatusOr<std::string> CreateOperation(const OpContext& ctx, ResourceType type,
                                            const Value* tags, std::string body,
                                            std::string_view output_member) {
  ASSIGN_OR_RETURN(TagMap tag_map, RequestTags(tags));
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(Resource resource,
                     Create(txn, ctx, type, tag_map, [&](std::string_view) { return body; }));
    response = Response(resource, output_member);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetOperation(const OpContext& ctx, ResourceType type,
                                         std::string_view arn, std::string_view output_member) {
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(Resource resource, Load(txn, ctx, type, arn));
    response = Response(resource, output_member);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> DeleteOperation(const OpContext& ctx, ResourceType type,
                                            std::string_view arn) {
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(Resource resource, Load(txn, ctx, type, arn));
    return Delete(txn, ctx, resource);
  }));
  return std::string("{}");
}

}  // namespace ivsrt::resources
