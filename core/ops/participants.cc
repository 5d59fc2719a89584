// CreateParticipantToken, DisconnectParticipant.
#include "core/errors.h"
#include "core/ops/handlers.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/registry.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"

namespace ivsrt::ops {

absl::StatusOr<std::string> CreateParticipantToken(const OpContext& ctx, const Value& request) {
  RETURN_IF_ERROR(CheckAttributes(request, "attributes"));
  std::string_view arn = StringOr(request, "stageArn", "");
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(StageRecord stage, LoadStage(txn, ctx, arn));
    JsonWriter w;
    w.BeginObject().Key("participantToken");
    RETURN_IF_ERROR(IssueToken(txn, ctx, arn, stage, request, w));
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> DisconnectParticipant(const OpContext& ctx, const Value& request) {
  std::string_view arn = StringOr(request, "stageArn", "");
  std::string_view participant_id = StringOr(request, "participantId", "");
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadStage(txn, ctx, arn).status());
    std::string key = ParticipantKey(arn, participant_id);
    ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kParticipants, key));
    if (!bytes.has_value()) {
      return ResourceNotFoundError(
          StrCat("Participant not found: ", participant_id, " on stage ", arn));
    }
    ASSIGN_OR_RETURN(ParticipantRecord participant, DecodeParticipant(*bytes));
    participant.revoked = true;
    participant.reason = std::string(StringOr(request, "reason", ""));
    return txn.Put(store::Table::kParticipants, key, EncodeParticipant(participant));
  }));
  return std::string("{}");
}

IVSRT_REGISTER_OPERATIONS(Participants, {"CreateParticipantToken", &CreateParticipantToken},
                          {"DisconnectParticipant", &DisconnectParticipant});

}  // namespace ivsrt::ops
