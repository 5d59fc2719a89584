// The test-control operations: verify a participant token, drive the manual
// clock, reset.
#include <optional>

#include "core/clock.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/token_check.h"
#include "core/ops/control_body.h"
#include "core/ops/handlers.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::ops {
namespace {

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
  media::TokenCheck check;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(check, media::CheckParticipantToken(txn, ctx, token));
    return absl::OkStatus();
  }));
  return Verdict(check.reason, check.payload_json);
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
  std::optional<simdjson::dom::element> member = Member(request, "seconds");
  if (!member || member->get_int64().get(seconds) != simdjson::SUCCESS || seconds < 0 ||
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
