// GetStageSession, ListStageSessions, GetParticipant, ListParticipants,
// ListParticipantEvents: what the simulated media plane (core/media/) recorded.
#include "core/errors.h"
#include "core/media/keys.h"
#include "core/media/live_session.h"
#include "core/model/members.h"
#include "core/ops/key_page.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

absl::Status SessionNotFound(std::string_view stage_arn, std::string_view session_id) {
  return ResourceNotFoundError(
      StrCat("StageSession not found: ", session_id, " of stage ", stage_arn));
}

// The stage (in the caller's partition) and its session `session_id`.
absl::StatusOr<media::SessionRecord> LoadStageSession(const store::Txn& txn, const OpContext& ctx,
                                                      std::string_view stage_arn,
                                                      std::string_view session_id) {
  RETURN_IF_ERROR(LoadStage(txn, ctx, stage_arn).status());
  ASSIGN_OR_RETURN(std::optional<media::SessionRecord> session,
                   media::LoadSession(txn, stage_arn, session_id));
  if (!session) return SessionNotFound(stage_arn, session_id);
  return std::move(*session);
}

absl::StatusOr<media::SessionParticipant> LoadSessionParticipant(const store::Txn& txn,
                                                                 const OpContext& ctx,
                                                                 std::string_view stage_arn,
                                                                 std::string_view session_id,
                                                                 std::string_view participant_id) {
  RETURN_IF_ERROR(LoadStageSession(txn, ctx, stage_arn, session_id).status());
  ASSIGN_OR_RETURN(std::optional<media::SessionParticipant> p,
                   media::LoadParticipant(txn, stage_arn, session_id, participant_id));
  if (!p) {
    return ResourceNotFoundError(StrCat("Participant not found: ", participant_id, " in session ",
                                        session_id, " of stage ", stage_arn));
  }
  return std::move(*p);
}

// ListParticipants' filters: at most one (the API reference: "Only one ... can be
// provided per request").
struct ParticipantFilter {
  const Value* user_id = nullptr;
  const Value* published = nullptr;
  const Value* state = nullptr;
  const Value* recording_state = nullptr;

  bool Passes(const media::SessionParticipant& p) const {
    if (user_id) return p.user_id == user_id->as_string();
    if (published) return p.published == published->as_bool();
    if (state) return (p.connected ? "CONNECTED" : "DISCONNECTED") == state->as_string();
    // A participant of a stage that does not record has no recordingState: it matches none.
    return recording_state == nullptr || p.recording_state == recording_state->as_string();
  }
};

}  // namespace

absl::StatusOr<std::string> GetStageSession(const OpContext& ctx, const Value& request) {
  using In = members::GetStageSessionRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string_view session_id = StringOr(request, In::sessionId, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(media::SessionRecord session, LoadStageSession(txn, ctx, arn, session_id));
    JsonWriter w;
    w.BeginObject().Key("stageSession");
    media::WriteSession(w, session);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> ListStageSessions(const OpContext& ctx, const Value& request) {
  using In = members::ListStageSessionsRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadStage(txn, ctx, arn).status());
    ASSIGN_OR_RETURN(
        response, Page(ctx, txn, StrCat("ListStageSessions\n", arn),
                       members::ListStageSessionsResponse::stageSessions, store::Table::kSessions,
                       media::SessionOrderPrefix(arn), request,
                       [](std::string_view value, JsonWriter& items) -> absl::StatusOr<bool> {
                         ASSIGN_OR_RETURN(media::SessionRecord s, media::DecodeSession(value));
                         media::WriteSession(items, s);
                         return true;
                       }));
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetParticipant(const OpContext& ctx, const Value& request) {
  using In = members::GetParticipantRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string_view session_id = StringOr(request, In::sessionId, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(media::SessionParticipant p,
                     LoadSessionParticipant(txn, ctx, arn, session_id, participant_id));
    JsonWriter w;
    w.BeginObject().Key("participant");
    media::WriteParticipant(w, p);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> ListParticipants(const OpContext& ctx, const Value& request) {
  using In = members::ListParticipantsRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string_view session_id = StringOr(request, In::sessionId, "");
  ParticipantFilter filter{request.Find(In::filterByUserId), request.Find(In::filterByPublished),
                           request.Find(In::filterByState),
                           request.Find(In::filterByRecordingState)};
  if ((filter.user_id != nullptr) + (filter.published != nullptr) + (filter.state != nullptr) +
          (filter.recording_state != nullptr) >
      1) {
    return ValidationError(
        "Only one of filterByUserId, filterByPublished, filterByState and "
        "filterByRecordingState can be provided per request");
  }
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadStageSession(txn, ctx, arn, session_id).status());
    ASSIGN_OR_RETURN(
        response,
        Page(ctx, txn, StrCat("ListParticipants\n", arn, "\n", session_id),
             members::ListParticipantsResponse::participants, store::Table::kSessionParticipants,
             media::ParticipantOrderPrefix(arn, session_id), request,
             [&](std::string_view value, JsonWriter& items) -> absl::StatusOr<bool> {
               ASSIGN_OR_RETURN(media::SessionParticipant p, media::DecodeParticipant(value));
               if (!filter.Passes(p)) return false;
               media::WriteParticipantSummary(items, p);
               return true;
             }));
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> ListParticipantEvents(const OpContext& ctx, const Value& request) {
  using In = members::ListParticipantEventsRequest;
  std::string_view arn = StringOr(request, In::stageArn, "");
  std::string_view session_id = StringOr(request, In::sessionId, "");
  std::string_view participant_id = StringOr(request, In::participantId, "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadSessionParticipant(txn, ctx, arn, session_id, participant_id).status());
    ASSIGN_OR_RETURN(
        response,
        Page(ctx, txn,
             StrCat("ListParticipantEvents\n", arn, "\n", session_id, "\n", participant_id),
             members::ListParticipantEventsResponse::events, store::Table::kParticipantEvents,
             media::EventPrefix(arn, session_id, participant_id), request,
             [](std::string_view value, JsonWriter& items) -> absl::StatusOr<bool> {
               items.Raw(value);
               return true;
             }));
    return absl::OkStatus();
  }));
  return response;
}

IVSRT_REGISTER_OPERATIONS(Sessions, {"GetStageSession", &GetStageSession},
                          {"ListStageSessions", &ListStageSessions},
                          {"GetParticipant", &GetParticipant},
                          {"ListParticipants", &ListParticipants},
                          {"ListParticipantEvents", &ListParticipantEvents});

}  // namespace ivsrt::ops
