#include "core/media/replication.h"

#include <map>
#include <vector>

#include "core/errors.h"
#include "core/media/events.h"
#include "core/media/keys.h"
#include "core/media/live_session.h"
#include "core/media/token_check.h"
#include "core/store/codec.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::media {
namespace {

constexpr std::string_view kStarted = "Participant Replication Started";
constexpr std::string_view kStopped = "Participant Replication Stopped";

// The record's key (its index key, ReplicationIdKey, holds the seq).
std::string RecordKey(const ReplicationRecord& r) {
  return StrCat(ReplicationPrefix(r.source_stage_arn, r.participant_id), store::BigEndian64(r.seq));
}

absl::Status PutReplication(store::Txn& txn, const ReplicationRecord& r) {
  RETURN_IF_ERROR(
      txn.Put(store::Table::kReplications,
              ReplicationIdKey(r.source_stage_arn, r.participant_id, r.destination_stage_arn),
              store::BigEndian64(r.seq)));
  return txn.Put(store::Table::kReplications, RecordKey(r), EncodeReplication(r));
}

absl::Status DeleteReplication(store::Txn& txn, const ReplicationRecord& r) {
  RETURN_IF_ERROR(
      txn.Delete(store::Table::kReplications,
                 ReplicationIdKey(r.source_stage_arn, r.participant_id, r.destination_stage_arn)));
  return txn.Delete(store::Table::kReplications, RecordKey(r));
}

absl::StatusOr<std::optional<ReplicationRecord>> LoadReplication(
    const store::Txn& txn, std::string_view source_stage_arn, std::string_view participant_id,
    std::string_view destination_stage_arn) {
  ASSIGN_OR_RETURN(
      auto seq, txn.Get(store::Table::kReplications,
                        ReplicationIdKey(source_stage_arn, participant_id, destination_stage_arn)));
  if (!seq.has_value()) return std::optional<ReplicationRecord>();
  ASSIGN_OR_RETURN(auto bytes,
                   txn.Get(store::Table::kReplications,
                           StrCat(ReplicationPrefix(source_stage_arn, participant_id), *seq)));
  if (!bytes.has_value()) return InternalError("replication index without its record");
  ASSIGN_OR_RETURN(ReplicationRecord r, DecodeReplication(*bytes));
  return std::optional<ReplicationRecord>(std::move(r));
}

// The records under `prefix` for which `wanted` is true; every record of the table when
// `prefix` is "" (index keys, sourceARN|participantId#..., are skipped).
absl::StatusOr<std::vector<ReplicationRecord>> ReplicationsWhere(
    const store::Txn& txn, std::string_view prefix,
    const std::function<bool(const ReplicationRecord&)>& wanted) {
  std::vector<ReplicationRecord> found;
  absl::Status failure;
  RETURN_IF_ERROR(txn.Scan(store::Table::kReplications, prefix, prefix,
                           [&](std::string_view key, std::string_view value) {
                             // Neither ARNs nor participant ids hold '|' or '#': the
                             // first of them after the stage's '|' tells the key form.
                             size_t bar = key.find('|');
                             size_t next = key.find_first_of("|#", bar + 1);
                             if (bar == std::string_view::npos || next == std::string_view::npos ||
                                 key[next] == '#') {
                               return true;
                             }
                             absl::StatusOr<ReplicationRecord> r = DecodeReplication(value);
                             if (!r.ok()) {
                               failure = r.status();
                               return false;
                             }
                             if (wanted(*r)) found.push_back(std::move(*r));
                             return true;
                           }));
  RETURN_IF_ERROR(failure);
  return found;
}

// The token's attributes with `extra` merged over them (the request's values win), as a
// JSON object; "" when neither has any.
absl::StatusOr<std::string> MergedAttributes(std::string_view token_attributes,
                                             const Value* extra) {
  if (token_attributes.empty() && extra == nullptr) return std::string();
  std::map<std::string, std::string> merged;
  if (!token_attributes.empty()) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(token_attributes).get_object().get(object) != simdjson::SUCCESS) {
      return InternalError("corrupt participant attributes");
    }
    for (auto [key, value] : object) {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) {
        return InternalError("corrupt participant attributes");
      }
      merged[std::string(key)] = std::string(s);
    }
  }
  if (extra != nullptr) {
    for (const auto& [key, value] : extra->entries()) merged[key] = value.as_string();
  }
  JsonWriter w;
  w.BeginObject();
  for (const auto& [key, value] : merged) w.Field(key, value);
  w.EndObject();
  return w.Take();
}

