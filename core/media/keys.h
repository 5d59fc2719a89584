// The key forms of the simulated media plane's tables (core/store/txn.h). Stage ARNs and
// ids never contain '|' or '#', so each prefix below names exactly one stage, session or
// participant.
//   kSessions             ARN|BE64(~seq) -> SessionRecord    (newest session first)
//                         ARN#sessionId  -> BE64(~seq)
//   kSessionParticipants  ARN|sessionId|BE64(seq) -> SessionParticipant   (join order)
//                         ARN|sessionId#participantId -> BE64(seq)
//   kParticipantEvents    ARN|sessionId|participantId|BE64(seq) -> Event JSON (oldest first)
//   kEventStream          BE64(seq) -> EventBridge envelope JSON
//   kDeadlines            BE64(due unix seconds) kind payload -> ""   (core/media/deadlines.h)
//   kReplications         sourceARN|participantId|BE64(seq) -> ReplicationRecord
//                                               (order of the first replication to each stage)
//                         sourceARN|participantId#destinationARN -> BE64(seq)
#ifndef IVSRT_CORE_MEDIA_KEYS_H_
#define IVSRT_CORE_MEDIA_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::media {

inline std::string SessionOrderPrefix(std::string_view stage_arn) { return StrCat(stage_arn, "|"); }
// Newest first: the order key holds the complement of the session's sequence number.
inline std::string SessionOrderKey(std::string_view stage_arn, uint64_t seq) {
  return StrCat(stage_arn, "|", store::BigEndian64(~seq));
}
inline std::string SessionIdKey(std::string_view stage_arn, std::string_view session_id) {
  return StrCat(stage_arn, "#", session_id);
}

inline std::string ParticipantOrderPrefix(std::string_view stage_arn, std::string_view session_id) {
  return StrCat(stage_arn, "|", session_id, "|");
}
inline std::string ParticipantOrderKey(std::string_view stage_arn, std::string_view session_id,
                                       uint64_t seq) {
  return StrCat(stage_arn, "|", session_id, "|", store::BigEndian64(seq));
}
inline std::string ParticipantIdKey(std::string_view stage_arn, std::string_view session_id,
                                    std::string_view participant_id) {
  return StrCat(stage_arn, "|", session_id, "#", participant_id);
}

inline std::string EventPrefix(std::string_view stage_arn, std::string_view session_id,
                               std::string_view participant_id) {
  return StrCat(stage_arn, "|", session_id, "|", participant_id, "|");
}

inline std::string ReplicationPrefix(std::string_view source_stage_arn,
                                     std::string_view participant_id) {
  return StrCat(source_stage_arn, "|", participant_id, "|");
}
inline std::string ReplicationIdKey(std::string_view source_stage_arn,
                                    std::string_view participant_id,
                                    std::string_view destination_stage_arn) {
  return StrCat(source_stage_arn, "|", participant_id, "#", destination_stage_arn);
}

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_KEYS_H_
