// The simulated media plane's test-control operations: ivsrt:JoinStage, the media verbs
// (Publish, Unpublish, Subscribe, Unsubscribe, LeaveStage, ExchangeToken) and
// ivsrt:ReceiveEvents. Their shapes are the README's "Test control" table.
#include "core/clock.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/media/events.h"
#include "core/media/live_session.h"
#include "core/model/model.h"
#include "core/ops/control_body.h"
#include "core/ops/handlers.h"
#include "core/strings.h"
#include "core/validate/pattern.h"

namespace ivsrt::ops {
namespace {

constexpr int64_t kDefaultMaxEvents = 100;
constexpr int64_t kMaxEvents = 1000;

// The model's ParticipantClientAttribute: at most 128 characters of its pattern.
bool IsClientAttribute(std::string_view s) {
  static const model::Shape& shape = model::ShapeAt(model::FindShape("ParticipantClientAttribute"));
  return s.size() <= static_cast<size_t>(shape.max) && MatchesPattern(shape.pattern, s);
}

std::string Ok() { return R"({"ok":true})"; }

std::string Refused(std::string_view member, std::string_view value) {
  JsonWriter w;
  w.BeginObject().Key("ok").Bool(false).Field(member, value).EndObject();
  return w.Take();
}

// JoinStage's "client": the model's ParticipantClientAttribute members, each at most 128
// characters of [a-zA-Z0-9-_.,:;\s].
absl::Status ReadClient(simdjson::dom::object request, media::ClientAttributes& client) {
  std::optional<simdjson::dom::element> element = Member(request, "client");
  if (!element) return absl::OkStatus();
  simdjson::dom::object object;
  if (element->get_object().get(object) != simdjson::SUCCESS) {
    return ValidationError("client: must be an object such as {\"browserName\": \"Chrome\"}");
  }
  for (auto [key, value] : object) {
    size_t i = 0;
    while (i < media::kClientAttributeCount && media::kClientAttributes[i] != key) ++i;
    if (i == media::kClientAttributeCount) {
      return ValidationError(StrCat("client.", key.substr(0, 64),
                                    ": unknown member; the members are browserName, "
                                    "browserVersion, ispName, osName, osVersion, sdkVersion"));
    }
    std::string_view s;
    if (value.get_string().get(s) != simdjson::SUCCESS || !IsClientAttribute(s)) {
      return ValidationError(StrCat("client.", key,
                                    ": must be a string of at most 128 characters of "
                                    "[a-zA-Z0-9-_.,:;\\s]"));
    }
    client[i] = std::string(s);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string_view> ReadProtocol(simdjson::dom::object request) {
  std::optional<simdjson::dom::element> element = Member(request, "protocol");
  if (!element) return "WHIP";
  std::string_view s;
  if (element->get_string().get(s) != simdjson::SUCCESS ||
      (s != "WHIP" && s != "RTMP" && s != "RTMPS")) {
    return ValidationError("protocol: must be \"WHIP\", \"RTMP\" or \"RTMPS\"");
  }
  return s;
}

// A media verb: loads the connected participant of the body's stageArn and participantId
// in a write transaction, runs `verb`, and saves the session. An ingest participant's
// encoder is the only one to drive it: ValidationException.
using Verb = std::function<absl::StatusOr<std::string>(media::LiveSession&,
                                                       media::SessionParticipant&, int64_t now)>;
absl::StatusOr<std::string> RunVerb(const OpContext& ctx, simdjson::dom::object request,
                                    const Verb& verb) {
  ASSIGN_OR_RETURN(std::string_view stage_arn,
                   RequiredModelString(request, "stageArn", "StageArn"));
  ASSIGN_OR_RETURN(std::string_view participant_id,
                   RequiredModelString(request, "participantId", "ParticipantTokenId"));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    OpContext stage_ctx = media::PartitionOf(ctx, stage_arn);
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, stage_ctx, stage_arn));
    ASSIGN_OR_RETURN(std::optional<media::LiveSession> live,
                     media::LiveSession::Of(txn, stage_ctx, std::move(stage)));
    if (!live) {
      return ResourceNotFoundError(StrCat("participantId: ", participant_id,
                                          " is not connected to stage ", stage_arn,
                                          " (it has no active session)"));
    }
    ASSIGN_OR_RETURN(media::SessionParticipant p, live->Connected(participant_id));
    if (p.replication_type == "REPLICA") {
      return ValidationError(StrCat("participantId: ", participant_id, " is a replica of stage ",
                                    p.source_stage_arn,
                                    ": its replication drives it (StopParticipantReplication)"));
    }
    if (p.token_exp == media::kNoExpiry) {
      return ValidationError(StrCat("participantId: ", participant_id,
                                    " is an ingest participant: its encoder is driven by "
                                    "ivsrt:StartIngest and ivsrt:StopIngest"));
    }
    ASSIGN_OR_RETURN(response, verb(*live, p, now));
    return live->Save();
  }));
  return response;
}