// The replica names the session its source publishes in now (the source came back in a new
// session of its stage).
absl::Status PutReplicaSourceSession(store::Txn& txn, const ReplicationRecord& r) {
  ASSIGN_OR_RETURN(
      std::optional<SessionParticipant> replica,
      LoadParticipant(txn, r.destination_stage_arn, r.destination_session_id, r.participant_id));
  if (!replica) return absl::OkStatus();
  replica->source_session_id = r.source_session_id;
  return PutParticipant(txn, r.destination_stage_arn, r.destination_session_id, *replica);
}

Deadline EndOf(const ReplicationRecord& r) {
  Deadline d;
  d.due = r.due;
  d.kind = DeadlineKind::kReplicationEnd;
  d.stage_arn = r.source_stage_arn;
  d.session_id = r.source_session_id;
  d.participant_id = r.participant_id;
  return d;
}

absl::Status EndAt(store::Txn& txn, ReplicationRecord& r, int64_t due) {
  r.due = due;
  RETURN_IF_ERROR(PutReplication(txn, r));
  return AddDeadline(txn, EndOf(r));
}

// The source's side of a start or an end: its event, its Stage Update, its replication
// members (SOURCE; ACTIVE while one of its replications is).
absl::Status MarkSource(store::Txn& txn, const OpContext& ctx, const ReplicationRecord& r,
                        std::string_view event_name, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> source,
                   LoadParticipant(txn, r.source_stage_arn, r.source_session_id, r.participant_id));
  if (!source) return absl::OkStatus();
  ParticipantEvent event;
  event.name = event_name;
  event.participant_id = r.participant_id;
  event.time = now;
  event.destination_stage_arn = r.destination_stage_arn;
  event.destination_session_id = r.destination_session_id;
  RETURN_IF_ERROR(RecordParticipantEvent(txn, r.source_stage_arn, r.source_session_id, event));
  RETURN_IF_ERROR(EmitStageUpdate(txn, PartitionOf(ctx, r.source_stage_arn),
                                  StageUpdate{.stage_arn = r.source_stage_arn,
                                              .session_id = r.source_session_id,
                                              .event_name = r.active ? kStarted : kStopped,
                                              .time = now,
                                              .user_id = source->user_id,
                                              .participant_id = r.participant_id}));
  ASSIGN_OR_RETURN(std::vector<ReplicationRecord> active,
                   ReplicationsWhere(txn, ReplicationPrefix(r.source_stage_arn, r.participant_id),
                                     [](const ReplicationRecord& x) { return x.active; }));
  source->replication_type = "SOURCE";
  source->replication_state = active.empty() ? "STOPPED" : "ACTIVE";
  return PutParticipant(txn, r.source_stage_arn, r.source_session_id, *source);
}

// Ends `r` at `at`: the replica stops publishing and leaves its destination, then the
// source's side; a record whose source stage is gone goes with it.
absl::Status EndReplication(store::Txn& txn, const OpContext& ctx, ReplicationRecord r,
                            int64_t at) {
  const OpContext destination_ctx = PartitionOf(ctx, r.destination_stage_arn);
  absl::StatusOr<LoadedStage> destination =
      LoadStage(txn, destination_ctx, r.destination_stage_arn);
  if (!destination.ok() && !absl::IsNotFound(destination.status())) return destination.status();
  if (destination.ok()) {
    ASSIGN_OR_RETURN(
        std::optional<SessionParticipant> replica,
        LoadParticipant(txn, r.destination_stage_arn, r.destination_session_id, r.participant_id));
    if (replica && replica->replication_type == "REPLICA") {
      replica->replication_state = "STOPPED";
      ASSIGN_OR_RETURN(std::optional<LiveSession> live,
                       LiveSession::Of(txn, destination_ctx, std::move(*destination)));
      if (replica->connected && live && live->session().session_id == r.destination_session_id) {
        RETURN_IF_ERROR(live->Leave(*replica, at));
        RETURN_IF_ERROR(live->Save());
      } else {
        RETURN_IF_ERROR(
            PutParticipant(txn, r.destination_stage_arn, r.destination_session_id, *replica));
      }
    }
  }
  r.active = false;
  r.due = 0;
  const OpContext source_ctx = PartitionOf(ctx, r.source_stage_arn);
  absl::Status source = LoadStage(txn, source_ctx, r.source_stage_arn).status();
  if (absl::IsNotFound(source)) return DeleteReplication(txn, r);
  RETURN_IF_ERROR(source);
  RETURN_IF_ERROR(PutReplication(txn, r));
  return MarkSource(txn, ctx, r, "REPLICATION_STOPPED", at);
}

}  // namespace

std::string EncodeReplication(const ReplicationRecord& r) {
  return store::RecordWriter()
      .U64(r.seq)
      .Str(r.participant_id)
      .Str(r.source_stage_arn)
      .Str(r.source_session_id)
      .Str(r.destination_stage_arn)
      .Str(r.destination_session_id)
      .U64(r.active ? 1 : 0)
      .U64(static_cast<uint64_t>(r.reconnect_window))
      .U64(static_cast<uint64_t>(r.due))
      .Take();
}

