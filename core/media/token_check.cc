#include "core/media/token_check.h"

#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/stage_record.h"
#include "core/token.h"
#include "simdjson.h"

namespace ivsrt::media {
namespace {

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

}  // namespace

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
