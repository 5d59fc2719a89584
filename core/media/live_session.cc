#include "core/media/live_session.h"

#include <algorithm>
#include <vector>

#include "core/errors.h"
#include "core/media/compositions.h"
#include "core/media/deadlines.h"
#include "core/media/events.h"
#include "core/media/keys.h"
#include "core/media/participant_recording.h"
#include "core/media/replication.h"
#include "core/resources/resources.h"
#include "core/strings.h"

namespace ivsrt::media {
namespace {

absl::StatusOr<std::optional<SessionRecord>> LoadSessionAt(const store::Txn& txn,
                                                           std::string_view order_key) {
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kSessions, order_key));
  if (!bytes.has_value()) return std::optional<SessionRecord>();
  ASSIGN_OR_RETURN(SessionRecord session, DecodeSession(*bytes));
  return std::optional<SessionRecord>(std::move(session));
}

absl::Status PutSession(store::Txn& txn, std::string_view stage_arn, const SessionRecord& s) {
  RETURN_IF_ERROR(txn.Put(store::Table::kSessions, SessionIdKey(stage_arn, s.session_id),
                          store::BigEndian64(~s.seq)));
  return txn.Put(store::Table::kSessions, SessionOrderKey(stage_arn, s.seq), EncodeSession(s));
}

Deadline ExpiryOf(std::string_view stage_arn, std::string_view session_id,
                  const SessionParticipant& p) {
  return Deadline{.due = p.token_exp,
                  .kind = DeadlineKind::kTokenExpiry,
                  .stage_arn = std::string(stage_arn),
                  .session_id = std::string(session_id),
                  .participant_id = p.participant_id,
                  .composition_arn = {},
                  .destination_id = {}};
}

Deadline EndOf(std::string_view stage_arn, const SessionRecord& s) {
  return Deadline{.due = s.end_due,
                  .kind = DeadlineKind::kSessionEnd,
                  .stage_arn = std::string(stage_arn),
                  .session_id = s.session_id,
                  .participant_id = {},
                  .composition_arn = {},
                  .destination_id = {}};
}

// Deletes every key of `table` that starts with `prefix`.
absl::Status DeletePrefix(store::Txn& txn, store::Table table, std::string_view prefix) {
  std::vector<std::string> keys;
  RETURN_IF_ERROR(txn.Scan(table, prefix, prefix, [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  }));
  for (const std::string& key : keys) RETURN_IF_ERROR(txn.Delete(table, key));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<SessionRecord>> LoadSession(const store::Txn& txn,
                                                         std::string_view stage_arn,
                                                         std::string_view session_id) {
  ASSIGN_OR_RETURN(auto seq, txn.Get(store::Table::kSessions, SessionIdKey(stage_arn, session_id)));
  if (!seq.has_value()) return std::optional<SessionRecord>();
  return LoadSessionAt(txn, StrCat(stage_arn, "|", *seq));
}

absl::StatusOr<std::optional<SessionParticipant>> LoadParticipant(const store::Txn& txn,
                                                                  std::string_view stage_arn,
                                                                  std::string_view session_id,
                                                                  std::string_view participant_id) {
  ASSIGN_OR_RETURN(auto seq, txn.Get(store::Table::kSessionParticipants,
                                     ParticipantIdKey(stage_arn, session_id, participant_id)));
  if (!seq.has_value()) return std::optional<SessionParticipant>();
  ASSIGN_OR_RETURN(auto bytes,
                   txn.Get(store::Table::kSessionParticipants,
                           StrCat(ParticipantOrderPrefix(stage_arn, session_id), *seq)));
  if (!bytes.has_value()) return InternalError("session participant index without its record");
  ASSIGN_OR_RETURN(SessionParticipant p, DecodeParticipant(*bytes));
  return std::optional<SessionParticipant>(std::move(p));
}

absl::Status PutParticipant(store::Txn& txn, std::string_view stage_arn,
                            std::string_view session_id, const SessionParticipant& p) {
  return txn.Put(store::Table::kSessionParticipants,
                 ParticipantOrderKey(stage_arn, session_id, p.seq), EncodeParticipant(p));
}

absl::StatusOr<std::optional<LiveSession>> LiveSession::Of(store::Txn& txn, const OpContext& ctx,
                                                           LoadedStage stage) {
  if (stage.body.active_session_id.empty()) return std::optional<LiveSession>();
  ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                   LoadSession(txn, stage.resource.arn, stage.body.active_session_id));
  if (!session) return InternalError("a stage's active session has no record");
  return std::optional<LiveSession>(LiveSession(txn, ctx, std::move(stage), std::move(*session)));
}