absl::StatusOr<ReplicationRecord> DecodeReplication(std::string_view bytes) {
  store::RecordReader reader(bytes);
  ReplicationRecord r;
  r.seq = reader.U64();
  r.participant_id = std::string(reader.Str());
  r.source_stage_arn = std::string(reader.Str());
  r.source_session_id = std::string(reader.Str());
  r.destination_stage_arn = std::string(reader.Str());
  r.destination_session_id = std::string(reader.Str());
  r.active = reader.U64() != 0;
  r.reconnect_window = static_cast<int64_t>(reader.U64());
  r.due = static_cast<int64_t>(reader.U64());
  if (!reader.ok()) return InternalError("corrupt replication record");
  return r;
}

void WriteParticipantReplica(JsonWriter& w, const ReplicationRecord& r) {
  w.BeginObject();
  w.Field("destinationSessionId", r.destination_session_id);
  w.Field("destinationStageArn", r.destination_stage_arn);
  w.Field("participantId", r.participant_id);
  w.Field("replicationState", r.active ? "ACTIVE" : "STOPPED");
  w.Field("sourceSessionId", r.source_session_id);
  w.Field("sourceStageArn", r.source_stage_arn);
  w.EndObject();
}

absl::Status StartReplication(store::Txn& txn, const OpContext& ctx, LoadedStage source,
                              LoadedStage destination, std::string_view participant_id,
                              int64_t reconnect_window, const Value* attributes, int64_t now) {
  const std::string source_arn = source.resource.arn;
  const std::string destination_arn = destination.resource.arn;
  ASSIGN_OR_RETURN(std::optional<LiveSession> source_live,
                   LiveSession::Of(txn, ctx, std::move(source)));
  std::optional<SessionParticipant> p;
  if (source_live) {
    ASSIGN_OR_RETURN(
        p, LoadParticipant(txn, source_arn, source_live->session().session_id, participant_id));
  }
  if (!p) {
    return ResourceNotFoundError(StrCat("Participant not found: ", participant_id,
                                        " in the active session of stage ", source_arn));
  }
  if (p->replication_type == "REPLICA") {
    return ValidationError(StrCat("participantId: ", participant_id, " is a replica of stage ",
                                  p->source_stage_arn, "; replicate it from there"));
  }
  if (!p->publishing) {
    return ConflictError(StrCat(participant_id, " is not publishing"));
  }
  ASSIGN_OR_RETURN(std::optional<ReplicationRecord> known,
                   LoadReplication(txn, source_arn, participant_id, destination_arn));
  if (known && known->active) {
    return ConflictError(
        StrCat("Participant ", participant_id, " is already replicated to ", destination_arn));
  }
  ASSIGN_OR_RETURN(std::vector<ReplicationRecord> active,
                   ReplicationsWhere(txn, ReplicationPrefix(source_arn, participant_id),
                                     [](const ReplicationRecord& r) { return r.active; }));
  if (active.size() >= kMaxReplicationsPerParticipant) {
    return ServiceQuotaExceededError(StrCat("Participant ", participant_id, " has ",
                                            kMaxReplicationsPerParticipant,
                                            " concurrent replications, the most it may have"));
  }
  ASSIGN_OR_RETURN(LiveSession destination_live,
                   LiveSession::OfOrStart(txn, ctx, std::move(destination), now));
  const std::string& destination_session = destination_live.session().session_id;
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> there,
                   LoadParticipant(txn, destination_arn, destination_session, participant_id));
  if (there && (there->replication_type != "REPLICA" || there->source_stage_arn != source_arn)) {
    return ConflictError(StrCat("Participant ", participant_id,
                                " is a participant of the session of stage ", destination_arn));
  }
  TokenClaims claims;
  claims.stage_arn = destination_arn;
  claims.participant_id = std::string(participant_id);
  claims.user_id = p->user_id;
  ASSIGN_OR_RETURN(claims.attributes_json, MergedAttributes(p->attributes_json, attributes));
  claims.exp = kNoExpiry;
  claims.can_publish = true;
  claims.source_stage_arn = source_arn;
  claims.source_session_id = source_live->session().session_id;
  ASSIGN_OR_RETURN(SessionParticipant replica,
                   destination_live.Join(claims, p->protocol, p->client, now));
  ASSIGN_OR_RETURN(std::string error, destination_live.Publish(replica, now));
  if (!error.empty()) {  // QUOTA_EXCEEDED: the transaction, and with it the join, is dropped
    return ServiceQuotaExceededError(StrCat("Stage ", destination_arn, " has ",
                                            kMaxPublishersPerStage,
                                            " publishers, the most a stage may have"));
  }
  RETURN_IF_ERROR(destination_live.Save());
  ReplicationRecord r;
  if (known) {
    r.seq = known->seq;
  } else {
    ASSIGN_OR_RETURN(r.seq, NextMediaSeq(txn));
  }
  r.participant_id = std::string(participant_id);
  r.source_stage_arn = source_arn;
  r.source_session_id = source_live->session().session_id;
  r.destination_stage_arn = destination_arn;
  r.destination_session_id = destination_session;
  r.active = true;
  r.reconnect_window = reconnect_window;
  RETURN_IF_ERROR(PutReplication(txn, r));
  return MarkSource(txn, ctx, r, "REPLICATION_STARTED", now);
}

