// CreateIngestConfiguration, GetIngestConfiguration, ListIngestConfigurations,
// UpdateIngestConfiguration, DeleteIngestConfiguration: stream keys through which RTMP(S)
// encoders publish into a stage (NOTES.md 5.12, 11, 13; README "Ingest configurations").
// The body is core/ops/ingest_record.h's; the encoders are simulated by ivsrt:StartIngest
// and ivsrt:StopIngest (core/ops/ingest_control.cc).
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/members.h"
#include "core/ops/ingest_record.h"
#include "core/ops/page_token.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/resources/listing.h"
#include "core/resources/operations.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;
constexpr ResourceType kType = ResourceType::kIngestConfiguration;
constexpr std::string_view kOutput =
    members::CreateIngestConfigurationResponse::ingestConfiguration;
// ListIngestConfigurations' documented default page (NOTES.md 5.9).
constexpr int64_t kDefaultPage = 50;

std::string Response(const LoadedIngest& ingest) {
  JsonWriter w;
  w.BeginObject().Key(kOutput);
  resources::WriteResource(w, ingest.resource);
  w.EndObject();
  return w.Take();
}

// A non-empty stageArn must name a stage of the caller's account and region. Neither
// CreateIngestConfiguration nor UpdateIngestConfiguration models the stage's absence (Update's
// ResourceNotFoundException is the configuration's), so it is a ValidationException on both,
// as for a stage's storage configuration (README: "Ingest configurations").
absl::Status CheckStage(const store::Txn& txn, const OpContext& ctx, std::string_view stage_arn) {
  if (stage_arn.empty()) return absl::OkStatus();
  absl::StatusOr<LoadedStage> stage = LoadStage(txn, ctx, stage_arn);
  if (absl::IsNotFound(stage.status())) {
    return ValidationError(StrCat("stageArn: no stage ", stage_arn, " in this account and region"));
  }
  return stage.status();
}

// Turns redundant ingest on (minting its credential) or off (dropping it).
absl::Status SetRedundant(store::Txn& txn, const OpContext& ctx, std::string_view id,
                          IngestBody& body, bool redundant) {
  body.redundant_ingest = redundant;
  if (!redundant) {
    body.redundant.clear();
  } else if (body.redundant.empty()) {
    ASSIGN_OR_RETURN(IngestCredential credential, MintCredential(txn, ctx, id));
    body.redundant.push_back(std::move(credential));
  }
  return absl::OkStatus();
}

}  // namespace

// RTMP sends the stream key in the clear: AWS requires insecureIngest true for it (the API
// reference, CreateIngestConfiguration.insecureIngest).
absl::StatusOr<std::string> CreateIngestConfiguration(const OpContext& ctx, const Value& request) {
  using In = members::CreateIngestConfigurationRequest;
  IngestBody body;
  body.ingest_protocol = request.Find(In::ingestProtocol)->as_string();
  const Value* insecure = request.Find(In::insecureIngest);
  if (body.ingest_protocol == "RTMP" && (insecure == nullptr || !insecure->as_bool())) {
    return ValidationError("insecureIngest: must be true when ingestProtocol is RTMP");
  }
  RETURN_IF_ERROR(CheckAttributes(request, In::attributes));
  ASSIGN_OR_RETURN(resources::TagMap tags, resources::RequestTags(request.Find(In::tags)));
  body.name = std::string(StringOr(request, In::name, ""));
  body.user_id = std::string(StringOr(request, In::userId, ""));
  body.stage_arn = std::string(StringOr(request, In::stageArn, ""));
  if (const Value* attributes = request.Find(In::attributes)) {
    JsonWriter w;
    w.BeginObject();
    for (const auto& [k, v] : attributes->entries()) w.Field(k, v.as_string());
    w.EndObject();
    body.attributes_json = w.Take();
  }
  const Value* redundant = request.Find(In::redundantIngest);
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(CheckStage(txn, ctx, body.stage_arn));
    // The id is drawn inside Create: the credentials, which name it, are minted after.
    ASSIGN_OR_RETURN(resources::Resource resource,
                     resources::Create(txn, ctx, kType, tags,
                                       [&](std::string_view) { return EncodeIngestBody(body); }));
    ASSIGN_OR_RETURN(body.primary, MintCredential(txn, ctx, resource.id));
    RETURN_IF_ERROR(
        SetRedundant(txn, ctx, resource.id, body, redundant != nullptr && redundant->as_bool()));
    resource.body = EncodeIngestBody(body);
    RETURN_IF_ERROR(resources::Save(txn, ctx, resource));
    response = Response(LoadedIngest{std::move(resource), std::move(body)});
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetIngestConfiguration(const OpContext& ctx, const Value& request) {
  return resources::GetOperation(
      ctx, kType, StringOr(request, members::GetIngestConfigurationRequest::arn, ""), kOutput);
}

// Only stageArn and redundantIngest change; an ACTIVE configuration cannot (NOTES.md 11:
// ConflictException).
absl::StatusOr<std::string> UpdateIngestConfiguration(const OpContext& ctx, const Value& request) {
  using In = members::UpdateIngestConfigurationRequest;
  std::string_view arn = StringOr(request, In::arn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedIngest ingest, LoadIngest(txn, ctx, arn));
    if (ingest.body.active) {
      return ConflictError(StrCat(arn, " is ACTIVE: an encoder publishes through it"));
    }
    if (const Value* stage = request.Find(In::stageArn)) {
      RETURN_IF_ERROR(CheckStage(txn, ctx, stage->as_string()));
      ingest.body.stage_arn = stage->as_string();
    }
    if (const Value* redundant = request.Find(In::redundantIngest)) {
      RETURN_IF_ERROR(
          SetRedundant(txn, ctx, ingest.resource.id, ingest.body, redundant->as_bool()));
    }
    ingest.resource.body = EncodeIngestBody(ingest.body);
    RETURN_IF_ERROR(resources::Save(txn, ctx, ingest.resource));
    response = Response(ingest);
    return absl::OkStatus();
  }));
  return response;
}

