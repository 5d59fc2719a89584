#include "core/media/token_check.h"

#include "absl/strings/ascii.h"
#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/stage_record.h"
#include "core/public_key.h"
#include "core/resources/resources.h"
#include "core/strings.h"
#include "core/token.h"
#include "simdjson.h"

namespace ivsrt::media {
namespace {

// A self-signed token's exp is at most 14 days after its iat (NOTES.md 8).
constexpr int64_t kMaxSelfSignedLifetimeSeconds = int64_t{14} * 24 * 3600;

// False when the payload lacks the claims every token of ours carries.
bool ReadClaims(std::string_view payload_json, TokenClaims& claims) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  std::string_view stage_arn, participant_id, user_id;
  if (parser.parse(payload_json).get_object().get(object) != simdjson::SUCCESS ||
      object["exp"].get_int64().get(claims.exp) != simdjson::SUCCESS ||
      object["resource"].get_string().get(stage_arn) != simdjson::SUCCESS ||
      object["jti"].get_string().get(participant_id) != simdjson::SUCCESS) {
    return false;
  }
  claims.stage_arn = std::string(stage_arn);
  claims.participant_id = std::string(participant_id);
  if (object["user_id"].get_string().get(user_id) == simdjson::SUCCESS) {
    claims.user_id = std::string(user_id);
  }
  simdjson::dom::object attributes;
  if (object["attributes"].get_object().get(attributes) == simdjson::SUCCESS) {
    claims.attributes_json = simdjson::minify(attributes);
  }
  simdjson::dom::object capabilities;
  if (object["capabilities"].get_object().get(capabilities) == simdjson::SUCCESS) {
    bool granted = false;
    claims.can_publish =
        capabilities["allow_publish"].get_bool().get(granted) == simdjson::SUCCESS && granted;
    granted = false;
    claims.can_subscribe =
        capabilities["allow_subscribe"].get_bool().get(granted) == simdjson::SUCCESS && granted;
  }
  return true;
}

// The self-signed claims beyond ReadClaims' (NOTES.md 8): false when one is missing.
struct SelfSignedClaims {
  int64_t iat = 0;
  std::string topic, events_url, whip_url, version;
};
bool ReadSelfSignedClaims(std::string_view payload_json, SelfSignedClaims& claims) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  std::string_view topic, events_url, whip_url, version;
  simdjson::dom::object capabilities;
  if (parser.parse(payload_json).get_object().get(object) != simdjson::SUCCESS ||
      object["iat"].get_int64().get(claims.iat) != simdjson::SUCCESS ||
      object["topic"].get_string().get(topic) != simdjson::SUCCESS ||
      object["events_url"].get_string().get(events_url) != simdjson::SUCCESS ||
      object["whip_url"].get_string().get(whip_url) != simdjson::SUCCESS ||
      object["version"].get_string().get(version) != simdjson::SUCCESS ||
      object["capabilities"].get_object().get(capabilities) != simdjson::SUCCESS) {
    return false;
  }
  claims.topic = std::string(topic);
  claims.events_url = std::string(events_url);
  claims.whip_url = std::string(whip_url);
  claims.version = std::string(version);
  return true;
}

