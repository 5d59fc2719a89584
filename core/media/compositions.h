// The lifecycle of a composition on the engine clock (NOTES.md 11, 13; the user guide's
// "Server-Side Composition"; StartComposition's API reference): every transition is a
// deadline (core/media/deadlines.h) applied when a call observes the clock, or a reaction to
// the stage gaining its first publisher or losing its last.
//
//   StartComposition at t   STARTING, startTime t; destinations STARTING, no startTime
//   a publisher on the stage (at t or when one starts publishing at t')
//                           ACTIVE at t' + kCompositionStartDelaySeconds: destinations
//                           ACTIVE with that startTime; events Session Start, Destination
//                           Start (one per destination)
//   no publisher for kCompositionIdleSeconds (from the start, or from the last publisher's
//   unpublish)              stops itself, as StopComposition does
//   StopComposition at t    STOPPING (destinations STOPPING), then STOPPED at
//                           t + kCompositionStopSeconds: endTime, destinations STOPPED with
//                           endTime; events Destination End (each destination that started),
//                           Session End (when Session Start was sent); its references to
//                           storage and encoder configurations are released
//   STOPPED or FAILED       the resource is deleted kCompositionRetentionSeconds after its
//                           endTime: Get answers 404, List leaves it out
//   startTime + kCompositionMaxLifeSeconds, still STARTING or ACTIVE
//                           stops itself, as StopComposition does (a kCompositionLife deadline)
//
// Faults (ivsrt:InjectFault; README "Compositions", "Faults"):
//   destination_reconnecting / destination_failure on an ACTIVE destination at t
//                           RECONNECTING; event Destination Reconnecting; at
//                           t + kDestinationReconnectSeconds (a kDestinationReconnect
//                           deadline) ACTIVE again with event Destination Start, or FAILED
//                           with endTime and event Destination Failure
//   every destination FAILED, or session_failure on a STARTING or ACTIVE composition at t
//                           FAILED with endTime t; destinations not ended FAILED (Destination
//                           Failure for each that had started); event Session Failure;
//                           references released; deleted kCompositionRetentionSeconds later
#ifndef IVSRT_CORE_MEDIA_COMPOSITIONS_H_
#define IVSRT_CORE_MEDIA_COMPOSITIONS_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "core/media/deadlines.h"
#include "core/ops/composition_record.h"
#include "core/ops/op_context.h"
#include "core/store/txn.h"

namespace ivsrt::media {

// The docs: destinations start 1-2 s after the composition; ivsrt takes 2 s.
inline constexpr int64_t kCompositionStartDelaySeconds = 2;
// StartComposition's API reference: "After a 1-minute timeout".
inline constexpr int64_t kCompositionIdleSeconds = 60;
// How long STOPPING lasts: the docs give no figure; ivsrt takes 2 s.
inline constexpr int64_t kCompositionStopSeconds = 2;
// The user guide: STOPPED and FAILED compositions are deleted after 5 minutes.
inline constexpr int64_t kCompositionRetentionSeconds = 300;
// The quota page: a composition lasts at most 24 hours.
inline constexpr int64_t kCompositionMaxLifeSeconds = 86400;  // 24 h
// How long a destination stays RECONNECTING: the docs give no figure ("a reconnect is being
// attempted"); ivsrt takes 30 s.
inline constexpr int64_t kDestinationReconnectSeconds = 30;

// The faults ivsrt:InjectFault drives on a composition.
enum class CompositionFault : uint8_t {
  kDestinationReconnecting,  // RECONNECTING, then ACTIVE again
  kDestinationFailure,       // RECONNECTING, then FAILED
  kSessionFailure,           // the composition FAILED at once
};

// Schedules the first step of a new composition (saved by the caller): kActivate when the
// stage has a publisher at `now`, else kIdleStop; and its life limit.
absl::Status ScheduleFirstStep(store::Txn& txn, LoadedComposition& c, bool stage_has_publisher,
                               int64_t now);

// StopComposition: STARTING or ACTIVE -> STOPPING (saved); nothing for a composition that is
// STOPPING, STOPPED or FAILED already.
absl::Status StopComposition(store::Txn& txn, const OpContext& ctx, LoadedComposition& c,
                             int64_t now);

// The media plane's hook: the stage `stage_arn` has gained its first publisher
// (`has_publisher`) or lost its last at `now`; its STARTING and ACTIVE compositions react.
absl::Status StagePublishersChanged(store::Txn& txn, const OpContext& ctx,
                                    std::string_view stage_arn, bool has_publisher, int64_t now);

// DeleteStage: every composition of the stage that is STARTING or ACTIVE stops.
absl::Status StopStageCompositions(store::Txn& txn, const OpContext& ctx,
                                   std::string_view stage_arn, int64_t now);

// ivsrt:InjectFault on the composition `c` at `now` (saved): a destination fault on the
// destination `destination_id`, or on every ACTIVE destination when it is ""; a session
// failure on the whole composition (`destination_id` ""). ResourceNotFoundException for a
// destination the composition does not have; ConflictException when the fault does not apply
// to the current state (a destination that is not ACTIVE, a composition that has ended or is
// stopping).
absl::Status InjectCompositionFault(store::Txn& txn, const OpContext& ctx, LoadedComposition& c,
                                    CompositionFault fault, std::string_view destination_id,
                                    int64_t now);

// Apply a due kCompositionStep, kCompositionLife or kDestinationReconnect deadline at its due
// time; a stale one does nothing.
absl::Status ApplyCompositionStep(store::Txn& txn, const OpContext& ctx, const Deadline& d);
absl::Status ApplyCompositionLife(store::Txn& txn, const OpContext& ctx, const Deadline& d);
absl::Status ApplyDestinationReconnect(store::Txn& txn, const OpContext& ctx, const Deadline& d);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_COMPOSITIONS_H_
