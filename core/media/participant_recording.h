// Individual participant recording on the engine clock (NOTES.md 5.14, 9, 13; the user
// guide's "Individual Participant Recording"): a stage whose
// autoParticipantRecordingConfiguration names a storage configuration records each
// publisher to that configuration's bucket. Every timed transition is a kRecordingStep
// deadline (core/media/deadlines.h) applied when a call observes the clock.
//
//   stage not recording     the participant carries no recording members (the model has
//                           no "not recording" value; AWS's examples show "")
//   mediaTypes NONE         a publisher's recordingState is DISABLED, no bucket or prefix
//   publish at t            STARTING; recordingS3BucketName = the storage configuration's
//                           bucketName; recordingS3Prefix =
//                           {stageId}/{sessionId}/{participantId}/{t as YYYY-MM-DDTHH-MM-SSZ}
//   t + kRecordingStartDelaySeconds
//                           ACTIVE; event Recording Start
//   unpublish (or leave) at u, STARTING or ACTIVE
//                           STOPPING
//   u + recordingReconnectWindowSeconds
//                           STOPPED; event Recording End (when Recording Start was sent)
//   publish again while STOPPING, the stage still recording media
//                           the same recording goes on: same prefix, ACTIVE again (STARTING
//                           when it had not started yet), no new Recording Start; otherwise
//                           the recording ends on its deadline
//   publish again once STOPPED (or FAILED)
//                           a new recording, with a new prefix
//
// Faults (ivsrt:InjectFault; README "Compositions", "Faults"):
//   recording_start_failure while STARTING, at t
//                           FAILED at t; event Recording Start Failure
//   recording_end_failure while ACTIVE, or STOPPING after Recording Start
//                           the recording's end fails: where it would become STOPPED with
//                           Recording End, it becomes FAILED with Recording End Failure
#ifndef IVSRT_CORE_MEDIA_PARTICIPANT_RECORDING_H_
#define IVSRT_CORE_MEDIA_PARTICIPANT_RECORDING_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/media/deadlines.h"
#include "core/media/records.h"
#include "core/ops/op_context.h"
#include "core/ops/stage_record.h"
#include "core/store/txn.h"

namespace ivsrt::media {

// How long STARTING lasts: the docs give no figure (participants connected under 5 s "may
// not be recorded"); ivsrt takes 2 s, as for compositions.
inline constexpr int64_t kRecordingStartDelaySeconds = 2;

// The media plane's hooks, called with the participant `p` of `stage`'s session
// `session_id` that has just started (RecordingPublished) or stopped (RecordingUnpublished)
// publishing at `now`; they update `p` in memory (the caller saves it) and its deadline.
absl::Status RecordingPublished(store::Txn& txn, const OpContext& ctx, const LoadedStage& stage,
                                std::string_view session_id, SessionParticipant& p, int64_t now);
absl::Status RecordingUnpublished(store::Txn& txn, const LoadedStage& stage,
                                  std::string_view session_id, SessionParticipant& p, int64_t now);

enum class RecordingFault : uint8_t {
  kStartFailure,  // recording_start_failure
  kEndFailure,    // recording_end_failure
};

// ivsrt:InjectFault on the participant `participant_id` of the stage `stage_arn`'s session
// `session_id` at `now` (saved). ResourceNotFoundException when the session has no such
// participant; ConflictException when the fault does not apply to its recordingState.
absl::Status InjectRecordingFault(store::Txn& txn, const OpContext& ctx, std::string_view stage_arn,
                                  std::string_view session_id, std::string_view participant_id,
                                  RecordingFault fault, int64_t now);

// Applies a due kRecordingStep deadline at its due time; a stale one (its participant gone
// with its stage, or moved on) does nothing.
absl::Status ApplyRecordingStep(store::Txn& txn, const OpContext& ctx, const Deadline& d);

// UpdateStage: whether a participant of the stage's session `session_id` is recording
// (recordingState ACTIVE).
absl::StatusOr<bool> AnyRecordingActive(const store::Txn& txn, std::string_view stage_arn,
                                        std::string_view session_id);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_PARTICIPANT_RECORDING_H_
