#include "cli/test_control.h"

#include <string>
#include <string_view>
#include <utility>

#include "cli/text.h"

namespace ivsrt::cli {
namespace {

Option Opt(std::string_view member, model::Type type, bool required, std::string_view doc) {
  return Option{.flag = StrCat("--", DashedName(member)),
                .member = std::string(member),
                .type = type,
                .shape = model::kNoShape,
                .required = required,
                .doc = std::string(doc)};
}

Command Control(std::string_view name, std::string_view operation, std::string_view doc,
                std::vector<Option> options) {
  return Command{.name = std::string(name),
                 .operation = StrCat("ivsrt:", operation),
                 .input_shape = model::kNoShape,
                 .output_shape = model::kNoShape,
                 .test_control = true,
                 .options = std::move(options),
                 .doc = std::string(doc)};
}

// The options every media verb takes: the participant it acts for.
std::vector<Option> Participant(std::vector<Option> more = {}) {
  std::vector<Option> options = {
      Opt("stageArn", model::Type::kString, true, "The stage the participant joined."),
      Opt("participantId", model::Type::kString, true,
          "The participant, as join-stage printed it (the token's jti)."),
  };
  for (Option& o : more) options.push_back(std::move(o));
  return options;
}

Option Publisher() {
  return Opt("publisherParticipantId", model::Type::kString, true,
             "The participant whose media this one receives.");
}

constexpr std::string_view kOkOrErrorCode =
    "Prints {\"ok\": true}, or {\"ok\": false, \"errorCode\": ...} with the error event's\n"
    "       code (the error event is recorded; the exit status is 0). Publishing while\n"
    "       publishing, or subscribing again, changes nothing.";

}  // namespace

std::vector<Command> TestControlCommands() {
  std::vector<Command> commands;
  commands.push_back(
      Control("verify-participant-token", "VerifyParticipantToken",
              "Checks a participant token as IVS checks it at join. Prints {\"valid\": true,\n"
              "       \"claims\": {...}} or {\"valid\": false, \"reason\": ...} (malformed,\n"
              "       bad_signature, expired, revoked, stage_deleted).",
              {Opt("token", model::Type::kString, true, "The token to check.")}));
  commands.push_back(Control(
      "join-stage", "JoinStage",
      "Joins the token's stage as a simulated client; the first join of an idle stage\n"
      "       starts a session, and joining again with the same token reconnects the same\n"
      "       participant. Prints {\"joined\": true, \"participantId\", \"stageArn\",\n"
      "       \"sessionId\"}, or {\"joined\": false, \"reason\": ...} (malformed, bad_signature,\n"
      "       expired, revoked, stage_deleted) with exit status 0.",
      {Opt("token", model::Type::kString, true,
           "A participant token of create-stage or create-participant-token."),
       Opt("protocol", model::Type::kString, false, "WHIP (the default), RTMP or RTMPS."),
       Opt("client", model::Type::kStructure, false,
           "What get-participant reports of the client; each member at most 128\n"
           "          characters of [a-zA-Z0-9-_.,:;\\s].\n"
           "          Shorthand Syntax:\n"
           "              browserName=string,browserVersion=string,osName=string,\n"
           "              osVersion=string,sdkVersion=string,ispName=string\n"
           "          JSON Syntax:\n"
           "              {\"browserName\": \"string\", \"browserVersion\": \"string\", ...}")}));
  commands.push_back(Control(
      "publish", "Publish",
      StrCat("Starts publishing (needs the PUBLISH capability; 12 publishers per stage).\n       ",
             kOkOrErrorCode),
      Participant()));
  commands.push_back(Control("unpublish", "Unpublish",
                             "Stops publishing, and every subscription to it. Prints "
                             "{\"ok\": true}.",
                             Participant()));
  commands.push_back(Control(
      "subscribe", "Subscribe",
      StrCat("Subscribes to a publishing participant (needs the SUBSCRIBE capability; at\n"
             "       most quotas.stageSubscribers subscribers per stage, 10,000 by default).\n"
             "       ",
             kOkOrErrorCode),
      Participant({Publisher()})));
  commands.push_back(Control("unsubscribe", "Unsubscribe",
                             "Stops a subscription. Prints {\"ok\": true}.",
                             Participant({Publisher()})));
  commands.push_back(
      Control("leave-stage", "LeaveStage",
              "Leaves the stage: publishing and subscriptions stop first. Prints {\"ok\": true}.",
              Participant()));
  commands.push_back(Control(
      "exchange-token", "ExchangeToken",
      "Replaces the participant's token, as the broadcast SDKs' token exchange does\n"
      "       (self-signed tokens only, same resource and jti). Prints {\"ok\": true}, or\n"
      "       {\"ok\": false, \"reason\": ...} (a join refusal's reason, not_self_signed or\n"
      "       immutable_claim_changed) with nothing changed.",
      Participant({Opt("token", model::Type::kString, true, "The new token.")})));
  commands.push_back(Control(
      "receive-events", "ReceiveEvents",
      "Prints the EventBridge events the engine emitted, oldest first (the last 10,000\n"
      "       are kept): {\"events\": [...], \"cursor\": ...}. Pass the cursor back to read\n"
      "       only later events.",
      {Opt("cursor", model::Type::kString, false,
           "Where to resume: the cursor a previous receive-events printed."),
       Opt("maxEvents", model::Type::kInteger, false, "1 to 1000; default 100.")}));
  commands.push_back(Control(
      "inject-fault", "InjectFault",
      "Makes a failure happen now, with its states, times and events (README,\n"
      "       \"Compositions\", \"Faults\"). On a composition: destination_reconnecting\n"
      "       (RECONNECTING, ACTIVE again 30 s later), destination_failure (RECONNECTING,\n"
      "       FAILED 30 s later; the composition fails with its last destination) or\n"
      "       session_failure (FAILED at once). On a stage's participant:\n"
      "       recording_start_failure (a STARTING recording FAILED) or recording_end_failure\n"
      "       (the recording ends FAILED). Prints nothing. A fault that does not apply to the\n"
      "       current state is a ConflictException.",
      {Opt("target", model::Type::kString, true,
           "A composition ARN (composition faults) or a stage ARN (recording faults)."),
       Opt("fault", model::Type::kString, true,
           "destination_reconnecting, destination_failure, session_failure,\n"
           "          recording_start_failure or recording_end_failure."),
       Opt("destinationId", model::Type::kString, false,
           "The destination of a destination fault; without it, every ACTIVE one."),
       Opt("participantId", model::Type::kString, false,
           "The participant of the stage's active session (recording faults).")}));
  return commands;
}

}  // namespace ivsrt::cli
