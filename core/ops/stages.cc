// CreateStage, GetStage, ListStages, UpdateStage, DeleteStage.
#include <vector>

#include "core/errors.h"
#include "core/media/compositions.h"
#include "core/media/live_session.h"
#include "core/media/participant_recording.h"
#include "core/media/replication.h"
#include "core/model/members.h"
#include "core/ops/ingest_record.h"
#include "core/ops/page_token.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/recording_config.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/resources/listing.h"
#include "core/resources/references.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;

// ListStages' documented default page (NOTES.md section 5.9).
constexpr int64_t kDefaultListStagesPage = 50;

std::string StageResponse(const LoadedStage& stage) {
  JsonWriter w;
  w.BeginObject().Key("stage");
  WriteStage(w, stage.resource, stage.body);
  w.EndObject();
  return w.Take();
}

// The recording configuration's storage configuration must exist in the caller's account
// and region. CreateStage models no ResourceNotFoundException, so a missing one is a
// ValidationException on both CreateStage and UpdateStage (README: "Recording").
absl::Status ReferToStorageConfiguration(store::Txn& txn, const OpContext& ctx,
                                         std::string_view stage_arn,
                                         std::string_view recording_json, const Value* config) {
  RETURN_IF_ERROR(resources::RemoveReferencesFrom(txn, stage_arn));
  if (recording_json.empty() || config == nullptr) return absl::OkStatus();
  const std::string& storage_arn =
      config->Find(members::AutoParticipantRecordingConfiguration::storageConfigurationArn)
          ->as_string();
  auto storage = resources::Load(txn, ctx, ResourceType::kStorageConfiguration, storage_arn);
  if (absl::IsNotFound(storage.status())) {
    return ValidationError(
        StrCat("autoParticipantRecordingConfiguration.storageConfigurationArn: no storage "
               "configuration ",
               storage_arn, " in this account and region"));
  }
  RETURN_IF_ERROR(storage.status());
  return resources::AddReference(txn, stage_arn, storage_arn);
}

}  // namespace

absl::StatusOr<std::string> CreateStage(const OpContext& ctx, const Value& request) {
  using In = members::CreateStageRequest;
  ASSIGN_OR_RETURN(resources::TagMap tags, resources::RequestTags(request.Find(In::tags)));
  const Value* token_configs = request.Find(In::participantTokenConfigurations);
  if (token_configs) {
    for (size_t i = 0; i < token_configs->items().size(); ++i) {
      RETURN_IF_ERROR(
          CheckAttributes(token_configs->items()[i],
                          StrCat(In::participantTokenConfigurations, "[", i, "].attributes")));
    }
  }
  StageBody body;
  body.name = std::string(StringOr(request, In::name, ""));
  const Value* recording = request.Find(In::autoParticipantRecordingConfiguration);
  if (recording) body.recording_json = CanonicalRecordingConfig(*recording);

  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(
        resources::Resource resource,
        resources::Create(txn, ctx, ResourceType::kStage, tags, [&](std::string_view id) {
          body.endpoint_host = ctx.services->ids.Hex12(StrCat("endpoint:", id));
          return EncodeStageBody(body);
        }));
    RETURN_IF_ERROR(
        ReferToStorageConfiguration(txn, ctx, resource.arn, body.recording_json, recording));
    LoadedStage stage{std::move(resource), std::move(body)};
    JsonWriter w;
    w.BeginObject();
    // Without token configurations AWS's answer has no participantTokens at all (the AWS
    // CLI's create-stage examples).
    if (token_configs) {
      w.Key("participantTokens").BeginArray();
      for (const Value& config : token_configs->items()) {
        RETURN_IF_ERROR(IssueToken(txn, ctx, stage, config, TokenFor::kCreateStage, w));
      }
      w.EndArray();
    }
    w.Key("stage");
    WriteStage(w, stage.resource, stage.body);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetStage(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, members::GetStageRequest::arn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, arn));
    response = StageResponse(stage);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> ListStages(const OpContext& ctx, const Value& request) {
  using In = members::ListStagesRequest;
  return resources::List(ctx, ResourceType::kStage,
                         {.operation = "ListStages",
                          .list_member = members::ListStagesResponse::stages,
                          .max_results = MaxResults(request, kDefaultListStagesPage),
                          .next_token = StringOr(request, In::nextToken, "")});
}

absl::StatusOr<std::string> UpdateStage(const OpContext& ctx, const Value& request) {
  using In = members::UpdateStageRequest;
  std::string_view arn = StringOr(request, In::arn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, arn));
    if (const Value* name = request.Find(In::name)) stage.body.name = name->as_string();
    if (const Value* recording = request.Find(In::autoParticipantRecordingConfiguration)) {
      // The API reference: it "cannot be updated while recording is active".
      if (!stage.body.active_session_id.empty()) {
        ASSIGN_OR_RETURN(
            bool recording_active,
            media::AnyRecordingActive(txn, stage.resource.arn, stage.body.active_session_id));
        if (recording_active) {
          return ConflictError(
              StrCat("autoParticipantRecordingConfiguration cannot be updated while recording "
                     "is active on stage ",
                     stage.resource.arn));
        }
      }
      stage.body.recording_json = CanonicalRecordingConfig(*recording);
      RETURN_IF_ERROR(ReferToStorageConfiguration(txn, ctx, stage.resource.arn,
                                                  stage.body.recording_json, recording));
    }
    stage.resource.body = EncodeStageBody(stage.body);
    RETURN_IF_ERROR(resources::Save(txn, ctx, stage.resource));
    response = StageResponse(stage);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> DeleteStage(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, members::DeleteStageRequest::arn, "");
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, arn));
    RETURN_IF_ERROR(resources::Delete(txn, ctx, stage.resource));
    // Its session ends at once, every participant disconnected, and its media plane goes.
    ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                     media::LiveSession::Of(txn, ctx, std::move(stage)));
    if (live) RETURN_IF_ERROR(live->EndForDeletedStage(absl::ToUnixSeconds(ctx.now)));
    RETURN_IF_ERROR(media::EndReplicationsOfDeletedStage(txn, arn, absl::ToUnixSeconds(ctx.now)));
    RETURN_IF_ERROR(media::DeleteStageMedia(txn, arn));
    RETURN_IF_ERROR(media::StopStageCompositions(txn, ctx, arn, absl::ToUnixSeconds(ctx.now)));
    // Every token of the stage is revoked with it: its participants go too.
    std::vector<std::string> participants;
    std::string prefix = ParticipantPrefix(arn);
    RETURN_IF_ERROR(txn.Scan(store::Table::kParticipants, prefix, prefix,
                             [&](std::string_view key, std::string_view) {
                               participants.emplace_back(key);
                               return true;
                             }));
    for (const std::string& key : participants) {
      RETURN_IF_ERROR(txn.Delete(store::Table::kParticipants, key));
    }
    // Ingest configurations attached to it are detached (stageArn "", INACTIVE: NOTES.md 11).
    return DetachIngestConfigurations(txn, ctx, arn, "").status();
  }));
  return std::string("{}");
}

IVSRT_REGISTER_OPERATIONS(Stages, {"CreateStage", &CreateStage}, {"GetStage", &GetStage},
                          {"ListStages", &ListStages}, {"UpdateStage", &UpdateStage},
                          {"DeleteStage", &DeleteStage});

}  // namespace ivsrt::ops