absl::Status StopReplication(store::Txn& txn, const OpContext& ctx,
                             std::string_view source_stage_arn,
                             std::string_view destination_stage_arn,
                             std::string_view participant_id, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<ReplicationRecord> r,
                   LoadReplication(txn, source_stage_arn, participant_id, destination_stage_arn));
  if (!r) {
    return ResourceNotFoundError(StrCat("Replication not found: participant ", participant_id,
                                        " of stage ", source_stage_arn, " to stage ",
                                        destination_stage_arn));
  }
  if (!r->active) return absl::OkStatus();
  return EndReplication(txn, ctx, std::move(*r), now);
}

absl::Status ReplicationSourcePublished(store::Txn& txn, std::string_view stage_arn,
                                        std::string_view session_id, SessionParticipant& p) {
  if (p.replication_type == "REPLICA") return absl::OkStatus();
  // Not only a SOURCE: a source back in a new session of its stage (the old one ended within
  // the window) is not one there yet.
  ASSIGN_OR_RETURN(
      std::vector<ReplicationRecord> pending,
      ReplicationsWhere(txn, ReplicationPrefix(stage_arn, p.participant_id),
                        [](const ReplicationRecord& r) { return r.active && r.due != 0; }));
  for (ReplicationRecord& r : pending) {
    // Its deadline stays, stale (ApplyReplicationEnd finds the record's due changed).
    r.due = 0;
    if (r.source_session_id != session_id) {
      r.source_session_id = std::string(session_id);
      RETURN_IF_ERROR(PutReplicaSourceSession(txn, r));
    }
    RETURN_IF_ERROR(PutReplication(txn, r));
  }
  if (!pending.empty()) {
    p.replication_type = "SOURCE";
    p.replication_state = "ACTIVE";
  }
  return absl::OkStatus();
}

absl::Status ReplicationSourceUnpublished(store::Txn& txn, std::string_view stage_arn,
                                          const SessionParticipant& p, int64_t now) {
  if (p.replication_type != "SOURCE") return absl::OkStatus();
  ASSIGN_OR_RETURN(
      std::vector<ReplicationRecord> running,
      ReplicationsWhere(txn, ReplicationPrefix(stage_arn, p.participant_id),
                        [](const ReplicationRecord& r) { return r.active && r.due == 0; }));
  for (ReplicationRecord& r : running) RETURN_IF_ERROR(EndAt(txn, r, now + r.reconnect_window));
  return absl::OkStatus();
}

absl::Status ReplicaLeft(store::Txn& txn, std::string_view stage_arn,
                         const SessionParticipant& replica, int64_t now) {
  if (replica.replication_type != "REPLICA" || replica.replication_state != "ACTIVE") {
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(
      std::optional<ReplicationRecord> r,
      LoadReplication(txn, replica.source_stage_arn, replica.participant_id, stage_arn));
  if (!r || !r->active) return absl::OkStatus();
  return EndAt(txn, *r, now);
}

absl::Status EndReplicationsOfDeletedStage(store::Txn& txn, std::string_view stage_arn,
                                           int64_t now) {
  ASSIGN_OR_RETURN(std::vector<ReplicationRecord> involved,
                   ReplicationsWhere(txn, "", [&](const ReplicationRecord& r) {
                     return r.source_stage_arn == stage_arn ||
                            (r.active && r.destination_stage_arn == stage_arn);
                   }));
  for (ReplicationRecord& r : involved) {
    if (r.active) {
      RETURN_IF_ERROR(EndAt(txn, r, now));
    } else {
      RETURN_IF_ERROR(DeleteReplication(txn, r));
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyReplicationEnd(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  ASSIGN_OR_RETURN(
      std::vector<ReplicationRecord> due,
      ReplicationsWhere(txn, ReplicationPrefix(d.stage_arn, d.participant_id),
                        [&](const ReplicationRecord& r) { return r.active && r.due == d.due; }));
  for (ReplicationRecord& r : due) RETURN_IF_ERROR(EndReplication(txn, ctx, std::move(r), d.due));
  return absl::OkStatus();
}

}  // namespace ivsrt::media
