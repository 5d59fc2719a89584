#include "core/ops/participant_tokens.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/model/members.h"
#include "core/store/codec.h"
#include "core/strings.h"
#include "core/token.h"

namespace ivsrt {
namespace {

// CreateParticipantTokenRequest has the same members (and a stageArn).
using Config = members::ParticipantTokenConfiguration;

constexpr int64_t kDefaultDurationMinutes = 720;
constexpr size_t kMaxAttributesBytes = 1024;

bool HasCapability(const Value* capabilities, std::string_view name) {
  if (capabilities == nullptr) return true;  // default: PUBLISH and SUBSCRIBE
  for (const Value& c : capabilities->items()) {
    if (c.as_string() == name) return true;
  }
  return false;
}

void WriteAttributes(JsonWriter& w, const Value& attributes) {
  w.BeginObject();
  for (const auto& [k, v] : attributes.entries()) w.Field(k, v.as_string());
  w.EndObject();
}

}  // namespace

std::string EncodeParticipant(const ParticipantRecord& p) {
  return store::RecordWriter()
      .U64(p.revoked ? 1 : 0)
      .U64(static_cast<uint64_t>(p.expires_unix))
      .Str(p.user_id)
      .Str(p.reason)
      .Take();
}

absl::StatusOr<ParticipantRecord> DecodeParticipant(std::string_view bytes) {
  store::RecordReader r(bytes);
  ParticipantRecord p;
  p.revoked = r.U64() != 0;
  p.expires_unix = static_cast<int64_t>(r.U64());
  p.user_id = std::string(r.Str());
  p.reason = std::string(r.Str());
  if (!r.ok()) return InternalError("corrupt participant record");
  return p;
}

std::string ParticipantPrefix(std::string_view stage_arn) { return StrCat(stage_arn, "|"); }

std::string ParticipantKey(std::string_view stage_arn, std::string_view participant_id) {
  return StrCat(stage_arn, "|", participant_id);
}

absl::Status CheckAttributes(const Value& token_config, std::string_view member) {
  const Value* attributes = token_config.Find(Config::attributes);
  if (attributes == nullptr) return absl::OkStatus();
  size_t total = 0;
  for (const auto& [k, v] : attributes->entries()) total += k.size() + v.as_string().size();
  if (total > kMaxAttributesBytes) {
    return ValidationError(StrCat(member, ": must be at most 1 KB (1024 bytes) of keys ",
                                  "and values in total, got ", total));
  }
  return absl::OkStatus();
}

absl::Status IssueToken(store::Txn& txn, const OpContext& ctx, const LoadedStage& stage,
                        const Value& config, TokenFor answering, JsonWriter& out) {
  const std::string& stage_arn = stage.resource.arn;
  ASSIGN_OR_RETURN(DrawnId participant, NextId(txn, ctx));
  const Value* duration_value = config.Find(Config::duration);
  int64_t duration = duration_value ? duration_value->as_int() : kDefaultDurationMinutes;
  const Value* user_id = config.Find(Config::userId);
  const Value* attributes = config.Find(Config::attributes);
  const Value* capabilities = config.Find(Config::capabilities);
  bool publish = HasCapability(capabilities, "PUBLISH");
  bool subscribe = HasCapability(capabilities, "SUBSCRIBE");
  int64_t iat = absl::ToUnixSeconds(ctx.now);
  int64_t exp = iat + duration * 60;
  std::string whip = WhipEndpoint(stage.body);

  // The claims of AWS's own API-issued tokens (NOTES.md 13): a capability is a key only
  // when granted (a subscribe-only token has no allow_publish), and version "0.0" (the
  // self-signed tokens' is "1.0").
  JsonWriter claims;
  claims.BeginObject();
  claims.Key("exp").Int(exp);
  claims.Key("iat").Int(iat);
  claims.Field("jti", participant.id);
  if (user_id) claims.Field("user_id", user_id->as_string());
  claims.Field("resource", stage_arn);
  claims.Field("topic", stage.resource.id);
  claims.Field("events_url", kStageEventsEndpoint);
  claims.Field("whip_url", whip);
  claims.Key("capabilities").BeginObject();
  if (publish) claims.Key("allow_publish").Bool(true);
  if (subscribe) claims.Key("allow_subscribe").Bool(true);
  claims.EndObject();
  if (attributes) {
    claims.Key("attributes");
    WriteAttributes(claims, *attributes);
  }
  claims.Field("version", "0.0");
  claims.EndObject();

  ParticipantRecord record;
  record.expires_unix = exp;
  if (user_id) record.user_id = user_id->as_string();
  RETURN_IF_ERROR(txn.Put(store::Table::kParticipants, ParticipantKey(stage_arn, participant.id),
                          EncodeParticipant(record)));

  out.BeginObject();
  if (attributes) {
    out.Key("attributes");
    WriteAttributes(out, *attributes);
  }
  out.Key("capabilities").BeginArray();
  if (publish) out.String("PUBLISH");
  if (subscribe) out.String("SUBSCRIBE");
  out.EndArray();
  if (answering == TokenFor::kCreateParticipantToken) {
    out.Key("duration").Int(duration);
    out.Field("expirationTime", FormatUnixSeconds(exp));
  }
  out.Field("participantId", participant.id);
  out.Field("token", SignJwt(ctx.services->signing_key, claims.str()));
  if (user_id) out.Field("userId", user_id->as_string());
  out.EndObject();
  return absl::OkStatus();
}

}  // namespace ivsrt