// An ACTIVE configuration goes only with force, which disconnects its encoder first
// (NOTES.md 5.18, 11).
absl::StatusOr<std::string> DeleteIngestConfiguration(const OpContext& ctx, const Value& request) {
  using In = members::DeleteIngestConfigurationRequest;
  std::string_view arn = StringOr(request, In::arn, "");
  const Value* force = request.Find(In::force);
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedIngest ingest, LoadIngest(txn, ctx, arn));
    if (ingest.body.active) {
      if (force == nullptr || !force->as_bool()) {
        return ConflictError(
            StrCat(arn, " is ACTIVE: an encoder publishes through it (force deletes it anyway)"));
      }
      RETURN_IF_ERROR(DisconnectIngest(txn, ctx, ingest.body));
    }
    return resources::Delete(txn, ctx, ingest.resource);
  }));
  return std::string("{}");
}

// filterByStageArn and filterByState exclude each other (the API reference; NOTES.md 5.10).
absl::StatusOr<std::string> ListIngestConfigurations(const OpContext& ctx, const Value& request) {
  using In = members::ListIngestConfigurationsRequest;
  const Value* by_stage = request.Find(In::filterByStageArn);
  const Value* by_state = request.Find(In::filterByState);
  if (by_stage != nullptr && by_state != nullptr) {
    return ValidationError("filterByStageArn and filterByState: give at most one of them");
  }
  resources::ListFilter keep;
  simdjson::dom::parser parser;  // one per List: the filter reads every summary
  if (by_stage != nullptr || by_state != nullptr) {
    const std::string_view member = by_stage != nullptr ? "stageArn" : "state";
    const std::string& wanted = (by_stage != nullptr ? by_stage : by_state)->as_string();
    keep = [&, member](const store::Txn&, std::string_view arn,
                       std::string_view summary) -> absl::StatusOr<bool> {
      std::string_view value;
      if (parser.parse(summary.data(), summary.size())[member].get_string().get(value) !=
          simdjson::SUCCESS) {
        return InternalError(StrCat("corrupt ingest configuration summary of ", arn));
      }
      return value == wanted;
    };
  }
  return resources::List(
      ctx, kType,
      {.operation = "ListIngestConfigurations",
       .list_member = members::ListIngestConfigurationsResponse::ingestConfigurations,
       .max_results = MaxResults(request, kDefaultPage),
       .next_token = StringOr(request, In::nextToken, "")},
      keep);
}

IVSRT_REGISTER_OPERATIONS(IngestConfigurations,
                          {"CreateIngestConfiguration", &CreateIngestConfiguration},
                          {"GetIngestConfiguration", &GetIngestConfiguration},
                          {"ListIngestConfigurations", &ListIngestConfigurations},
                          {"UpdateIngestConfiguration", &UpdateIngestConfiguration},
                          {"DeleteIngestConfiguration", &DeleteIngestConfiguration});

}  // namespace ivsrt::ops