// The header of a self-signed token: {"alg": "ES384", "kid": <public key ARN>, ...}.
std::optional<std::string> SelfSignedKeyId(std::string_view header_json) {
  simdjson::dom::parser parser;
  simdjson::dom::object header;
  std::string_view alg, kid;
  if (parser.parse(header_json).get_object().get(header) != simdjson::SUCCESS ||
      header["alg"].get_string().get(alg) != simdjson::SUCCESS || alg != "ES384" ||
      header["kid"].get_string().get(kid) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return std::string(kid);
}

// A jti as the docs define it: at most 64 of [A-Za-z0-9_-].
bool IsTokenId(std::string_view jti) {
  if (jti.empty() || jti.size() > 64) return false;
  for (char c : jti) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

// A self-signed token (ES384 under an imported key, NOTES.md 8), whose signature CheckJwt
// could not judge: its key, signature, claims and stage. Sets check.reason when refused.
absl::Status CheckSelfSigned(const store::Txn& txn, const OpContext& ctx, const JwtCheck& jwt,
                             std::string_view key_arn, TokenCheck& check) {
  check.claims.self_signed = true;
  SelfSignedClaims extra;
  if (!ReadClaims(jwt.payload_json, check.claims) ||
      !ReadSelfSignedClaims(jwt.payload_json, extra) || !ParseArn(check.claims.stage_arn) ||
      !IsTokenId(check.claims.participant_id)) {
    check.reason = "malformed";
    return absl::OkStatus();
  }
  // The key must be one of the stage's own account and region.
  OpContext stage_ctx = PartitionOf(ctx, check.claims.stage_arn);
  absl::StatusOr<resources::Resource> key =
      resources::Load(txn, stage_ctx, resources::ResourceType::kPublicKey, key_arn);
  if (absl::IsNotFound(key.status()) || absl::IsInvalidArgument(key.status())) {
    check.reason = "unknown_key";
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(key.status());
  simdjson::dom::parser parser;
  std::string_view material;
  if (parser.parse(key->body.data(), key->body.size())["publicKeyMaterial"].get_string().get(
          material) != simdjson::SUCCESS) {
    return InternalError(StrCat("corrupt public key record of ", key_arn));
  }
  ASSIGN_OR_RETURN(PublicKeyInfo info, ReadP384PublicKey(material));
  if (!VerifyEs384(info.der, jwt.signing_input, jwt.signature)) {
    check.reason = "bad_signature";
    return absl::OkStatus();
  }
  check.payload_json = jwt.payload_json;
  if (absl::ToUnixSeconds(ctx.now) >= check.claims.exp) {
    check.reason = "expired";
    return absl::OkStatus();
  }
  absl::StatusOr<LoadedStage> stage = LoadStage(txn, stage_ctx, check.claims.stage_arn);
  if (absl::IsNotFound(stage.status())) {
    check.reason = "stage_deleted";
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(stage.status());
  if (extra.version != "1.0" || check.claims.exp - extra.iat > kMaxSelfSignedLifetimeSeconds ||
      extra.topic != stage->resource.id || extra.whip_url != WhipEndpoint(stage->body) ||
      extra.events_url != kStageEventsEndpoint) {
    check.reason = "invalid_claims";
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(auto bytes,
                   txn.Get(store::Table::kParticipants,
                           ParticipantKey(check.claims.stage_arn, check.claims.participant_id)));
  if (bytes.has_value()) {
    ASSIGN_OR_RETURN(ParticipantRecord participant, ivsrt::DecodeParticipant(*bytes));
    if (participant.revoked) check.reason = "revoked";
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RecordSelfSignedParticipant(store::Txn& txn, const TokenClaims& claims) {
  const std::string key = ParticipantKey(claims.stage_arn, claims.participant_id);
  ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kParticipants, key));
  if (bytes.has_value()) return absl::OkStatus();
  ParticipantRecord record;
  record.expires_unix = claims.exp;
  record.user_id = claims.user_id;
  return txn.Put(store::Table::kParticipants, key, EncodeParticipant(record));
}

OpContext PartitionOf(const OpContext& ctx, std::string_view arn) {
  OpContext out = ctx;
  if (std::optional<Arn> parsed = ParseArn(arn)) {
    out.region = parsed->region;
    out.account = parsed->account;
  }
  return out;
}

absl::StatusOr<TokenCheck> CheckParticipantToken(const store::Txn& txn, const OpContext& ctx,
                                                 std::string_view token) {
  TokenCheck check;
  JwtCheck jwt = CheckJwt(ctx.services->signing_key, token);
  if (jwt.problem == JwtProblem::kBadSignature) {
    if (std::optional<std::string> key_arn = SelfSignedKeyId(jwt.header_json)) {
      RETURN_IF_ERROR(CheckSelfSigned(txn, ctx, jwt, *key_arn, check));
      return check;
    }
  }
  if (jwt.problem != JwtProblem::kNone) {
    check.reason = jwt.problem == JwtProblem::kMalformed ? "malformed" : "bad_signature";
    return check;
  }
  // Signed by this store: the claims are ours, so their form is known.
  if (!ReadClaims(jwt.payload_json, check.claims) || !ParseArn(check.claims.stage_arn)) {
    check.reason = "malformed";
    return check;
  }
  check.payload_json = std::move(jwt.payload_json);
  if (absl::ToUnixSeconds(ctx.now) >= check.claims.exp) {
    check.reason = "expired";
    return check;
  }
  // The token's stage lives in the token's own partition.
  OpContext token_ctx = PartitionOf(ctx, check.claims.stage_arn);
  absl::StatusOr<LoadedStage> stage = LoadStage(txn, token_ctx, check.claims.stage_arn);
  if (absl::IsNotFound(stage.status())) {
    check.reason = "stage_deleted";
    return check;
  }
  RETURN_IF_ERROR(stage.status());
  ASSIGN_OR_RETURN(auto bytes,
                   txn.Get(store::Table::kParticipants,
                           ParticipantKey(check.claims.stage_arn, check.claims.participant_id)));
  if (!bytes.has_value()) {
    check.reason = "revoked";
    return check;
  }
  ASSIGN_OR_RETURN(ParticipantRecord participant, ivsrt::DecodeParticipant(*bytes));
  // Ids replay after ivsrt:Reset, so a record under the token's (stage, jti) may belong to a
  // later participant: the token is only theirs if it was issued with their record.
  if (participant.revoked || participant.expires_unix != check.claims.exp ||
      participant.user_id != check.claims.user_id) {
    check.reason = "revoked";
  }
  return check;
}

}  // namespace ivsrt::media
