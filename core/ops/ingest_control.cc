// ivsrt:StartIngest and ivsrt:StopIngest {"streamKey"}: an RTMP(S) encoder starting and
// stopping to publish with an ingest configuration's stream key (README, "Test control" and
// "Ingest configurations"). The configuration's participant joins its stage with protocol
// ingestProtocol and publishes, as any publisher (events, Stage Update events, quotas).
#include <functional>

#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/live_session.h"
#include "core/media/token_check.h"
#include "core/ops/control_body.h"
#include "core/ops/handlers.h"
#include "core/ops/ingest_record.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

std::string Refused(std::string_view error_code) {
  JsonWriter w;
  w.BeginObject().Key("ok").Bool(false).Field("errorCode", error_code).EndObject();
  return w.Take();
}

// The configuration and credential a stream key belongs to, in its own partition.
struct KeyOwner {
  LoadedIngest ingest;
  IngestCredential credential;
};
absl::StatusOr<std::optional<KeyOwner>> FindKey(const store::Txn& txn, const OpContext& ctx,
                                                std::string_view stream_key) {
  const std::string arn = IngestArnOfStreamKey(stream_key);
  if (arn.empty()) return std::optional<KeyOwner>();
  absl::StatusOr<LoadedIngest> ingest = LoadIngest(txn, ctx, arn);
  if (absl::IsNotFound(ingest.status())) return std::optional<KeyOwner>();
  RETURN_IF_ERROR(ingest.status());
  IngestCredential credential = ingest->body.primary;
  for (const IngestCredential& c : ingest->body.redundant) {
    if (c.stream_key == stream_key) credential = c;
  }
  if (credential.stream_key != stream_key) return std::optional<KeyOwner>();
  return std::optional<KeyOwner>(KeyOwner{std::move(*ingest), std::move(credential)});
}

// The claims an encoder's participant joins with: the configuration's participant, userId and
// attributes; publish only; no token, so no expiry (media::kNoExpiry).
media::TokenClaims IngestClaims(const IngestBody& body, const IngestCredential& credential) {
  media::TokenClaims claims;
  claims.stage_arn = body.stage_arn;
  claims.participant_id = credential.participant_id;
  claims.user_id = body.user_id;
  if (body.attributes_json != "{}") claims.attributes_json = body.attributes_json;
  claims.exp = media::kNoExpiry;
  claims.can_publish = true;
  return claims;
}

// Runs `act` in a write transaction for the configuration and credential of the body's
// streamKey, in the key's partition; an unknown key is refused INVALID_STREAM_KEY.
using KeyAct = std::function<absl::StatusOr<std::string>(store::Txn& txn, const OpContext& ctx,
                                                         KeyOwner& owner, int64_t now)>;
absl::StatusOr<std::string> WithStreamKey(const OpContext& ctx, std::string_view body,
                                          const KeyAct& act) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view stream_key, RequiredString(request, "streamKey"));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    const std::string arn = IngestArnOfStreamKey(stream_key);
    OpContext key_ctx = media::PartitionOf(ctx, arn);
    ASSIGN_OR_RETURN(std::optional<KeyOwner> owner, FindKey(txn, key_ctx, stream_key));
    if (!owner) {
      response = Refused("INVALID_STREAM_KEY");
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(response, act(txn, key_ctx, *owner, now));
    return absl::OkStatus();
  }));
  return response;
}

}  // namespace

// An unknown key, and the key of a detached configuration (NOTES.md 13: a stream key is
// unusable while stageArn is ""), are INVALID_STREAM_KEY; a key whose encoder is already
// publishing is REUSE_OF_STREAM_KEY (the model's EventErrorCode values). A refused publish
// (QUOTA_EXCEEDED: 12 publishers) leaves the participant disconnected again.
absl::StatusOr<std::string> StartIngest(const OpContext& ctx, std::string_view body) {
  return WithStreamKey(
      ctx, body,
      [](store::Txn& txn, const OpContext& key_ctx, KeyOwner& owner,
         int64_t now) -> absl::StatusOr<std::string> {
        IngestBody& ingest = owner.ingest.body;
        if (ingest.stage_arn.empty()) return Refused("INVALID_STREAM_KEY");
        ASSIGN_OR_RETURN(std::vector<IngestCredential> connected,
                         ConnectedCredentials(txn, key_ctx, ingest));
        for (const IngestCredential& c : connected) {
          if (c.participant_id == owner.credential.participant_id) {
            return Refused("REUSE_OF_STREAM_KEY");
          }
        }
        ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, key_ctx, ingest.stage_arn));
        ASSIGN_OR_RETURN(media::LiveSession live,
                         media::LiveSession::OfOrStart(txn, key_ctx, std::move(stage), now));
        ASSIGN_OR_RETURN(media::SessionParticipant p,
                         live.Join(IngestClaims(ingest, owner.credential), ingest.ingest_protocol,
                                   media::ClientAttributes{}, now));
        p.ingest_configuration_arn = owner.ingest.resource.arn;
        p.redundant_ingest = ingest.redundant_ingest;
        ASSIGN_OR_RETURN(std::string error, live.Publish(p, now));
        if (!error.empty()) {
          RETURN_IF_ERROR(live.Leave(p, now));
          RETURN_IF_ERROR(live.Save());
          return Refused(error);
        }
        RETURN_IF_ERROR(live.Save());
        ingest.active = true;
        owner.ingest.resource.body = EncodeIngestBody(ingest);
        RETURN_IF_ERROR(resources::Save(txn, key_ctx, owner.ingest.resource));
        JsonWriter w;
        w.BeginObject().Key("ok").Bool(true);
        w.Field("participantId", p.participant_id);
        w.Field("sessionId", live.session().session_id);
        w.EndObject();
        return w.Take();
      });
}

// The key's encoder stops: its participant stops publishing and leaves; the configuration is
// INACTIVE once no encoder of it publishes. A key whose encoder is not publishing is {"ok":
// true} as well; an unknown key is INVALID_STREAM_KEY.
absl::StatusOr<std::string> StopIngest(const OpContext& ctx, std::string_view body) {
  return WithStreamKey(
      ctx, body,
      [](store::Txn& txn, const OpContext& key_ctx, KeyOwner& owner,
         int64_t now) -> absl::StatusOr<std::string> {
        IngestBody& ingest = owner.ingest.body;
        ASSIGN_OR_RETURN(std::vector<IngestCredential> connected,
                         ConnectedCredentials(txn, key_ctx, ingest));
        bool others = false;
        bool ours = false;
        for (const IngestCredential& c : connected) {
          (c.participant_id == owner.credential.participant_id ? ours : others) = true;
        }
        if (!ours) return std::string(R"({"ok":true})");
        ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, key_ctx, ingest.stage_arn));
        ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                         media::LiveSession::Of(txn, key_ctx, std::move(stage)));
        ASSIGN_OR_RETURN(media::SessionParticipant p,
                         live->Connected(owner.credential.participant_id));
        RETURN_IF_ERROR(live->Leave(p, now));
        RETURN_IF_ERROR(live->Save());
        ingest.active = others;
        owner.ingest.resource.body = EncodeIngestBody(ingest);
        RETURN_IF_ERROR(resources::Save(txn, key_ctx, owner.ingest.resource));
        return std::string(R"({"ok":true})");
      });
}

}  // namespace ivsrt::ops
