#include "core/media/participant_recording.h"

#include <string>

#include "absl/time/time.h"
#include "core/errors.h"
#include "core/media/events.h"
#include "core/media/keys.h"
#include "core/media/live_session.h"
#include "core/media/token_check.h"
#include "core/resources/resources.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::media {
namespace {

// What a stage's stored AutoParticipantRecordingConfiguration says about recording.
struct RecordingRule {
  std::string storage_arn;  // "" = the stage does not record
  bool media_none = false;  // mediaTypes ["NONE"]
  int64_t reconnect_window = 0;
  bool record_replicas = true;  // recordParticipantReplicas
};

absl::StatusOr<RecordingRule> RuleOf(const StageBody& stage) {
  RecordingRule rule;
  if (stage.recording_json.empty()) return rule;
  simdjson::dom::parser parser;
  simdjson::dom::object config;
  auto corrupt = [] { return InternalError("corrupt stage recording configuration"); };
  if (parser.parse(stage.recording_json).get_object().get(config) != simdjson::SUCCESS) {
    return corrupt();
  }
  std::string_view arn;
  if (config["storageConfigurationArn"].get_string().get(arn) != simdjson::SUCCESS) {
    return corrupt();
  }
  rule.storage_arn = std::string(arn);
  simdjson::dom::array media;
  if (config["mediaTypes"].get_array().get(media) == simdjson::SUCCESS) {
    for (simdjson::dom::element type : media) {
      std::string_view s;
      if (type.get_string().get(s) == simdjson::SUCCESS && s == "NONE") rule.media_none = true;
    }
  }
  int64_t window = 0;
  if (config["recordingReconnectWindowSeconds"].get_int64().get(window) == simdjson::SUCCESS) {
    rule.reconnect_window = window;
  }
  bool record_replicas = true;
  if (config["recordParticipantReplicas"].get_bool().get(record_replicas) == simdjson::SUCCESS) {
    rule.record_replicas = record_replicas;
  }
  return rule;
}

// The s3.bucketName of the storage configuration `arn` (core/ops/storage_configurations.cc).
absl::StatusOr<std::string> BucketOf(const store::Txn& txn, const OpContext& ctx,
                                     std::string_view arn) {
  ASSIGN_OR_RETURN(resources::Resource storage,
                   resources::Load(txn, ctx, resources::ResourceType::kStorageConfiguration, arn));
  simdjson::dom::parser parser;
  std::string_view bucket;
  if (parser.parse(storage.body)["s3"]["bucketName"].get_string().get(bucket) !=
      simdjson::SUCCESS) {
    return InternalError("corrupt storage configuration record");
  }
  return std::string(bucket);
}

Deadline StepOf(std::string_view stage_arn, std::string_view session_id,
                const SessionParticipant& p) {
  Deadline d;
  d.due = p.recording_due;
  d.kind = DeadlineKind::kRecordingStep;
  d.stage_arn = std::string(stage_arn);
  d.session_id = std::string(session_id);
  d.participant_id = p.participant_id;
  return d;
}

// Replaces the participant's pending step with one due at `due` (0 = none).
absl::Status SetDue(store::Txn& txn, std::string_view stage_arn, std::string_view session_id,
                    SessionParticipant& p, int64_t due) {
  if (p.recording_due != 0) RETURN_IF_ERROR(RemoveDeadline(txn, StepOf(stage_arn, session_id, p)));
  p.recording_due = due;
  if (due == 0) return absl::OkStatus();
  return AddDeadline(txn, StepOf(stage_arn, session_id, p));
}

absl::Status EmitRecordingEvent(store::Txn& txn, const OpContext& ctx, std::string_view stage_arn,
                                std::string_view session_id, const SessionParticipant& p,
                                std::string_view event, int64_t at) {
  return EmitParticipantRecordingStateChange(txn, PartitionOf(ctx, stage_arn),
                                             {.stage_arn = stage_arn,
                                              .session_id = session_id,
                                              .event_name = event,
                                              .time = at,
                                              .participant_id = p.participant_id,
                                              .bucket = p.recording_bucket,
                                              .prefix = p.recording_prefix});
}

}  // namespace

