#include "core/media/events.h"

#include "absl/time/time.h"
#include "core/arn.h"
#include "core/base64url.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/keys.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt::media {
namespace {

constexpr std::string_view kMediaSeqKey = "media_seq";
constexpr std::string_view kEventStreamSeqKey = "event_stream_seq";

// A cursor: the store generation and the sequence number of the next event to read.
std::string MakeCursor(uint64_t generation, uint64_t next) {
  return Base64UrlEncode(StrCat(store::BigEndian64(generation), store::BigEndian64(next)));
}

}  // namespace

absl::StatusOr<uint64_t> NextMediaSeq(store::Txn& txn) { return NextCounter(txn, kMediaSeqKey); }

absl::Status RecordParticipantEvent(store::Txn& txn, std::string_view stage_arn,
                                    std::string_view session_id, const ParticipantEvent& event) {
  ASSIGN_OR_RETURN(uint64_t seq, NextMediaSeq(txn));
  JsonWriter w;
  w.BeginObject();
  if (!event.destination_session_id.empty()) {
    w.Field("destinationSessionId", event.destination_session_id);
  }
  if (!event.destination_stage_arn.empty()) {
    w.Field("destinationStageArn", event.destination_stage_arn);
  }
  if (!event.error_code.empty()) w.Field("errorCode", event.error_code);
  w.Field("eventTime", FormatUnixSeconds(event.time));
  w.Field("name", event.name);
  if (!event.new_token_json.empty()) w.Key("newToken").Raw(event.new_token_json);
  w.Field("participantId", event.participant_id);
  if (!event.previous_token_json.empty()) w.Key("previousToken").Raw(event.previous_token_json);
  if (!event.remote_participant_id.empty()) {
    w.Field("remoteParticipantId", event.remote_participant_id);
  }
  if (event.replica) w.Key("replica").Bool(true);
  w.EndObject();
  return txn.Put(
      store::Table::kParticipantEvents,
      StrCat(EventPrefix(stage_arn, session_id, event.participant_id), store::BigEndian64(seq)),
      w.str());
}

namespace {

// Appends one EventBridge envelope about `resource_arn` (whose account and region it carries)
// to the stream, dropping the oldest beyond kEventStreamRetention.
absl::Status Emit(store::Txn& txn, const OpContext& ctx, std::string_view detail_type,
                  std::string_view resource_arn, int64_t time, std::string_view detail_json) {
  ASSIGN_OR_RETURN(uint64_t seq, NextCounter(txn, kEventStreamSeqKey));
  std::optional<Arn> arn = ParseArn(resource_arn);
  if (!arn) return InternalError(StrCat("not a resource ARN: ", resource_arn));
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  // EventBridge's envelope, members in the order EventBridge delivers them.
  JsonWriter w;
  w.BeginObject();
  w.Field("version", "0");
  w.Field("id", ctx.services->ids.Uuid(StrCat("event:", generation, ":", seq)));
  w.Field("detail-type", detail_type);
  w.Field("source", "aws.ivs");
  w.Field("account", arn->account);
  w.Field("time", FormatUnixSeconds(time));
  w.Field("region", arn->region);
  w.Key("resources").BeginArray().String(resource_arn).EndArray();
  w.Key("detail").Raw(detail_json);
  w.EndObject();
  RETURN_IF_ERROR(txn.Put(store::Table::kEventStream, store::BigEndian64(seq), w.str()));
  if (seq >= kEventStreamRetention) {
    RETURN_IF_ERROR(
        txn.Delete(store::Table::kEventStream, store::BigEndian64(seq - kEventStreamRetention)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status EmitStageUpdate(store::Txn& txn, const OpContext& ctx, const StageUpdate& update) {
  JsonWriter detail;
  detail.BeginObject();
  detail.Field("session_id", update.session_id);
  detail.Field("event_name", update.event_name);
  detail.Field("event_time", FormatUnixSeconds(update.time));
  detail.Field("user_id", update.user_id);
  detail.Field("participant_id", update.participant_id);
  detail.EndObject();
  return Emit(txn, ctx, "IVS Stage Update", update.stage_arn, update.time, detail.str());
}

absl::Status EmitCompositionStateChange(store::Txn& txn, const OpContext& ctx,
                                        const CompositionStateChange& change) {
  JsonWriter detail;
  detail.BeginObject();
  detail.Field("event_name", change.event_name);
  detail.Field("stage_arn", change.stage_arn);
  if (!change.destination_id.empty()) detail.Field("destination_id", change.destination_id);
  detail.EndObject();
  return Emit(txn, ctx, "IVS Composition State Change", change.composition_arn, change.time,
              detail.str());
}

absl::Status EmitParticipantRecordingStateChange(store::Txn& txn, const OpContext& ctx,
                                                 const ParticipantRecordingStateChange& change) {
  JsonWriter detail;
  detail.BeginObject();
  detail.Field("session_id", change.session_id);
  detail.Field("event_name", change.event_name);
  detail.Field("participant_id", change.participant_id);
  detail.Field("recording_s3_bucket_name", change.bucket);
  detail.Field("recording_s3_key_prefix", change.prefix);
  detail.EndObject();
  return Emit(txn, ctx, "IVS Participant Recording State Change", change.stage_arn, change.time,
              detail.str());
}

absl::StatusOr<std::string> ReadEventStream(const store::Txn& txn, std::string_view cursor,
                                            int64_t max_events) {
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  uint64_t next = 0;
  if (!cursor.empty()) {
    std::optional<std::string> raw = Base64UrlDecode(cursor);
    if (!raw || raw->size() != 16) {
      return ValidationError("cursor: not a cursor ivsrt:ReceiveEvents gave out");
    }
    if (*store::ParseBigEndian64(raw->substr(0, 8)) != generation) {
      return ValidationError("cursor: it is from before an ivsrt:Reset of this store");
    }
    next = *store::ParseBigEndian64(raw->substr(8));
  }
  JsonWriter w;
  w.BeginObject().Key("events").BeginArray();
  int64_t taken = 0;
  std::string_view failure;
  RETURN_IF_ERROR(txn.Scan(store::Table::kEventStream, "", store::BigEndian64(next),
                           [&](std::string_view key, std::string_view value) {
                             if (taken == max_events) return false;
                             std::optional<uint64_t> seq = store::ParseBigEndian64(key);
                             if (!seq) {
                               failure = "corrupt event stream key";
                               return false;
                             }
                             w.Raw(value);
                             next = *seq + 1;
                             ++taken;
                             return true;
                           }));
  if (!failure.empty()) return InternalError(failure);
  w.EndArray();
  w.Field("cursor", MakeCursor(generation, next));
  w.EndObject();
  return w.Take();
}

}  // namespace ivsrt::media