absl::StatusOr<LiveSession> LiveSession::OfOrStart(store::Txn& txn, const OpContext& ctx,
                                                   LoadedStage stage, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<LiveSession> live, Of(txn, ctx, stage));
  if (live) return std::move(*live);
  SessionRecord session;
  ASSIGN_OR_RETURN(session.seq, NextMediaSeq(txn));
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  session.session_id =
      StrCat("st-", ctx.services->ids.Alnum(StrCat("session:", generation, ":", session.seq), 13));
  session.start = now;
  stage.body.active_session_id = session.session_id;
  stage.resource.body = EncodeStageBody(stage.body);
  RETURN_IF_ERROR(resources::Save(txn, ctx, stage.resource));
  return LiveSession(txn, ctx, std::move(stage), std::move(session));
}

absl::Status LiveSession::Save() { return PutSession(*txn_, stage_arn(), session_); }

absl::Status LiveSession::Put(const SessionParticipant& p) {
  const std::string& sid = session_.session_id;
  RETURN_IF_ERROR(txn_->Put(store::Table::kSessionParticipants,
                            ParticipantIdKey(stage_arn(), sid, p.participant_id),
                            store::BigEndian64(p.seq)));
  return PutParticipant(*txn_, stage_arn(), sid, p);
}

absl::Status LiveSession::Event(const SessionParticipant& p, std::string_view name, int64_t now,
                                std::string_view remote, std::string_view error_code,
                                bool remote_is_replica) {
  ParticipantEvent event;
  event.name = name;
  event.participant_id = p.participant_id;
  event.time = now;
  event.remote_participant_id = remote;
  event.error_code = error_code;
  event.replica = remote.empty() ? p.replication_type == "REPLICA" : remote_is_replica;
  return RecordParticipantEvent(*txn_, stage_arn(), session_.session_id, event);
}

absl::Status LiveSession::StageUpdate(const SessionParticipant& p, std::string_view event_name,
                                      int64_t now) {
  return EmitStageUpdate(*txn_, ctx_,
                         media::StageUpdate{.stage_arn = stage_arn(),
                                            .session_id = session_.session_id,
                                            .event_name = event_name,
                                            .time = now,
                                            .user_id = p.user_id,
                                            .participant_id = p.participant_id});
}

