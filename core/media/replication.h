// Participant replication on the engine clock (README, "Participant replication"; NOTES.md
// 5.16, 10, 13): a publisher of a source stage appears, as a REPLICA with the same
// participant id, in the session of a destination stage, where it publishes as any
// publisher does.
//
//   StartParticipantReplication   the replica joins the destination's session (starting one
//                                 if idle) and publishes; the source becomes SOURCE;
//                                 REPLICATION_STARTED on the source; Stage Update
//                                 "Participant Replication Started" on the source stage
//   the source stops publishing at u (unpublish, leave, disconnect, expiry)
//                                 the replication ends at u + reconnectWindowSeconds, unless
//                                 the source publishes again before then
//   StopParticipantReplication, the replica disconnected, either stage deleted
//                                 the replication ends at once
//   the end                       the replica stops publishing and leaves (replicationState
//                                 STOPPED); REPLICATION_STOPPED on the source; Stage Update
//                                 "Participant Replication Stopped"; the source's
//                                 replicationState is STOPPED once none of its replications
//                                 is ACTIVE
//
// Every timed end is a kReplicationEnd deadline (core/media/deadlines.h) applied when a call
// observes the clock; the hooks below, called from inside LiveSession, only schedule.
#ifndef IVSRT_CORE_MEDIA_REPLICATION_H_
#define IVSRT_CORE_MEDIA_REPLICATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json/value.h"
#include "core/json/writer.h"
#include "core/media/deadlines.h"
#include "core/media/records.h"
#include "core/ops/op_context.h"
#include "core/ops/stage_record.h"
#include "core/store/txn.h"

namespace ivsrt::media {

// The quota page's "concurrent participant replications": 5 per participant.
inline constexpr size_t kMaxReplicationsPerParticipant = 5;

// One replication of a participant from its source stage to one destination stage; a new
// start to the same destination takes the same record (and place in the list) again.
struct ReplicationRecord {
  uint64_t seq = 0;
  std::string participant_id;
  std::string source_stage_arn;
  std::string source_session_id;
  std::string destination_stage_arn;
  std::string destination_session_id;
  bool active = false;           // replicationState ACTIVE, else STOPPED
  int64_t reconnect_window = 0;  // seconds
  int64_t due = 0;               // while ACTIVE: when it ends (0: not due to end)
};
std::string EncodeReplication(const ReplicationRecord& r);
absl::StatusOr<ReplicationRecord> DecodeReplication(std::string_view bytes);
// The model's ParticipantReplica, members in alphabetical order.
void WriteParticipantReplica(JsonWriter& w, const ReplicationRecord& r);

// StartParticipantReplication of `participant_id` from `source` to `destination` (both
// loaded in the caller's partition): the errors are the README's.
absl::Status StartReplication(store::Txn& txn, const OpContext& ctx, LoadedStage source,
                              LoadedStage destination, std::string_view participant_id,
                              int64_t reconnect_window, const Value* attributes, int64_t now);
// StopParticipantReplication: ResourceNotFoundException when the participant was never
// replicated from `source_stage_arn` to `destination_stage_arn`; a STOPPED one stays so.
absl::Status StopReplication(store::Txn& txn, const OpContext& ctx,
                             std::string_view source_stage_arn,
                             std::string_view destination_stage_arn,
                             std::string_view participant_id, int64_t now);

// LiveSession's hooks: a source `p` of stage `stage_arn`'s session `session_id` started
// publishing (its pending ends are called off; `p`, which the caller saves, is SOURCE) or
// stopped (each ACTIVE replication is due to end after its window); a REPLICA `p` of stage
// `stage_arn` left (its replication ends).
absl::Status ReplicationSourcePublished(store::Txn& txn, std::string_view stage_arn,
                                        std::string_view session_id, SessionParticipant& p);
absl::Status ReplicationSourceUnpublished(store::Txn& txn, std::string_view stage_arn,
                                          const SessionParticipant& p, int64_t now);
absl::Status ReplicaLeft(store::Txn& txn, std::string_view stage_arn,
                         const SessionParticipant& replica, int64_t now);
// DeleteStage: every ACTIVE replication from or to the stage ends at once; the deleted
// source's records go (ListParticipantReplicas then lists nothing for it).
absl::Status EndReplicationsOfDeletedStage(store::Txn& txn, std::string_view stage_arn,
                                           int64_t now);

// Applies a due kReplicationEnd deadline: ends the ACTIVE replications of its participant
// that are due then; a stale one does nothing.
absl::Status ApplyReplicationEnd(store::Txn& txn, const OpContext& ctx, const Deadline& d);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_REPLICATION_H_
