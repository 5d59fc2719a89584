// The test-control operations: verify a participant token, drive the manual
// clock, reset.
#include <optional>
#include <vector>

#include "core/arn.h"
#include "core/errors.h"
#include "core/ops/handlers.h"
#include "core/ops/participant_tokens.h"
#include "core/ops/stage_record.h"
#include "core/strings.h"
#include "core/token.h"
#include "simdjson.h"

namespace ivsrt::ops {
namespace {

// The body's top-level object, parsed fully (these bodies are tiny and off the
// hot path).
absl::StatusOr<simdjson::dom::object> ParseObject(simdjson::dom::parser& parser,
                                                  std::string_view body) {
  if (body.empty()) body = "{}";
  simdjson::dom::element root;
  simdjson::dom::object object;
  simdjson::error_code error = parser.parse(body.data(), body.size()).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    // The DOM parser refuses the whole body at such a number; say so, not
    // that the body is no object.
    return ValidationError(
        "request body: a number is malformed or beyond the 64-bit integer "
        "range");
  }
  if (error != simdjson::SUCCESS || root.get_object().get(object) != simdjson::SUCCESS) {
    return ValidationError("request body: must be a JSON object");
  }
  return object;
}

absl::StatusOr<std::string_view> RequiredString(simdjson::dom::object object,
                                                std::string_view member) {
  std::string_view value;
  if (object[member].get_string().get(value) != simdjson::SUCCESS) {
    return ValidationError(StrCat(member, ": is required and must be a string"));
  }
  return value;
}

std::string ClockResponse(const OpContext& ctx) {
  JsonWriter w;
  w.BeginObject();
  w.Field("time", FormatIso8601(ctx.services->clock->Now()));
  w.Key("manual").Bool(ctx.services->clock->manual());
  w.EndObject();
  return w.Take();
}

std::string Verdict(std::string_view reason, std::string_view claims_json) {
  JsonWriter w;
  w.BeginObject();
  w.Key("valid").Bool(reason.empty());
  if (!reason.empty()) w.Field("reason", reason);
  if (!claims_json.empty()) w.Key("claims").Raw(claims_json);
  w.EndObject();
  return w.Take();
}

}  // namespace

absl::StatusOr<std::string> VerifyParticipantToken(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view token, RequiredString(request, "token"));
  JwtCheck check = CheckJwt(ctx.services->signing_key, token);
  if (check.problem == JwtProblem::kMalformed) return Verdict("malformed", "");
  if (check.problem == JwtProblem::kBadSignature) return Verdict("bad_signature", "");

  // Signed by this store: the claims are ours, so their form is known.
  simdjson::dom::parser claims_parser;
  simdjson::dom::object claims;
  int64_t exp = 0;
  std::string_view stage_arn, participant_id;
  if (claims_parser.parse(check.payload_json).get_object().get(claims) != simdjson::SUCCESS ||
      claims["exp"].get_int64().get(exp) != simdjson::SUCCESS ||
      claims["resource"].get_string().get(stage_arn) != simdjson::SUCCESS ||
      claims["jti"].get_string().get(participant_id) != simdjson::SUCCESS) {
    return Verdict("malformed", "");
  }
  if (absl::ToUnixSeconds(ctx.now) >= exp) return Verdict("expired", check.payload_json);

  // The token's stage lives in the token's own partition.
  auto arn = ParseArn(stage_arn);
  if (!arn) return Verdict("malformed", "");
  OpContext token_ctx = ctx;
  token_ctx.region = arn->region;
  token_ctx.account = arn->account;
  std::string reason;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    absl::StatusOr<LoadedStage> stage = LoadStage(txn, token_ctx, stage_arn);
    if (absl::IsNotFound(stage.status())) {
      reason = "stage_deleted";
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(stage.status());
    ASSIGN_OR_RETURN(auto bytes, txn.Get(store::Table::kParticipants,
                                         ParticipantKey(stage_arn, participant_id)));
    if (!bytes.has_value()) {
      reason = "revoked";
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(ParticipantRecord participant, DecodeParticipant(*bytes));
    // Ids replay after ivsrt:Reset, so a record under the token's (stage,
    // jti) may belong to a later participant: the token is only theirs if
    // it was issued with their record.
    std::string_view user_id;
    if (claims["user_id"].get_string().get(user_id) != simdjson::SUCCESS) user_id = "";
    if (participant.revoked || participant.expires_unix != exp || participant.user_id != user_id) {
      reason = "revoked";
    }
    return absl::OkStatus();
  }));
  return Verdict(reason, check.payload_json);
}

absl::StatusOr<std::string> SetClock(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view text, RequiredString(request, "time"));
  std::optional<absl::Time> t = ParseClockTime(text);
  if (!t) return ValidationError(StrCat("time: must be ", ClockRange()));
  ctx.services->clock->Set(*t);
  return ClockResponse(ctx);
}

absl::StatusOr<std::string> AdvanceClock(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  int64_t seconds = 0;
  if (request["seconds"].get_int64().get(seconds) != simdjson::SUCCESS || seconds < 0 ||
      seconds > int64_t{100} * 365 * 86400) {
    return ValidationError("seconds: is required and must be an integer from 0 to 3153600000");
  }
  RETURN_IF_ERROR(ctx.services->clock->Advance(absl::Seconds(seconds), "seconds").status());
  return ClockResponse(ctx);
}

absl::StatusOr<std::string> GetClock(const OpContext& ctx, std::string_view) {
  return ClockResponse(ctx);
}

absl::StatusOr<std::string> Reset(const OpContext& ctx, std::string_view) {
  // Everything but the signing key: the store is as new, and old tokens stay
  // forgeable-proof.
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    for (int t = 0; t < static_cast<int>(store::kFirstLegacyTable); ++t) {
      const auto table = static_cast<store::Table>(t);
      if (table != store::Table::kMeta) RETURN_IF_ERROR(txn.Clear(table));
    }
    return ResetMeta(txn);
  }));
  return std::string("{}");
}

}  // namespace ivsrt::ops