absl::Status InjectRecordingFault(store::Txn& txn, const OpContext& ctx, std::string_view stage_arn,
                                  std::string_view session_id, std::string_view participant_id,
                                  RecordingFault fault, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> loaded,
                   LoadParticipant(txn, stage_arn, session_id, participant_id));
  if (!loaded) {
    return ResourceNotFoundError(StrCat("participantId: ", participant_id,
                                        " is no participant of session ", session_id, " of stage ",
                                        stage_arn));
  }
  SessionParticipant& p = *loaded;
  // "X has no recording" or "the recording of X is STOPPED", for the messages below.
  const std::string whose =
      p.recording_state.empty()
          ? StrCat("participantId: ", p.participant_id, " has no recording")
          : StrCat("participantId: the recording of ", p.participant_id, " is ", p.recording_state);
  if (fault == RecordingFault::kStartFailure) {
    if (p.recording_state != "STARTING") {
      return ConflictError(StrCat(whose, "; recording_start_failure applies while STARTING"));
    }
    RETURN_IF_ERROR(SetDue(txn, stage_arn, session_id, p, 0));
    p.recording_state = "FAILED";
    RETURN_IF_ERROR(
        EmitRecordingEvent(txn, ctx, stage_arn, session_id, p, "Recording Start Failure", now));
  } else if (p.recording_started &&
             (p.recording_state == "ACTIVE" || p.recording_state == "STOPPING")) {
    p.recording_end_fails = true;
  } else {
    return ConflictError(StrCat(whose,
                                "; recording_end_failure applies while ACTIVE, or STOPPING "
                                "after Recording Start"));
  }
  return PutParticipant(txn, stage_arn, session_id, p);
}

absl::Status RecordingPublished(store::Txn& txn, const OpContext& ctx, const LoadedStage& stage,
                                std::string_view session_id, SessionParticipant& p, int64_t now) {
  ASSIGN_OR_RETURN(RecordingRule rule, RuleOf(stage.body));
  const std::string& arn = stage.resource.arn;
  // A stage that stopped recording meanwhile lets a STOPPING recording end on its deadline;
  // a replica is recorded only as recordParticipantReplicas says.
  if (rule.storage_arn.empty()) return absl::OkStatus();
  if (p.replication_type == "REPLICA" && !rule.record_replicas) return absl::OkStatus();
  if (p.recording_state == "STOPPING" && !rule.media_none) {  // back within the window
    if (p.recording_started) {
      p.recording_state = "ACTIVE";
      return SetDue(txn, arn, session_id, p, 0);
    }
    p.recording_state = "STARTING";
    return SetDue(txn, arn, session_id, p, now + kRecordingStartDelaySeconds);
  }
  if (p.recording_state == "STOPPING") return absl::OkStatus();
  if (rule.media_none) {
    p.recording_state = "DISABLED";
    p.recording_bucket.clear();
    p.recording_prefix.clear();
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(p.recording_bucket, BucketOf(txn, ctx, rule.storage_arn));
  p.recording_prefix = StrCat(
      stage.resource.id, "/", session_id, "/", p.participant_id, "/",
      absl::FormatTime("%Y-%m-%dT%H-%M-%SZ", absl::FromUnixSeconds(now), absl::UTCTimeZone()));
  p.recording_state = "STARTING";
  p.recording_started = false;
  p.recording_end_fails = false;
  return SetDue(txn, arn, session_id, p, now + kRecordingStartDelaySeconds);
}

absl::Status RecordingUnpublished(store::Txn& txn, const LoadedStage& stage,
                                  std::string_view session_id, SessionParticipant& p, int64_t now) {
  if (p.recording_state != "STARTING" && p.recording_state != "ACTIVE") return absl::OkStatus();
  ASSIGN_OR_RETURN(RecordingRule rule, RuleOf(stage.body));
  p.recording_state = "STOPPING";
  return SetDue(txn, stage.resource.arn, session_id, p, now + rule.reconnect_window);
}

absl::Status ApplyRecordingStep(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> loaded,
                   LoadParticipant(txn, d.stage_arn, d.session_id, d.participant_id));
  if (!loaded || loaded->recording_due != d.due) return absl::OkStatus();
  SessionParticipant& p = *loaded;
  p.recording_due = 0;  // its deadline is gone already
  std::string_view event;
  if (p.recording_state == "STARTING") {
    p.recording_state = "ACTIVE";
    p.recording_started = true;
    event = "Recording Start";
  } else if (p.recording_state == "STOPPING" && p.recording_end_fails) {
    p.recording_state = "FAILED";
    p.recording_end_fails = false;
    event = "Recording End Failure";
  } else if (p.recording_state == "STOPPING") {
    p.recording_state = "STOPPED";
    if (p.recording_started) event = "Recording End";
  }
  if (!event.empty()) {
    RETURN_IF_ERROR(EmitRecordingEvent(txn, ctx, d.stage_arn, d.session_id, p, event, d.due));
  }
  return PutParticipant(txn, d.stage_arn, d.session_id, p);
}

absl::StatusOr<bool> AnyRecordingActive(const store::Txn& txn, std::string_view stage_arn,
                                        std::string_view session_id) {
  bool active = false;
  bool corrupt = false;
  std::string prefix = ParticipantOrderPrefix(stage_arn, session_id);
  RETURN_IF_ERROR(txn.Scan(store::Table::kSessionParticipants, prefix, prefix,
                           [&](std::string_view, std::string_view value) {
                             absl::StatusOr<SessionParticipant> p = DecodeParticipant(value);
                             corrupt = !p.ok();
                             active = !corrupt && p->recording_state == "ACTIVE";
                             return !corrupt && !active;
                           }));
  if (corrupt) return InternalError("corrupt session participant record");
  return active;
}

}  // namespace ivsrt::media
