#include "core/media/compositions.h"

#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/media/events.h"
#include "core/media/token_check.h"
#include "core/resources/references.h"
#include "core/strings.h"

namespace ivsrt::media {
namespace {

Deadline StepDeadline(std::string_view composition_arn, int64_t due) {
  Deadline d;
  d.due = due;
  d.kind = DeadlineKind::kCompositionStep;
  d.composition_arn = std::string(composition_arn);
  return d;
}

absl::StatusOr<Deadline> LifeDeadline(const LoadedComposition& c) {
  std::optional<absl::Time> start = ParseClockTime(c.body.start_time);
  if (!start) return InternalError("corrupt composition record: startTime");
  Deadline d;
  d.due = absl::ToUnixSeconds(*start) + kCompositionMaxLifeSeconds;
  d.kind = DeadlineKind::kCompositionLife;
  d.composition_arn = c.resource.arn;
  return d;
}

// A destination that has ended: STOPPED, or FAILED.
bool HasEnded(const DestinationRecord& d) { return d.state == "STOPPED" || d.state == "FAILED"; }

Deadline ReconnectDeadline(const LoadedComposition& c, const DestinationRecord& destination) {
  Deadline d;
  d.due = destination.reconnect_due;
  d.kind = DeadlineKind::kDestinationReconnect;
  d.composition_arn = c.resource.arn;
  d.destination_id = destination.id;
  return d;
}

// Ends a destination's reconnect, if any, and its deadline.
absl::Status CancelReconnect(store::Txn& txn, const LoadedComposition& c, DestinationRecord& d) {
  if (d.reconnect_due == 0) return absl::OkStatus();
  RETURN_IF_ERROR(RemoveDeadline(txn, ReconnectDeadline(c, d)));
  d.reconnect_due = 0;
  d.reconnect_outcome.clear();
  return absl::OkStatus();
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
    if (HasEnded(d)) continue;
    RETURN_IF_ERROR(CancelReconnect(txn, c, d));
    d.state = "STOPPING";
  }
  return SetNext(txn, c, CompositionStep::kStopped, at + kCompositionStopSeconds);
}

// What ends a composition, STOPPED or FAILED: its end time, its life limit gone, its
// references to storage and encoder configurations released, and its deletion scheduled.
absl::Status End(store::Txn& txn, LoadedComposition& c, std::string_view state, int64_t at) {
  c.body.state = std::string(state);
  c.body.end_time = FormatUnixSeconds(at);
  ASSIGN_OR_RETURN(Deadline life, LifeDeadline(c));
  RETURN_IF_ERROR(RemoveDeadline(txn, life));
  RETURN_IF_ERROR(resources::RemoveReferencesFrom(txn, c.resource.arn));
  return SetNext(txn, c, CompositionStep::kVanish, at + kCompositionRetentionSeconds);
}

// The composition fails at `at` (session_failure, or its last destination failed): every
// destination that has not ended fails with it.
absl::Status Fail(store::Txn& txn, const OpContext& ctx, LoadedComposition& c, int64_t at) {
  for (DestinationRecord& d : c.body.destinations) {
    if (HasEnded(d)) continue;
    RETURN_IF_ERROR(CancelReconnect(txn, c, d));
    d.state = "FAILED";
    d.end_time = FormatUnixSeconds(at);
    if (!d.start_time.empty()) {
      RETURN_IF_ERROR(Emit(txn, ctx, c, "Destination Failure", at, d.id));
    }
  }
  RETURN_IF_ERROR(Emit(txn, ctx, c, "Session Failure", at));
  return End(txn, c, "FAILED", at);
}

absl::Status Finish(store::Txn& txn, const OpContext& ctx, LoadedComposition& c, int64_t at) {
  for (DestinationRecord& d : c.body.destinations) {
    if (HasEnded(d)) continue;
    d.state = "STOPPED";
    d.end_time = FormatUnixSeconds(at);
    if (!d.start_time.empty()) RETURN_IF_ERROR(Emit(txn, ctx, c, "Destination End", at, d.id));
  }
  if (c.body.session_started) RETURN_IF_ERROR(Emit(txn, ctx, c, "Session End", at));
  return End(txn, c, "STOPPED", at);
}

// The composition `arn` of a deadline, in its partition; nullopt once it has vanished.
absl::StatusOr<std::optional<LoadedComposition>> CompositionOf(const store::Txn& txn,
                                                               const OpContext& ctx,
                                                               std::string_view arn) {
  absl::StatusOr<LoadedComposition> loaded = LoadComposition(txn, ctx, arn);
  if (absl::IsNotFound(loaded.status())) return std::optional<LoadedComposition>();
  RETURN_IF_ERROR(loaded.status());
  return std::optional<LoadedComposition>(std::move(*loaded));
}

absl::Status InjectDestinationFault(store::Txn& txn, const OpContext& ctx, LoadedComposition& c,
                                    CompositionFault fault, std::string_view destination_id,
                                    int64_t now) {
  std::vector<DestinationRecord*> targets;
  for (DestinationRecord& d : c.body.destinations) {
    if (!destination_id.empty() && d.id != destination_id) continue;
    if (!destination_id.empty() && d.state != "ACTIVE") {
      return ConflictError(StrCat("destinationId: destination ", d.id, " of composition ",
                                  c.resource.arn, " is ", d.state,
                                  "; a destination fault applies to an ACTIVE destination"));
    }
    if (d.state == "ACTIVE") targets.push_back(&d);
  }
  if (!destination_id.empty() && targets.empty()) {
    return ResourceNotFoundError(StrCat("destinationId: composition ", c.resource.arn,
                                        " has no destination ", destination_id));
  }
  if (targets.empty()) {
    return ConflictError(StrCat("target: composition ", c.resource.arn, " is ", c.body.state,
                                " and has no ACTIVE destination to fault"));
  }
  for (DestinationRecord* d : targets) {
    d->state = "RECONNECTING";
    d->reconnect_due = now + kDestinationReconnectSeconds;
    d->reconnect_outcome =
        fault == CompositionFault::kDestinationReconnecting ? "ACTIVE" : "FAILED";
    RETURN_IF_ERROR(AddDeadline(txn, ReconnectDeadline(c, *d)));
    RETURN_IF_ERROR(Emit(txn, ctx, c, "Destination Reconnecting", now, d->id));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ScheduleFirstStep(store::Txn& txn, LoadedComposition& c, bool stage_has_publisher,
                               int64_t now) {
  ASSIGN_OR_RETURN(Deadline life, LifeDeadline(c));
  RETURN_IF_ERROR(AddDeadline(txn, life));
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

absl::Status InjectCompositionFault(store::Txn& txn, const OpContext& ctx, LoadedComposition& c,
                                    CompositionFault fault, std::string_view destination_id,
                                    int64_t now) {
  if (fault != CompositionFault::kSessionFailure) {
    RETURN_IF_ERROR(InjectDestinationFault(txn, ctx, c, fault, destination_id, now));
  } else if (IsRunning(c.body)) {
    RETURN_IF_ERROR(Fail(txn, ctx, c, now));
  } else {
    return ConflictError(StrCat("target: composition ", c.resource.arn, " is ", c.body.state,
                                "; session_failure applies to a STARTING or ACTIVE composition"));
  }
  return SaveComposition(txn, ctx, c);
}

absl::Status ApplyCompositionLife(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  OpContext composition_ctx = PartitionOf(ctx, d.composition_arn);
  ASSIGN_OR_RETURN(std::optional<LoadedComposition> c,
                   CompositionOf(txn, composition_ctx, d.composition_arn));
  if (!c || !IsRunning(c->body)) return absl::OkStatus();
  RETURN_IF_ERROR(BeginStop(txn, *c, d.due));
  return SaveComposition(txn, composition_ctx, *c);
}

absl::Status ApplyDestinationReconnect(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  OpContext composition_ctx = PartitionOf(ctx, d.composition_arn);
  ASSIGN_OR_RETURN(std::optional<LoadedComposition> c,
                   CompositionOf(txn, composition_ctx, d.composition_arn));
  if (!c) return absl::OkStatus();
  bool applied = false;
  bool any_left = false;  // a destination that has not failed
  for (DestinationRecord& destination : c->body.destinations) {
    if (destination.id == d.destination_id && destination.state == "RECONNECTING" &&
        destination.reconnect_due == d.due) {
      destination.state = destination.reconnect_outcome;
      destination.reconnect_due = 0;
      destination.reconnect_outcome.clear();
      const bool failed = destination.state == "FAILED";
      if (failed) destination.end_time = FormatUnixSeconds(d.due);
      RETURN_IF_ERROR(Emit(txn, composition_ctx, *c,
                           failed ? "Destination Failure" : "Destination Start", d.due,
                           destination.id));
      applied = true;
    }
    any_left = any_left || destination.state != "FAILED";
  }
  if (!applied) return absl::OkStatus();
  // The docs: the composition lives while one destination is active.
  if (!any_left) RETURN_IF_ERROR(Fail(txn, composition_ctx, *c, d.due));
  return SaveComposition(txn, composition_ctx, *c);
}

absl::Status ApplyCompositionStep(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  OpContext composition_ctx = PartitionOf(ctx, d.composition_arn);
  ASSIGN_OR_RETURN(std::optional<LoadedComposition> loaded,
                   CompositionOf(txn, composition_ctx, d.composition_arn));
  if (!loaded) return absl::OkStatus();
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
