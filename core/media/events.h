// The two event logs of the simulated media plane: each participant's events
// (ListParticipantEvents) and the EventBridge stream (ivsrt:ReceiveEvents).
#ifndef IVSRT_CORE_MEDIA_EVENTS_H_
#define IVSRT_CORE_MEDIA_EVENTS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/ops/op_context.h"
#include "core/store/txn.h"

namespace ivsrt::media {

// The store-wide sequence of the media plane (sessions, joins, events): ordering only.
absl::StatusOr<uint64_t> NextMediaSeq(store::Txn& txn);

// One model Event (EventName, EventErrorCode); empty members are left out of the output.
struct ParticipantEvent {
  std::string_view name;
  std::string_view participant_id;
  int64_t time = 0;  // unix seconds
  std::string_view remote_participant_id;
  std::string_view error_code;
  std::string_view previous_token_json;  // ExchangedParticipantToken objects (TOKEN_EXCHANGED)
  std::string_view new_token_json;
  // REPLICATION_STARTED and REPLICATION_STOPPED: where the participant is replicated.
  std::string_view destination_stage_arn;
  std::string_view destination_session_id;
  // participant_id is a replica, or for a subscribe event remote_participant_id is: "replica":
  // true (left out when false, the model's default).
  bool replica = false;
};
absl::Status RecordParticipantEvent(store::Txn& txn, std::string_view stage_arn,
                                    std::string_view session_id, const ParticipantEvent& event);

// An "IVS Stage Update" EventBridge event (NOTES.md 9): detail {session_id, event_name,
// event_time, user_id, participant_id}; account and region are the stage's.
struct StageUpdate {
  std::string_view stage_arn;
  std::string_view session_id;
  std::string_view event_name;  // "Participant Published", ...
  int64_t time = 0;
  std::string_view user_id;
  std::string_view participant_id;
};
absl::Status EmitStageUpdate(store::Txn& txn, const OpContext& ctx, const StageUpdate& update);

// An "IVS Composition State Change" EventBridge event (NOTES.md 9; the user guide's
// EventBridge page names the events): resources [composition_arn]; detail {event_name,
// stage_arn, destination_id (the Destination events only; ivsrt's, the docs show no detail
// beyond stage_arn)}; account and region are the composition's.
struct CompositionStateChange {
  std::string_view composition_arn;
  std::string_view stage_arn;
  std::string_view event_name;  // "Session Start", "Destination Start", ...
  int64_t time = 0;
  std::string_view destination_id;  // "" for the Session events
};
absl::Status EmitCompositionStateChange(store::Txn& txn, const OpContext& ctx,
                                        const CompositionStateChange& change);

// An "IVS Participant Recording State Change" EventBridge event (NOTES.md 9, the AWS doc
// example): resources [stage_arn]; detail {session_id, event_name, participant_id,
// recording_s3_bucket_name, recording_s3_key_prefix}; account and region are the stage's.
struct ParticipantRecordingStateChange {
  std::string_view stage_arn;
  std::string_view session_id;
  std::string_view event_name;  // "Recording Start", "Recording End", ...
  int64_t time = 0;
  std::string_view participant_id;
  std::string_view bucket;
  std::string_view prefix;
};
absl::Status EmitParticipantRecordingStateChange(store::Txn& txn, const OpContext& ctx,
                                                 const ParticipantRecordingStateChange& change);

// How many EventBridge events the store keeps: older ones are dropped as new ones come.
inline constexpr uint64_t kEventStreamRetention = 10000;

// ivsrt:ReceiveEvents' answer {"events": [envelope...], "cursor"}: at most `max_events`
// events after `cursor` ("" = the oldest kept), oldest first. ValidationException for a
// cursor this store did not give out, or gave out before an ivsrt:Reset.
absl::StatusOr<std::string> ReadEventStream(const store::Txn& txn, std::string_view cursor,
                                            int64_t max_events);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_EVENTS_H_
