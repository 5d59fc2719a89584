// What the simulated media plane keeps of a stage session and of its participants, and
// their output shapes (the model's StageSession, Participant and ParticipantSummary).
#ifndef IVSRT_CORE_MEDIA_RECORDS_H_
#define IVSRT_CORE_MEDIA_RECORDS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/json/writer.h"

namespace ivsrt::media {

// Times are unix seconds on the engine clock.
struct SessionRecord {
  uint64_t seq = 0;
  std::string session_id;  // "st-" + 13 alphanumerics (NOTES.md 5.4)
  int64_t start = 0;
  int64_t end = 0;      // 0 while the session is active
  int64_t end_due = 0;  // while nobody is connected: when the session ends; else 0
  uint64_t connected = 0;
  uint64_t publishers = 0;   // participants publishing now (12 at most per stage)
  uint64_t subscribers = 0;  // participants subscribed to at least one publisher now
};
std::string EncodeSession(const SessionRecord& s);
absl::StatusOr<SessionRecord> DecodeSession(std::string_view bytes);
// StageSession and StageSessionSummary: {"endTime"?, "sessionId", "startTime"}.
void WriteSession(JsonWriter& w, const SessionRecord& s);

// The client attributes JoinStage takes (the model's ParticipantClientAttribute members of
// Participant), in the output's alphabetical order.
inline constexpr std::string_view kClientAttributes[] = {
    "browserName", "browserVersion", "ispName", "osName", "osVersion", "sdkVersion"};
inline constexpr size_t kClientAttributeCount = std::size(kClientAttributes);
using ClientAttributes = std::array<std::string, kClientAttributeCount>;

struct SessionParticipant {
  uint64_t seq = 0;  // join order within the session
  std::string participant_id;
  std::string user_id;
  std::string attributes_json;  // the token's attributes object; "" when it had none
  std::string protocol;         // WHIP, RTMP or RTMPS
  ClientAttributes client;
  int64_t first_join = 0;
  int64_t token_exp = 0;  // when the connection's token expires
  bool connected = false;
  bool published = false;  // published at some time in the session
  bool publishing = false;
  bool can_publish = false;
  bool can_subscribe = false;
  bool self_signed = false;  // joined with a self-signed token (token exchange needs one)
  std::vector<std::string> subscriptions;  // the publishers this participant subscribes to
  // Individual participant recording (core/media/participant_recording.h): recordingState
  // ("" on a stage that does not record: the members are left out), the storage
  // configuration's bucket and the recording's S3 prefix ("" when not recording), the due
  // time of the pending step (0 when none), whether Recording Start was sent, and whether
  // the recording's end is to fail (ivsrt:InjectFault recording_end_failure).
  std::string recording_state;
  std::string recording_bucket;
  std::string recording_prefix;
  int64_t recording_due = 0;
  bool recording_started = false;
  // Participant replication (core/media/replication.h): replicationType ("" = NONE),
  // replicationState ("" while NONE), and for a REPLICA the stage and session it is
  // replicated from.
  std::string replication_type;
  std::string replication_state;
  std::string source_stage_arn;
  std::string source_session_id;
  // An ingest participant's configuration (ivsrt:StartIngest): "" for any other.
  std::string ingest_configuration_arn;
  bool redundant_ingest = false;
  bool recording_end_fails = false;
};
std::string EncodeParticipant(const SessionParticipant& p);
absl::StatusOr<SessionParticipant> DecodeParticipant(std::string_view bytes);
// Whether the stored participant record `bytes` subscribes to `publisher_id`, read without
// decoding the rest of the record (an Unpublish looks through every record of the session);
// an error where DecodeParticipant would fail.
absl::StatusOr<bool> ParticipantSubscribesTo(std::string_view bytes, std::string_view publisher_id);
// The Participant output shape (GetParticipant), members in alphabetical order.
void WriteParticipant(JsonWriter& w, const SessionParticipant& p);
// The ExchangedParticipantToken shape of what the participant's token grants now (a
// TOKEN_EXCHANGED event's previousToken and newToken).
std::string ExchangedTokenJson(const SessionParticipant& p);
// The ParticipantSummary output shape (ListParticipants).
void WriteParticipantSummary(JsonWriter& w, const SessionParticipant& p);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_RECORDS_H_