absl::StatusOr<SessionParticipant> LiveSession::Join(const TokenClaims& claims,
                                                     std::string_view protocol,
                                                     const ClientAttributes& client, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> known,
                   LoadParticipant(*txn_, stage_arn(), session_.session_id, claims.participant_id));
  if (known && known->connected) return std::move(*known);
  SessionParticipant p;
  if (known) {
    p = std::move(*known);  // a reconnect: firstJoinTime and published stay
  } else {
    ASSIGN_OR_RETURN(p.seq, NextMediaSeq(*txn_));
    p.participant_id = claims.participant_id;
    p.first_join = now;
  }
  p.user_id = claims.user_id;
  p.attributes_json = claims.attributes_json;
  p.can_publish = claims.can_publish;
  p.can_subscribe = claims.can_subscribe;
  p.self_signed = claims.self_signed;
  p.token_exp = claims.exp;
  p.protocol = std::string(protocol);
  p.client = client;
  p.connected = true;
  if (!claims.source_stage_arn.empty()) {
    p.replication_type = "REPLICA";
    p.replication_state = "ACTIVE";
    p.source_stage_arn = claims.source_stage_arn;
    p.source_session_id = claims.source_session_id;
  }
  if (session_.end_due != 0) {  // someone is back before the idle session ended
    RETURN_IF_ERROR(RemoveDeadline(*txn_, EndOf(stage_arn(), session_)));
    session_.end_due = 0;
  }
  ++session_.connected;
  if (p.token_exp != kNoExpiry) {
    RETURN_IF_ERROR(AddDeadline(*txn_, ExpiryOf(stage_arn(), session_.session_id, p)));
  }
  RETURN_IF_ERROR(Event(p, "JOINED", now));
  RETURN_IF_ERROR(Put(p));
  return p;
}

absl::StatusOr<SessionParticipant> LiveSession::Connected(std::string_view participant_id) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> p,
                   LoadParticipant(*txn_, stage_arn(), session_.session_id, participant_id));
  if (!p || !p->connected) {
    return ResourceNotFoundError(
        StrCat("participantId: ", participant_id, " is not connected to stage ", stage_arn()));
  }
  return std::move(*p);
}

absl::StatusOr<std::string> LiveSession::Publish(SessionParticipant& p, int64_t now) {
  if (p.publishing) return std::string();
  std::string_view error;
  if (!p.can_publish) {
    error = "INSUFFICIENT_CAPABILITIES";
  } else if (session_.publishers >= kMaxPublishersPerStage) {
    error = "QUOTA_EXCEEDED";
  }
  if (!error.empty()) {
    RETURN_IF_ERROR(Event(p, "PUBLISH_ERROR", now, "", error));
    RETURN_IF_ERROR(StageUpdate(p, "Participant Publish Error", now));
    return std::string(error);
  }
  p.publishing = true;
  p.published = true;
  ++session_.publishers;
  if (session_.publishers == 1) {
    RETURN_IF_ERROR(StagePublishersChanged(*txn_, ctx_, stage_arn(), true, now));
  }
  RETURN_IF_ERROR(RecordingPublished(*txn_, ctx_, stage_, session_.session_id, p, now));
  RETURN_IF_ERROR(ReplicationSourcePublished(*txn_, stage_arn(), session_.session_id, p));
  RETURN_IF_ERROR(Event(p, "PUBLISH_STARTED", now));
  RETURN_IF_ERROR(StageUpdate(p, "Participant Published", now));
  RETURN_IF_ERROR(Put(p));
  return std::string();
}

absl::Status LiveSession::Unpublish(SessionParticipant& p, int64_t now) {
  if (!p.publishing) return absl::OkStatus();
  p.publishing = false;
  --session_.publishers;
  if (session_.publishers == 0) {
    RETURN_IF_ERROR(StagePublishersChanged(*txn_, ctx_, stage_arn(), false, now));
  }
  RETURN_IF_ERROR(RecordingUnpublished(*txn_, stage_, session_.session_id, p, now));
  RETURN_IF_ERROR(ReplicationSourceUnpublished(*txn_, stage_arn(), p, now));
  RETURN_IF_ERROR(Event(p, "PUBLISH_STOPPED", now));
  RETURN_IF_ERROR(StageUpdate(p, "Participant Unpublished", now));
  RETURN_IF_ERROR(Put(p));
  return StopSubscriptionsTo(p, now);
}

