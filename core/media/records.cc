#include "core/media/records.h"

#include "absl/time/time.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/store/codec.h"

namespace ivsrt::media {
namespace {

enum Flag : uint64_t {
  kConnected = 1,
  kPublished = 2,
  kPublishing = 4,
  kCanPublish = 8,
  kCanSubscribe = 16,
  kSelfSigned = 32,
  kRecordingStarted = 64,
  kRedundantIngest = 128,
  kRecordingEndFails = 256,
};

uint64_t FlagIf(bool set, Flag flag) { return set ? static_cast<uint64_t>(flag) : 0; }

// Reads a participant record's subscriptions at `r` (their count, then each publisher id),
// calling `each` with every id; false when the record is corrupt. `record_size` bounds the
// count: each subscription takes at least its 8-byte length.
template <typename Each>
bool ReadSubscriptions(store::RecordReader& r, size_t record_size, const Each& each) {
  uint64_t n = r.U64();
  if (!r.ok() || n > record_size / 8) return false;
  for (uint64_t i = 0; i < n; ++i) each(r.Str());
  return r.ok();
}

// The members Participant and ParticipantSummary share past the recording ones, each at its
// place in the alphabetical order: an ingest participant's configuration and redundantIngest;
// a replicated participant's replicationType and replicationState (left out for others: the
// model's default, NONE, as the other members the participant has no value for); a
// REPLICA's source stage and session (a SOURCE's are left out: AWS's example shows "",
// which the members' patterns do not allow).
void WriteIngestConfigurationArn(JsonWriter& w, const SessionParticipant& p) {
  if (!p.ingest_configuration_arn.empty()) {
    w.Field("ingestConfigurationArn", p.ingest_configuration_arn);
  }
}
void WriteRedundantAndReplication(JsonWriter& w, const SessionParticipant& p) {
  if (!p.ingest_configuration_arn.empty()) w.Key("redundantIngest").Bool(p.redundant_ingest);
  if (!p.replication_state.empty()) w.Field("replicationState", p.replication_state);
  if (!p.replication_type.empty()) w.Field("replicationType", p.replication_type);
}
void WriteSource(JsonWriter& w, const SessionParticipant& p) {
  if (p.source_stage_arn.empty()) return;
  w.Field("sourceSessionId", p.source_session_id);
  w.Field("sourceStageArn", p.source_stage_arn);
}

}  // namespace

std::string EncodeSession(const SessionRecord& s) {
  return store::RecordWriter()
      .U64(s.seq)
      .Str(s.session_id)
      .U64(static_cast<uint64_t>(s.start))
      .U64(static_cast<uint64_t>(s.end))
      .U64(static_cast<uint64_t>(s.end_due))
      .U64(s.connected)
      .U64(s.publishers)
      .U64(s.subscribers)
      .Take();
}

absl::StatusOr<SessionRecord> DecodeSession(std::string_view bytes) {
  store::RecordReader r(bytes);
  SessionRecord s;
  s.seq = r.U64();
  s.session_id = std::string(r.Str());
  s.start = static_cast<int64_t>(r.U64());
  s.end = static_cast<int64_t>(r.U64());
  s.end_due = static_cast<int64_t>(r.U64());
  s.connected = r.U64();
  s.publishers = r.U64();
  s.subscribers = r.U64();
  if (!r.ok()) return InternalError("corrupt stage session record");
  return s;
}

void WriteSession(JsonWriter& w, const SessionRecord& s) {
  w.BeginObject();
  if (s.end != 0) w.Field("endTime", FormatUnixSeconds(s.end));
  w.Field("sessionId", s.session_id);
  w.Field("startTime", FormatUnixSeconds(s.start));
  w.EndObject();
}

std::string EncodeParticipant(const SessionParticipant& p) {
  uint64_t flags = FlagIf(p.connected, kConnected) | FlagIf(p.published, kPublished) |
                   FlagIf(p.publishing, kPublishing) | FlagIf(p.can_publish, kCanPublish) |
                   FlagIf(p.can_subscribe, kCanSubscribe) | FlagIf(p.self_signed, kSelfSigned) |
                   FlagIf(p.recording_started, kRecordingStarted) |
                   FlagIf(p.redundant_ingest, kRedundantIngest) |
                   FlagIf(p.recording_end_fails, kRecordingEndFails);
  store::RecordWriter w;
  w.U64(p.seq).Str(p.participant_id).Str(p.user_id).Str(p.attributes_json).Str(p.protocol);
  for (const std::string& c : p.client) w.Str(c);
  w.U64(static_cast<uint64_t>(p.first_join)).U64(static_cast<uint64_t>(p.token_exp)).U64(flags);
  w.U64(p.subscriptions.size());
  for (const std::string& s : p.subscriptions) w.Str(s);
  w.Str(p.recording_state).Str(p.recording_bucket).Str(p.recording_prefix);
  w.U64(static_cast<uint64_t>(p.recording_due));
  w.Str(p.replication_type).Str(p.replication_state).Str(p.source_stage_arn);
  w.Str(p.source_session_id).Str(p.ingest_configuration_arn);
  return w.Take();
}

absl::StatusOr<SessionParticipant> DecodeParticipant(std::string_view bytes) {
  store::RecordReader r(bytes);
  SessionParticipant p;
  p.seq = r.U64();
  p.participant_id = std::string(r.Str());
  p.user_id = std::string(r.Str());
  p.attributes_json = std::string(r.Str());
  p.protocol = std::string(r.Str());
  for (std::string& c : p.client) c = std::string(r.Str());
  p.first_join = static_cast<int64_t>(r.U64());
  p.token_exp = static_cast<int64_t>(r.U64());
  uint64_t flags = r.U64();
  p.connected = (flags & kConnected) != 0;
  p.published = (flags & kPublished) != 0;
  p.publishing = (flags & kPublishing) != 0;
  p.can_publish = (flags & kCanPublish) != 0;
  p.can_subscribe = (flags & kCanSubscribe) != 0;
  p.self_signed = (flags & kSelfSigned) != 0;
  p.recording_started = (flags & kRecordingStarted) != 0;
  p.redundant_ingest = (flags & kRedundantIngest) != 0;
  p.recording_end_fails = (flags & kRecordingEndFails) != 0;
  if (!ReadSubscriptions(r, bytes.size(),
                         [&](std::string_view id) { p.subscriptions.emplace_back(id); })) {
    return InternalError("corrupt session participant record");
  }
  // The recording members came later: a record without them is a participant of a stage
  // that did not record.
  store::RecordReader recording = r;
  p.recording_state = std::string(recording.Str());
  p.recording_bucket = std::string(recording.Str());
  p.recording_prefix = std::string(recording.Str());
  p.recording_due = static_cast<int64_t>(recording.U64());
  if (!recording.ok()) {
    p.recording_state.clear();
    p.recording_bucket.clear();
    p.recording_prefix.clear();
    p.recording_due = 0;
    return p;
  }
  // So did the replication and ingest members: a record without them is NONE, no ingest.
  store::RecordReader later = recording;
  p.replication_type = std::string(later.Str());
  p.replication_state = std::string(later.Str());
  p.source_stage_arn = std::string(later.Str());
  p.source_session_id = std::string(later.Str());
  p.ingest_configuration_arn = std::string(later.Str());
  if (!later.ok()) {
    p.replication_type.clear();
    p.replication_state.clear();
    p.source_stage_arn.clear();
    p.source_session_id.clear();
    p.ingest_configuration_arn.clear();
  }
  return p;
}

absl::StatusOr<bool> ParticipantSubscribesTo(std::string_view bytes,
                                             std::string_view publisher_id) {
  store::RecordReader r(bytes);
  // EncodeParticipant's members before the subscriptions: seq; participant_id, user_id,
  // attributes_json and protocol; the client attributes; first_join, token_exp and the flags.
  r.U64();
  for (size_t i = 0; i < 4 + kClientAttributeCount; ++i) r.Str();
  for (int i = 0; i < 3; ++i) r.U64();
  bool subscribes = false;
  // Every id is read, as DecodeParticipant reads them, so that a corrupt record is one here too.
  if (!ReadSubscriptions(r, bytes.size(),
                         [&](std::string_view id) { subscribes |= id == publisher_id; })) {
    return InternalError("corrupt session participant record");
  }
  return subscribes;
}

void WriteParticipant(JsonWriter& w, const SessionParticipant& p) {
  w.BeginObject();
  if (!p.attributes_json.empty()) w.Key("attributes").Raw(p.attributes_json);
  w.Field(kClientAttributes[0], p.client[0]);  // browserName
  w.Field(kClientAttributes[1], p.client[1]);  // browserVersion
  w.Field("firstJoinTime", FormatUnixSeconds(p.first_join));
  WriteIngestConfigurationArn(w, p);
  w.Field(kClientAttributes[2], p.client[2]);  // ispName
  w.Field(kClientAttributes[3], p.client[3]);  // osName
  w.Field(kClientAttributes[4], p.client[4]);  // osVersion
  w.Field("participantId", p.participant_id);
  w.Field("protocol", p.protocol);
  w.Key("published").Bool(p.published);
  if (!p.recording_bucket.empty()) w.Field("recordingS3BucketName", p.recording_bucket);
  if (!p.recording_prefix.empty()) w.Field("recordingS3Prefix", p.recording_prefix);
  if (!p.recording_state.empty()) w.Field("recordingState", p.recording_state);
  WriteRedundantAndReplication(w, p);
  w.Field(kClientAttributes[5], p.client[5]);  // sdkVersion
  WriteSource(w, p);
  w.Field("state", p.connected ? "CONNECTED" : "DISCONNECTED");
  w.Field("userId", p.user_id);
  w.EndObject();
}

std::string ExchangedTokenJson(const SessionParticipant& p) {
  JsonWriter w;
  w.BeginObject();
  if (!p.attributes_json.empty()) w.Key("attributes").Raw(p.attributes_json);
  w.Key("capabilities").BeginArray();
  if (p.can_publish) w.String("PUBLISH");
  if (p.can_subscribe) w.String("SUBSCRIBE");
  w.EndArray();
  w.Field("expirationTime", FormatUnixSeconds(p.token_exp));
  if (!p.user_id.empty()) w.Field("userId", p.user_id);
  w.EndObject();
  return w.Take();
}

void WriteParticipantSummary(JsonWriter& w, const SessionParticipant& p) {
  w.BeginObject();
  w.Field("firstJoinTime", FormatUnixSeconds(p.first_join));
  WriteIngestConfigurationArn(w, p);
  w.Field("participantId", p.participant_id);
  w.Key("published").Bool(p.published);
  if (!p.recording_state.empty()) w.Field("recordingState", p.recording_state);
  WriteRedundantAndReplication(w, p);
  WriteSource(w, p);
  w.Field("state", p.connected ? "CONNECTED" : "DISCONNECTED");
  w.Field("userId", p.user_id);
  w.EndObject();
}

}  // namespace ivsrt::media
