// CreateStorageConfiguration, GetStorageConfiguration, ListStorageConfigurations,
// DeleteStorageConfiguration. The body is the StorageConfiguration's own members,
// {"name", "s3": {"bucketName"}}; the model's patterns hold every rule (bucketName 3-63 of
// [a-z0-9-.], name 0-128 of [a-zA-Z0-9-_]). Whether the bucket exists, and is in the stage's
// region, AWS checks and ivsrt cannot (README: "Storage configurations").
#include <algorithm>

#include "core/json/writer.h"
#include "core/model/members.h"
#include "core/ops/page_token.h"
#include "core/ops/registry.h"
#include "core/resources/listing.h"
#include "core/resources/operations.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;
constexpr ResourceType kType = ResourceType::kStorageConfiguration;
constexpr std::string_view kOutput =
    members::CreateStorageConfigurationResponse::storageConfiguration;

}  // namespace

absl::StatusOr<std::string> CreateStorageConfiguration(const OpContext& ctx, const Value& request) {
  using In = members::CreateStorageConfigurationRequest;
  using S3 = members::S3StorageConfiguration;
  JsonWriter body;
  body.BeginObject();
  body.Field(In::name, StringOr(request, In::name, ""));
  body.Key(In::s3).BeginObject();
  body.Field(S3::bucketName, request.Find(In::s3)->Find(S3::bucketName)->as_string());
  body.EndObject().EndObject();
  return resources::CreateOperation(ctx, kType, request.Find(In::tags), body.Take(), kOutput);
}

absl::StatusOr<std::string> GetStorageConfiguration(const OpContext& ctx, const Value& request) {
  return resources::GetOperation(
      ctx, kType, StringOr(request, members::GetStorageConfigurationRequest::arn, ""), kOutput);
}

// A storage configuration that a stage's autoParticipantRecordingConfiguration names cannot
// go: ConflictException (the resource layer's references; README: "Recording").
absl::StatusOr<std::string> DeleteStorageConfiguration(const OpContext& ctx, const Value& request) {
  return resources::DeleteOperation(
      ctx, kType, StringOr(request, members::DeleteStorageConfigurationRequest::arn, ""));
}

// The documented default page: "your service quota or 100, whichever is smaller".
absl::StatusOr<std::string> ListStorageConfigurations(const OpContext& ctx, const Value& request) {
  using In = members::ListStorageConfigurationsRequest;
  const int64_t default_page = std::min<int64_t>(100, ctx.services->quotas.limit(kType));
  return resources::List(
      ctx, kType,
      {.operation = "ListStorageConfigurations",
       .list_member = members::ListStorageConfigurationsResponse::storageConfigurations,
       .max_results = MaxResults(request, std::max<int64_t>(default_page, 1)),
       .next_token = StringOr(request, In::nextToken, "")});
}

IVSRT_REGISTER_OPERATIONS(StorageConfigurations,
                          {"CreateStorageConfiguration", &CreateStorageConfiguration},
                          {"GetStorageConfiguration", &GetStorageConfiguration},
                          {"ListStorageConfigurations", &ListStorageConfigurations},
                          {"DeleteStorageConfiguration", &DeleteStorageConfiguration});

}  // namespace ivsrt::ops