absl::StatusOr<std::string> LiveSession::Subscribe(SessionParticipant& p,
                                                   std::string_view publisher_id, int64_t now) {
  auto& subs = p.subscriptions;
  if (std::find(subs.begin(), subs.end(), publisher_id) != subs.end()) return std::string();
  std::string_view error;
  bool replica = false;
  if (!p.can_subscribe) {
    error = "INSUFFICIENT_CAPABILITIES";
  } else {
    ASSIGN_OR_RETURN(std::optional<SessionParticipant> publisher,
                     LoadParticipant(*txn_, stage_arn(), session_.session_id, publisher_id));
    replica = publisher && publisher->replication_type == "REPLICA";
    if (publisher_id == p.participant_id || !publisher || !publisher->publishing) {
      error = "PUBLISHER_NOT_FOUND";
    } else if (subs.empty() && session_.subscribers >= ctx_.services->quotas.stage_subscribers()) {
      error = "QUOTA_EXCEEDED";
    }
  }
  if (!error.empty()) {
    RETURN_IF_ERROR(Event(p, "SUBSCRIBE_ERROR", now, publisher_id, error, replica));
    return std::string(error);
  }
  if (subs.empty()) ++session_.subscribers;
  subs.emplace_back(publisher_id);
  RETURN_IF_ERROR(Event(p, "SUBSCRIBE_STARTED", now, publisher_id, "", replica));
  RETURN_IF_ERROR(Put(p));
  return std::string();
}

absl::Status LiveSession::StopSubscription(SessionParticipant& subscriber,
                                           std::string_view publisher_id, int64_t now,
                                           bool publisher_is_replica) {
  auto& subs = subscriber.subscriptions;
  auto it = std::find(subs.begin(), subs.end(), publisher_id);
  if (it == subs.end()) return absl::OkStatus();
  subs.erase(it);
  if (subs.empty()) --session_.subscribers;
  RETURN_IF_ERROR(
      Event(subscriber, "SUBSCRIBE_STOPPED", now, publisher_id, "", publisher_is_replica));
  return Put(subscriber);
}

absl::StatusOr<bool> LiveSession::IsReplica(std::string_view participant_id) {
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> p,
                   LoadParticipant(*txn_, stage_arn(), session_.session_id, participant_id));
  return p && p->replication_type == "REPLICA";
}

absl::Status LiveSession::StopSubscriptions(SessionParticipant& p, int64_t now) {
  while (!p.subscriptions.empty()) {
    std::string publisher = p.subscriptions.front();
    ASSIGN_OR_RETURN(bool replica, IsReplica(publisher));
    RETURN_IF_ERROR(StopSubscription(p, publisher, now, replica));
  }
  return absl::OkStatus();
}

absl::Status LiveSession::Unsubscribe(SessionParticipant& p, std::string_view publisher_id,
                                      int64_t now) {
  ASSIGN_OR_RETURN(bool replica, IsReplica(publisher_id));
  return StopSubscription(p, publisher_id, now, replica);
}

absl::StatusOr<std::vector<SessionParticipant>> LiveSession::ParticipantsWhere(
    const std::function<absl::StatusOr<bool>(std::string_view record)>& wanted) {
  std::vector<SessionParticipant> found;
  absl::Status status;
  std::string prefix = ParticipantOrderPrefix(stage_arn(), session_.session_id);
  RETURN_IF_ERROR(txn_->Scan(store::Table::kSessionParticipants, prefix, prefix,
                             [&](std::string_view, std::string_view value) {
                               absl::StatusOr<bool> want = wanted(value);
                               if (!want.ok() || !*want) {
                                 status = want.status();
                                 return status.ok();
                               }
                               absl::StatusOr<SessionParticipant> p = DecodeParticipant(value);
                               if (p.ok()) found.push_back(std::move(*p));
                               status = p.status();
                               return status.ok();
                             }));
  RETURN_IF_ERROR(status);
  return found;
}

