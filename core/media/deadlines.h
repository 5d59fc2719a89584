// The time-driven transitions of the media plane, kept in due order (kDeadlines), so the
// engine applies them when a call observes the clock, with no background thread.
#ifndef IVSRT_CORE_MEDIA_DEADLINES_H_
#define IVSRT_CORE_MEDIA_DEADLINES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/store/txn.h"

namespace ivsrt::media {

enum class DeadlineKind : char {
  kSessionEnd = 'e',   // an idle session ends (the engine option session_end_delay_seconds)
  kTokenExpiry = 'x',  // a connected participant's token expires: it is disconnected
  // a composition's next step (core/media/compositions.h): it starts, stops itself, has
  // stopped, or vanishes
  kCompositionStep = 'c',
  // a participant's recording's next step (core/media/participant_recording.h): it becomes
  // ACTIVE, or STOPPED
  kRecordingStep = 'r',
  // a participant's replications due to end (core/media/replication.h): their source stopped
  // publishing and the reconnect window ran out, or they were stopped
  kReplicationEnd = 'p',
  // a composition reaches its 24-hour life limit (kCompositionMaxLifeSeconds): it stops
  kCompositionLife = 'l',
  // a RECONNECTING composition destination (ivsrt:InjectFault) recovers or fails
  kDestinationReconnect = 'd',
};

struct Deadline {
  int64_t due = 0;  // unix seconds
  DeadlineKind kind = DeadlineKind::kSessionEnd;
  std::string stage_arn;        // all but the composition kinds (kReplicationEnd: the source's)
  std::string session_id;       // all but the composition kinds
  std::string participant_id;   // kTokenExpiry, kRecordingStep and kReplicationEnd
  std::string composition_arn;  // kCompositionStep, kCompositionLife, kDestinationReconnect
  std::string destination_id;   // kDestinationReconnect only
};

absl::Status AddDeadline(store::Txn& txn, const Deadline& d);
absl::Status RemoveDeadline(store::Txn& txn, const Deadline& d);
// The earliest deadline, if any.
absl::StatusOr<std::optional<Deadline>> FirstDeadline(const store::Txn& txn);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_DEADLINES_H_
