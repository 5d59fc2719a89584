// ivsrt:InjectFault {"target", "fault", "destinationId"?, "participantId"?}: the failure paths
// no AWS call can provoke, for a test to drive (README, "Test control" and "Compositions",
// "Faults"): a composition's destinations reconnecting or failing, the composition failing,
// a participant's recording failing to start or to end. The states, times and events are
// core/media/compositions.h's and core/media/participant_recording.h's.
#include <array>

#include "core/arn.h"
#include "core/errors.h"
#include "core/media/compositions.h"
#include "core/media/participant_recording.h"
#include "core/media/token_check.h"
#include "core/ops/composition_record.h"
#include "core/ops/control_body.h"
#include "core/ops/handlers.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

struct FaultName {
  std::string_view name;
  bool on_composition;  // else on a stage's participant
  media::CompositionFault composition_fault;
  media::RecordingFault recording_fault;
};

constexpr std::array kFaults = {
    FaultName{"destination_failure", true, media::CompositionFault::kDestinationFailure, {}},
    FaultName{
        "destination_reconnecting", true, media::CompositionFault::kDestinationReconnecting, {}},
    FaultName{"session_failure", true, media::CompositionFault::kSessionFailure, {}},
    FaultName{"recording_start_failure", false, {}, media::RecordingFault::kStartFailure},
    FaultName{"recording_end_failure", false, {}, media::RecordingFault::kEndFailure},
};

absl::StatusOr<FaultName> ReadFault(simdjson::dom::object request) {
  ASSIGN_OR_RETURN(std::string_view fault, RequiredString(request, "fault"));
  for (const FaultName& f : kFaults) {
    if (f.name == fault) return f;
  }
  return ValidationError(
      "fault: must be \"destination_failure\", \"destination_reconnecting\" or "
      "\"session_failure\" (a composition target), or \"recording_start_failure\" or "
      "\"recording_end_failure\" (a stage target)");
}

// An optional non-empty string member; ValidationException naming it otherwise.
absl::StatusOr<std::string_view> OptionalString(simdjson::dom::object request,
                                                std::string_view member) {
  std::optional<simdjson::dom::element> element = Member(request, member);
  if (!element) return std::string_view();
  std::string_view value;
  if (element->get_string().get(value) != simdjson::SUCCESS || value.empty()) {
    return ValidationError(StrCat(member, ": must be a non-empty string"));
  }
  return value;
}

absl::Status Refuse(simdjson::dom::object request, std::string_view member,
                    std::string_view fault) {
  if (!Member(request, member)) return absl::OkStatus();
  return ValidationError(StrCat(member, ": ", fault, " takes no ", member));
}

absl::Status InjectIntoComposition(const OpContext& ctx, simdjson::dom::object request,
                                   const FaultName& fault) {
  ASSIGN_OR_RETURN(std::string_view arn, RequiredModelString(request, "target", "CompositionArn"));
  RETURN_IF_ERROR(Refuse(request, "participantId", fault.name));
  if (fault.composition_fault == media::CompositionFault::kSessionFailure) {
    RETURN_IF_ERROR(Refuse(request, "destinationId", fault.name));
  }
  ASSIGN_OR_RETURN(std::string_view destination_id, OptionalString(request, "destinationId"));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  return ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    OpContext composition_ctx = media::PartitionOf(ctx, arn);
    ASSIGN_OR_RETURN(LoadedComposition c, LoadComposition(txn, composition_ctx, arn));
    return media::InjectCompositionFault(txn, composition_ctx, c, fault.composition_fault,
                                         destination_id, now);
  });
}

absl::Status InjectIntoRecording(const OpContext& ctx, simdjson::dom::object request,
                                 const FaultName& fault) {
  ASSIGN_OR_RETURN(std::string_view stage_arn, RequiredModelString(request, "target", "StageArn"));
  ASSIGN_OR_RETURN(std::string_view participant_id,
                   RequiredModelString(request, "participantId", "ParticipantTokenId"));
  RETURN_IF_ERROR(Refuse(request, "destinationId", fault.name));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  return ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    OpContext stage_ctx = media::PartitionOf(ctx, stage_arn);
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, stage_ctx, stage_arn));
    if (stage.body.active_session_id.empty()) {
      return ResourceNotFoundError(StrCat("participantId: stage ", stage_arn,
                                          " has no active session, so no participant ",
                                          participant_id));
    }
    return media::InjectRecordingFault(txn, stage_ctx, stage_arn, stage.body.active_session_id,
                                       participant_id, fault.recording_fault, now);
  });
}

}  // namespace

absl::StatusOr<std::string> InjectFault(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view target, RequiredString(request, "target"));
  ASSIGN_OR_RETURN(FaultName fault, ReadFault(request));
  std::optional<Arn> arn = ParseArn(target);
  const std::string_view kind = fault.on_composition ? "composition" : "stage";
  if (!arn || arn->resource_type != kind) {
    return ValidationError(StrCat("target: ", fault.name, " applies to a ", kind,
                                  " ARN (arn:aws:ivs:{region}:{account}:", kind, "/{id})"));
  }
  RETURN_IF_ERROR(fault.on_composition ? InjectIntoComposition(ctx, request, fault)
                                       : InjectIntoRecording(ctx, request, fault));
  return std::string("{}");
}

}  // namespace ivsrt::ops
