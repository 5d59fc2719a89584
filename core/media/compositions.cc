#include "core/media/compositions.h"

#include "absl/time/time.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/media/events.h"
#include "core/media/token_check.h"
#include "core/resources/references.h"

namespace ivsrt::media {
namespace {

Deadline StepDeadline(std::string_view composition_arn, int64_t due) {
  Deadline d;
  d.due = due;
  d.kind = DeadlineKind::kCompositionStep;
  d.composition_arn = std::string(composition_arn);
  return d;
}

// Replaces the composition's pending step (and its deadline) with `step` at `due`.
absl::Status SetNext(store::Txn& txn, LoadedComposition& c, CompositionStep step, int64_t due) {
  if (c.body.next != CompositionStep::kNone) {
    RETURN_IF_ERROR(RemoveDeadline(txn, StepDeadline(c.resource.arn, c.body.next_due)));
  }
  c.body.next = step;
  c.body.next_due = step == CompositionStep::kNone ? 0 : due;
  if (step == CompositionStep::kNone) return absl::OkStatus();
  return AddDeadline(txn, StepDeadline(c.resource.arn, due));
}

absl::Status Emit(store::Txn& txn, const OpContext& ctx, const LoadedComposition& c,
                  std::string_view event_name, int64_t at, std::string_view destination_id = "") {
  return EmitCompositionStateChange(txn, ctx,
                                    {.composition_arn = c.resource.arn,
                                     .stage_arn = c.body.stage_arn,
                                     .event_name = event_name,
                                     .time = at,
                                     .destination_id = destination_id});
}

bool IsRunning(const CompositionBody& body) {
  return body.state == "STARTING" || body.state == "ACTIVE";
}

absl::Status Activate(store::Txn& txn, const OpContext& ctx, LoadedComposition& c, int64_t at) {
  c.body.state = "ACTIVE";
  c.body.session_started = true;
  RETURN_IF_ERROR(Emit(txn, ctx, c, "Session Start", at));
  for (DestinationRecord& d : c.body.destinations) {
    if (d.state != "STARTING") continue;
    d.state = "ACTIVE";
    d.start_time = FormatUnixSeconds(at);
    RETURN_IF_ERROR(Emit(txn, ctx, c, "Destination Start", at, d.id));
  }
  return absl::OkStatus();
}

absl::Status BeginStop(store::Txn& txn, LoadedComposition& c, int64_t at) {
  c.body.state = "STOPPING";
  for (DestinationRecord& d : c.body.destinations) {
    if (d.state != "STOPPED" && d.state != "FAILED") d.state = "STOPPING";
  }
  return SetNext(txn, c, CompositionStep::kStopped, at + kCompositionStopSeconds);
}

absl::Status Finish(store::Txn& txn, const OpContext& ctx, LoadedComposition& c, int64_t at) {
  c.body.state = "STOPPED";
  c.body.end_time = FormatUnixSeconds(at);
  for (DestinationRecord& d : c.body.destinations) {
    if (d.state == "STOPPED" || d.state == "FAILED") continue;
    d.state = "STOPPED";
    d.end_time = FormatUnixSeconds(at);
    if (!d.start_time.empty()) RETURN_IF_ERROR(Emit(txn, ctx, c, "Destination End", at, d.id));
  }
  if (c.body.session_started) RETURN_IF_ERROR(Emit(txn, ctx, c, "Session End", at));
  // An ended composition no longer holds its storage and encoder configurations.
  RETURN_IF_ERROR(resources::RemoveReferencesFrom(txn, c.resource.arn));
  return SetNext(txn, c, CompositionStep::kVanish, at + kCompositionRetentionSeconds);
}

}  // namespace

absl::Status ScheduleFirstStep(store::Txn& txn, LoadedComposition& c, bool stage_has_publisher,
                               int64_t now) {
  return stage_has_publisher
             ? SetNext(txn, c, CompositionStep::kActivate, now + kCompositionStartDelaySeconds)
             : SetNext(txn, c, CompositionStep::kIdleStop, now + kCompositionIdleSeconds);
}

absl::Status StopComposition(store::Txn& txn, const OpContext& ctx, LoadedComposition& c,
                             int64_t now) {
  if (!IsRunning(c.body)) return absl::OkStatus();
  RETURN_IF_ERROR(BeginStop(txn, c, now));
  return SaveComposition(txn, ctx, c);
}

absl::Status StagePublishersChanged(store::Txn& txn, const OpContext& ctx,
                                    std::string_view stage_arn, bool has_publisher, int64_t now) {
  ASSIGN_OR_RETURN(std::vector<LoadedComposition> compositions,
                   CompositionsOfStage(txn, ctx, stage_arn));
  for (LoadedComposition& c : compositions) {
    if (!IsRunning(c.body)) continue;
    if (!has_publisher) {
      RETURN_IF_ERROR(SetNext(txn, c, CompositionStep::kIdleStop, now + kCompositionIdleSeconds));
    } else if (c.body.state == "STARTING") {
      RETURN_IF_ERROR(
          SetNext(txn, c, CompositionStep::kActivate, now + kCompositionStartDelaySeconds));
    } else {
      RETURN_IF_ERROR(SetNext(txn, c, CompositionStep::kNone, 0));
    }
    RETURN_IF_ERROR(SaveComposition(txn, ctx, c));
  }
  return absl::OkStatus();
}

absl::Status StopStageCompositions(store::Txn& txn, const OpContext& ctx,
                                   std::string_view stage_arn, int64_t now) {
  ASSIGN_OR_RETURN(std::vector<LoadedComposition> compositions,
                   CompositionsOfStage(txn, ctx, stage_arn));
  for (LoadedComposition& c : compositions) RETURN_IF_ERROR(StopComposition(txn, ctx, c, now));
  return absl::OkStatus();
}

absl::Status ApplyCompositionStep(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  OpContext composition_ctx = PartitionOf(ctx, d.composition_arn);
  absl::StatusOr<LoadedComposition> loaded =
      LoadComposition(txn, composition_ctx, d.composition_arn);
  if (absl::IsNotFound(loaded.status())) return absl::OkStatus();
  RETURN_IF_ERROR(loaded.status());
  LoadedComposition& c = *loaded;
  if (c.body.next == CompositionStep::kNone || c.body.next_due != d.due) return absl::OkStatus();
  const CompositionStep step = c.body.next;
  c.body.next = CompositionStep::kNone;  // its deadline is gone already
  c.body.next_due = 0;
  switch (step) {
    case CompositionStep::kActivate:
      RETURN_IF_ERROR(Activate(txn, composition_ctx, c, d.due));
      break;
    case CompositionStep::kIdleStop:
      RETURN_IF_ERROR(BeginStop(txn, c, d.due));
      break;
    case CompositionStep::kStopped:
      RETURN_IF_ERROR(Finish(txn, composition_ctx, c, d.due));
      break;
    case CompositionStep::kVanish:
      return resources::Delete(txn, composition_ctx, c.resource);
    case CompositionStep::kNone:
      break;
  }
  return SaveComposition(txn, composition_ctx, c);
}

}  // namespace ivsrt::media