absl::StatusOr<std::string> ErrorCodeAnswer(absl::StatusOr<std::string> error_code) {
  RETURN_IF_ERROR(error_code.status());
  return error_code->empty() ? Ok() : Refused("errorCode", *error_code);
}

}  // namespace

absl::StatusOr<std::string> JoinStage(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view token, RequiredString(request, "token"));
  ASSIGN_OR_RETURN(std::string_view protocol, ReadProtocol(request));
  media::ClientAttributes client;
  RETURN_IF_ERROR(ReadClient(request, client));
  const int64_t now = absl::ToUnixSeconds(ctx.now);
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(media::TokenCheck check, media::CheckParticipantToken(txn, ctx, token));
    JsonWriter w;
    w.BeginObject();
    if (!check.reason.empty()) {
      w.Key("joined").Bool(false).Field("reason", check.reason).EndObject();
      response = w.Take();
      return absl::OkStatus();
    }
    const media::TokenClaims& claims = check.claims;
    if (claims.self_signed) RETURN_IF_ERROR(media::RecordSelfSignedParticipant(txn, claims));
    OpContext stage_ctx = media::PartitionOf(ctx, claims.stage_arn);
    ASSIGN_OR_RETURN(LoadedStage stage, LoadStage(txn, stage_ctx, claims.stage_arn));
    ASSIGN_OR_RETURN(media::LiveSession live,
                     media::LiveSession::OfOrStart(txn, stage_ctx, std::move(stage), now));
    ASSIGN_OR_RETURN(media::SessionParticipant p, live.Join(claims, protocol, client, now));
    RETURN_IF_ERROR(live.Save());
    w.Key("joined").Bool(true);
    w.Field("participantId", p.participant_id);
    w.Field("stageArn", claims.stage_arn);
    w.Field("sessionId", live.session().session_id);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> Publish(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  return RunVerb(ctx, request,
                 [](media::LiveSession& live, media::SessionParticipant& p, int64_t now) {
                   return ErrorCodeAnswer(live.Publish(p, now));
                 });
}

absl::StatusOr<std::string> Unpublish(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  return RunVerb(ctx, request,
                 [](media::LiveSession& live, media::SessionParticipant& p,
                    int64_t now) -> absl::StatusOr<std::string> {
                   RETURN_IF_ERROR(live.Unpublish(p, now));
                   return Ok();
                 });
}

absl::StatusOr<std::string> Subscribe(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view publisher,
                   RequiredModelString(request, "publisherParticipantId", "ParticipantTokenId"));
  return RunVerb(ctx, request,
                 [&](media::LiveSession& live, media::SessionParticipant& p, int64_t now) {
                   return ErrorCodeAnswer(live.Subscribe(p, publisher, now));
                 });
}

absl::StatusOr<std::string> Unsubscribe(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view publisher,
                   RequiredModelString(request, "publisherParticipantId", "ParticipantTokenId"));
  return RunVerb(ctx, request,
                 [&](media::LiveSession& live, media::SessionParticipant& p,
                     int64_t now) -> absl::StatusOr<std::string> {
                   RETURN_IF_ERROR(live.Unsubscribe(p, publisher, now));
                   return Ok();
                 });
}

absl::StatusOr<std::string> LeaveStage(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  return RunVerb(ctx, request,
                 [](media::LiveSession& live, media::SessionParticipant& p,
                    int64_t now) -> absl::StatusOr<std::string> {
                   RETURN_IF_ERROR(live.Leave(p, now));
                   return Ok();
                 });
}

// Token exchange works only with self-signed tokens (user guide, "Token Exchange"):
// LiveSession::ExchangeToken has the rules and the reasons.
absl::StatusOr<std::string> ExchangeToken(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  ASSIGN_OR_RETURN(std::string_view token, RequiredString(request, "token"));
  return RunVerb(ctx, request,
                 [&](media::LiveSession& live, media::SessionParticipant& p,
                     int64_t now) -> absl::StatusOr<std::string> {
                   ASSIGN_OR_RETURN(std::string reason, live.ExchangeToken(p, token, now));
                   return reason.empty() ? Ok() : Refused("reason", reason);
                 });
}

absl::StatusOr<std::string> ReceiveEvents(const OpContext& ctx, std::string_view body) {
  simdjson::dom::parser parser;
  ASSIGN_OR_RETURN(simdjson::dom::object request, ParseObject(parser, body));
  std::string_view cursor;
  std::optional<simdjson::dom::element> element = Member(request, "cursor");
  if (element && element->get_string().get(cursor) != simdjson::SUCCESS) {
    return ValidationError("cursor: must be a string that ivsrt:ReceiveEvents gave out");
  }
  int64_t max_events = kDefaultMaxEvents;
  element = Member(request, "maxEvents");
  if (element && (element->get_int64().get(max_events) != simdjson::SUCCESS || max_events < 1 ||
                  max_events > kMaxEvents)) {
    return ValidationError("maxEvents: must be an integer from 1 to 1000");
  }
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Read([&](const store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(response, media::ReadEventStream(txn, cursor, max_events));
    return absl::OkStatus();
  }));
  return response;
}

}  // namespace ivsrt::ops
