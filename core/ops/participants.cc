// CreateParticipantToken, DisconnectParticipant.
#include "core/errors.h"
#include "core/media/live_session.h"
#include "core/model/members.h"
#include "core/ops/ingest_record.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

// A replica (core/media/replication.h) holds no token to revoke: disconnecting it makes it
// leave, which ends its replication. False when `participant_id` is no connected replica.
absl::StatusOr<bool> DisconnectReplica(store::Txn& txn, const OpContext& ctx, LoadedStage stage,
                                       std::string_view participant_id, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                   media::LiveSession::Of(txn, ctx, std::move(stage)));
  if (!live) return false;
  ASSIGN_OR_RETURN(
      std::optional<media::SessionParticipant> p,
      media::LoadParticipant(txn, live->stage_arn(), live->session().session_id, participant_id));
  if (!p || !p->connected || p->replication_type != "REPLICA") return false;
  RETURN_IF_ERROR(live->Leave(*p, now));
  RETURN_IF_ERROR(live->Save());
  return true;
}

}  // namespace

absl::StatusOr<std::string> CreateParticipantToken(const OpContext& ctx, const Value& request) {
  RETURN_IF_ERROR(CheckAttributes(request, "attributes"));
  std::string_view arn = StringOr(request, members::CreateParticipantTokenRequest::stageArn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, arn));
    JsonWriter w;
    w.BeginObject().Key("participantToken");
    RETURN_IF_ERROR(IssueToken(txn, ctx, stage, request, TokenFor::kCreateParticipantToken, w));
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> DisconnectParticipant(const OpContext& ctx, const Value& request) {
  using In = members::DisconnectParticipantRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, ctx, arn));
    // An ingest participant is disconnected and its configuration detached from the stage
    // (stageArn "": NOTES.md 11), so that its encoder cannot publish again until updated.
    ASSIGN_OR_RETURN(int detached, DetachIngestConfigurations(txn, ctx, arn, participant_id));
    if (detached != 0) return absl::OkStatus();
    ASSIGN_OR_RETURN(bool replica, DisconnectReplica(txn, ctx, stage, participant_id,
                                                     absl::ToUnixSeconds(ctx.now)));
    if (replica) return absl::OkStatus();
    std::string key = ParticipantKey(arn, participant_id);
    ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kParticipants, key));
    if (!bytes.has_value()) {
      return ResourceNotFoundError(
          StrCat("Participant not found: ", participant_id, " on stage ", arn));
    }
    ASSIGN_OR_RETURN(ParticipantRecord participant, DecodeParticipant(*bytes));
    participant.revoked = true;
    participant.reason = std::string(StringOr(request, In::reason, ""));
    RETURN_IF_ERROR(txn.Put(store::Table::kParticipants, key, EncodeParticipant(participant)));
    // A connected participant is disconnected at once: its media stops, then LEFT.
    ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                     media::LiveSession::Of(txn, ctx, std::move(stage)));
    if (!live) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::optional<media::SessionParticipant> p,
                     media::LoadParticipant(txn, arn, live->session().session_id, participant_id));
    if (!p || !p->connected) return absl::OkStatus();
    RETURN_IF_ERROR(live->Leave(*p, absl::ToUnixSeconds(ctx.now)));
    return live->Save();
  }));
  return std::string("{}");
}

IVSRT_REGISTER_OPERATIONS(Participants, {"CreateParticipantToken", &CreateParticipantToken},
                          {"DisconnectParticipant", &DisconnectParticipant});

}  // namespace ivsrt::ops
