// A stage's active session inside one write transaction: the rules the simulated media
// plane enforces when participants join, publish, subscribe and leave (NOTES.md 10, 11;
// the user guide's "Stage session" and the API reference's Event page).
#ifndef IVSRT_CORE_MEDIA_LIVE_SESSION_H_
#define IVSRT_CORE_MEDIA_LIVE_SESSION_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/media/records.h"
#include "core/media/token_check.h"
#include "core/ops/stage_record.h"

namespace ivsrt::media {

// Publishers per stage at once: the quota page's "Stage publishers", not adjustable.
inline constexpr uint64_t kMaxPublishersPerStage = 12;

// A participant's session and record, as stored.
absl::StatusOr<std::optional<SessionRecord>> LoadSession(const store::Txn& txn,
                                                         std::string_view stage_arn,
                                                         std::string_view session_id);
absl::StatusOr<std::optional<SessionParticipant>> LoadParticipant(const store::Txn& txn,
                                                                  std::string_view stage_arn,
                                                                  std::string_view session_id,
                                                                  std::string_view participant_id);
// Stores a participant LoadParticipant found again (its id index already exists).
absl::Status PutParticipant(store::Txn& txn, std::string_view stage_arn,
                            std::string_view session_id, const SessionParticipant& p);

class LiveSession {
 public:
  // The stage's active session, or nullopt while the stage is idle. `ctx` is the stage's
  // partition (PartitionOf).
  static absl::StatusOr<std::optional<LiveSession>> Of(store::Txn& txn, const OpContext& ctx,
                                                       LoadedStage stage);
  // The active session, started at `now` if the stage is idle.
  static absl::StatusOr<LiveSession> OfOrStart(store::Txn& txn, const OpContext& ctx,
                                               LoadedStage stage, int64_t now);

  const SessionRecord& session() const { return session_; }
  const std::string& stage_arn() const { return stage_.resource.arn; }

  // Connects the token's participant (a first join, or a reconnect keeping firstJoinTime):
  // JOINED. A participant already connected stays as it is. Its disconnection at the
  // token's exp is scheduled, unless exp is kNoExpiry (an ingest participant).
  absl::StatusOr<SessionParticipant> Join(const TokenClaims& claims, std::string_view protocol,
                                          const ClientAttributes& client, int64_t now);
  // The connected participant `participant_id`; ResourceNotFoundException otherwise.
  absl::StatusOr<SessionParticipant> Connected(std::string_view participant_id);

  // The media verbs: "" when done, else the EventErrorCode of the *_ERROR event recorded.
  // The stage's first publisher and the end of its last start and stop the clocks of its
  // compositions (core/media/compositions.h); each publisher's recording starts and stops
  // with its publishing (core/media/participant_recording.h).
  absl::StatusOr<std::string> Publish(SessionParticipant& p, int64_t now);
  absl::Status Unpublish(SessionParticipant& p, int64_t now);
  absl::StatusOr<std::string> Subscribe(SessionParticipant& p, std::string_view publisher_id,
                                        int64_t now);
  absl::Status Unsubscribe(SessionParticipant& p, std::string_view publisher_id, int64_t now);
  // Token exchange (user guide, "Token Exchange"): "" when the participant now holds
  // `token`'s capabilities, attributes, user_id and exp (TOKEN_EXCHANGED; losing PUBLISH
  // stops its publishing, losing SUBSCRIBE its subscriptions), else the refusal's reason:
  // a TokenCheck reason, not_self_signed (either token), or immutable_claim_changed (another
  // resource or jti; topic, whip_url and events_url are held to the resource's already).
  absl::StatusOr<std::string> ExchangeToken(SessionParticipant& p, std::string_view token,
                                            int64_t now);
  // Stops the participant's subscriptions and publishing, then LEFT; the session's end is
  // scheduled when nobody is left.
  absl::Status Leave(SessionParticipant& p, int64_t now);

  // Ends the session at `at` (endTime) and clears the stage's activeSessionId.
  absl::Status End(int64_t at);
  // DeleteStage: the Unpublished events of the publishers, then every trace of the stage's
  // sessions, participants, events and deadlines is removed.
  absl::Status EndForDeletedStage(int64_t now);

  // Writes the session record (the verbs above update it in memory).
  absl::Status Save();

 private:
  LiveSession(store::Txn& txn, const OpContext& ctx, LoadedStage stage, SessionRecord session)
      : txn_(&txn), ctx_(ctx), stage_(std::move(stage)), session_(std::move(session)) {}

  absl::Status Put(const SessionParticipant& p);
  // `remote_is_replica`: the remote participant of a subscribe event is a replica ("replica":
  // true); any other event carries the flag when `p` is a replica.
  absl::Status Event(const SessionParticipant& p, std::string_view name, int64_t now,
                     std::string_view remote = "", std::string_view error_code = "",
                     bool remote_is_replica = false);
  absl::Status StageUpdate(const SessionParticipant& p, std::string_view event_name, int64_t now);
  absl::Status StopSubscription(SessionParticipant& subscriber, std::string_view publisher_id,
                                int64_t now, bool publisher_is_replica);
  // Whether the session's participant `participant_id` is a replica.
  absl::StatusOr<bool> IsReplica(std::string_view participant_id);
  // The session's participants whose stored record `wanted` accepts (read from the record's
  // bytes, so that only those are decoded), in join order.
  absl::StatusOr<std::vector<SessionParticipant>> ParticipantsWhere(
      const std::function<absl::StatusOr<bool>(std::string_view record)>& wanted);
  // Stops each of `p`'s subscriptions (SUBSCRIBE_STOPPED each).
  absl::Status StopSubscriptions(SessionParticipant& p, int64_t now);
  // Stops every other participant's subscription to `publisher`.
  absl::Status StopSubscriptionsTo(const SessionParticipant& publisher, int64_t now);

  store::Txn* txn_;
  OpContext ctx_;
  LoadedStage stage_;
  SessionRecord session_;
};

// Removes every session, participant and participant event of a deleted stage.
absl::Status DeleteStageMedia(store::Txn& txn, std::string_view stage_arn);

// Applies every deadline due at `ctx.now` (idle sessions end, expired tokens disconnect,
// compositions and recordings move on: core/media/compositions.h,
// core/media/participant_recording.h),
// each at its own due time, in due order. Cheap (one read) when none is due.
absl::Status ApplyDueTransitions(const OpContext& ctx);

}  // namespace ivsrt::media

#endif  // IVSRT_CORE_MEDIA_LIVE_SESSION_H_