absl::Status LiveSession::StopSubscriptionsTo(const SessionParticipant& publisher, int64_t now) {
  // Nobody subscribes to anyone (the session's count, kept by Subscribe and
  // StopSubscription): no record to look at.
  if (session_.subscribers == 0) return absl::OkStatus();
  const std::string& publisher_id = publisher.participant_id;
  ASSIGN_OR_RETURN(std::vector<SessionParticipant> subscribers,
                   ParticipantsWhere([&](std::string_view record) {
                     return ParticipantSubscribesTo(record, publisher_id);
                   }));
  const bool replica = publisher.replication_type == "REPLICA";
  for (SessionParticipant& s : subscribers) {
    RETURN_IF_ERROR(StopSubscription(s, publisher_id, now, replica));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> LiveSession::ExchangeToken(SessionParticipant& p,
                                                       std::string_view token, int64_t now) {
  ASSIGN_OR_RETURN(TokenCheck check, CheckParticipantToken(*txn_, ctx_, token));
  if (!check.reason.empty()) return check.reason;
  const TokenClaims& claims = check.claims;
  if (!claims.self_signed || !p.self_signed) return std::string("not_self_signed");
  if (claims.stage_arn != stage_arn() || claims.participant_id != p.participant_id) {
    return std::string("immutable_claim_changed");
  }
  const std::string previous = ExchangedTokenJson(p);
  RETURN_IF_ERROR(RemoveDeadline(*txn_, ExpiryOf(stage_arn(), session_.session_id, p)));
  p.user_id = claims.user_id;
  p.attributes_json = claims.attributes_json;
  p.can_publish = claims.can_publish;
  p.can_subscribe = claims.can_subscribe;
  p.token_exp = claims.exp;
  RETURN_IF_ERROR(AddDeadline(*txn_, ExpiryOf(stage_arn(), session_.session_id, p)));
  const std::string current = ExchangedTokenJson(p);
  ParticipantEvent event;
  event.name = "TOKEN_EXCHANGED";
  event.participant_id = p.participant_id;
  event.time = now;
  event.previous_token_json = previous;
  event.new_token_json = current;
  RETURN_IF_ERROR(RecordParticipantEvent(*txn_, stage_arn(), session_.session_id, event));
  RETURN_IF_ERROR(Put(p));
  if (!p.can_publish) RETURN_IF_ERROR(Unpublish(p, now));
  if (!p.can_subscribe) RETURN_IF_ERROR(StopSubscriptions(p, now));
  return std::string();
}

absl::Status LiveSession::Leave(SessionParticipant& p, int64_t now) {
  if (!p.connected) return absl::OkStatus();
  RETURN_IF_ERROR(StopSubscriptions(p, now));
  RETURN_IF_ERROR(Unpublish(p, now));
  RETURN_IF_ERROR(RemoveDeadline(*txn_, ExpiryOf(stage_arn(), session_.session_id, p)));
  p.connected = false;
  --session_.connected;
  RETURN_IF_ERROR(ReplicaLeft(*txn_, stage_arn(), p, now));
  RETURN_IF_ERROR(Event(p, "LEFT", now));
  RETURN_IF_ERROR(Put(p));
  if (session_.connected == 0) {
    session_.end_due = now + ctx_.services->session_end_delay_seconds;
    RETURN_IF_ERROR(AddDeadline(*txn_, EndOf(stage_arn(), session_)));
  }
  return absl::OkStatus();
}

absl::Status LiveSession::End(int64_t at) {
  if (session_.end_due != 0) RETURN_IF_ERROR(RemoveDeadline(*txn_, EndOf(stage_arn(), session_)));
  session_.end_due = 0;
  session_.end = at;
  stage_.body.active_session_id.clear();
  stage_.resource.body = EncodeStageBody(stage_.body);
  RETURN_IF_ERROR(resources::Save(*txn_, ctx_, stage_.resource));
  return Save();
}

absl::Status LiveSession::EndForDeletedStage(int64_t now) {
  ASSIGN_OR_RETURN(std::vector<SessionParticipant> participants,
                   ParticipantsWhere([](std::string_view) { return true; }));
  for (const SessionParticipant& p : participants) {
    if (!p.connected) continue;
    if (p.publishing) RETURN_IF_ERROR(StageUpdate(p, "Participant Unpublished", now));
    RETURN_IF_ERROR(RemoveDeadline(*txn_, ExpiryOf(stage_arn(), session_.session_id, p)));
  }
  if (session_.end_due != 0) RETURN_IF_ERROR(RemoveDeadline(*txn_, EndOf(stage_arn(), session_)));
  return absl::OkStatus();
}

absl::Status DeleteStageMedia(store::Txn& txn, std::string_view stage_arn) {
  for (store::Table table : {store::Table::kSessions, store::Table::kSessionParticipants,
                             store::Table::kParticipantEvents}) {
    RETURN_IF_ERROR(DeletePrefix(txn, table, StrCat(stage_arn, "|")));
  }
  return DeletePrefix(txn, store::Table::kSessions, StrCat(stage_arn, "#"));
}

namespace {

// Applies one due deadline at its due time; a deadline whose stage, session or participant
// has moved on since is stale and does nothing.
absl::Status ApplyDeadline(store::Txn& txn, const OpContext& ctx, const Deadline& d) {
  if (d.kind == DeadlineKind::kCompositionStep) return ApplyCompositionStep(txn, ctx, d);
  if (d.kind == DeadlineKind::kCompositionLife) return ApplyCompositionLife(txn, ctx, d);
  if (d.kind == DeadlineKind::kDestinationReconnect) {
    return ApplyDestinationReconnect(txn, ctx, d);
  }
  if (d.kind == DeadlineKind::kRecordingStep) return ApplyRecordingStep(txn, ctx, d);
  if (d.kind == DeadlineKind::kReplicationEnd) return ApplyReplicationEnd(txn, ctx, d);
  OpContext stage_ctx = PartitionOf(ctx, d.stage_arn);
  absl::StatusOr<LoadedStage> stage = LoadStage(txn, stage_ctx, d.stage_arn);
  if (absl::IsNotFound(stage.status())) return absl::OkStatus();
  RETURN_IF_ERROR(stage.status());
  ASSIGN_OR_RETURN(std::optional<LiveSession> live,
                   LiveSession::Of(txn, stage_ctx, std::move(*stage)));
  if (!live || live->session().session_id != d.session_id) return absl::OkStatus();
  if (d.kind == DeadlineKind::kSessionEnd) {
    if (live->session().connected != 0 || live->session().end_due != d.due) {
      return absl::OkStatus();
    }
    return live->End(d.due);
  }
  ASSIGN_OR_RETURN(std::optional<SessionParticipant> p,
                   LoadParticipant(txn, d.stage_arn, d.session_id, d.participant_id));
  if (!p || !p->connected || p->token_exp != d.due) return absl::OkStatus();
  RETURN_IF_ERROR(live->Leave(*p, d.due));
  return live->Save();
}

}  // namespace

absl::Status ApplyDueTransitions(const OpContext& ctx) {
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  DeadlineCache& cache = ctx.services->deadlines;
  // Nothing written since the first deadline was last read: no read transaction needed.
  if (cache.NothingDueAt(ctx.services->store->LastTxnId(), now)) return absl::OkStatus();
  bool due = false;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Deadline> first, FirstDeadline(txn));
    due = first && first->due <= now;
    cache.Remember(txn.Id(), first ? first->due : DeadlineCache::kNone);
    return absl::OkStatus();
  }));
  if (!due) return absl::OkStatus();
  return ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    while (true) {
      ASSIGN_OR_RETURN(std::optional<Deadline> first, FirstDeadline(txn));
      if (!first || first->due > now) return absl::OkStatus();
      RETURN_IF_ERROR(RemoveDeadline(txn, *first));
      RETURN_IF_ERROR(ApplyDeadline(txn, ctx, *first));
    }
  });
}

}  // namespace ivsrt::media
