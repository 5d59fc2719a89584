// The media plane's oracle, run by fuzz_invoke at the end of an input on every
// stage ivsrt:JoinStage connected someone to and that still exists:
// - a stage has at most one session without an endTime, and it is the stage's
//   activeSessionId (and the other way round);
// - nobody is CONNECTED in an ended session;
// - in the active session, every participant ListParticipants shows CONNECTED
//   answers ivsrt:Publish with {"ok": true} or {"ok": false, "errorCode"} (never
//   an error but an ingest participant's ValidationException: it publishes), every
//   DISCONNECTED one with ResourceNotFoundException;
// - at most twelve participants publish at once, and QUOTA_EXCEEDED is answered
//   only when twelve do.
// Publishing everyone changes the store, which is reset before the next input.
#ifndef IVSRT_TESTS_FUZZ_MEDIA_ORACLE_H_
#define IVSRT_TESTS_FUZZ_MEDIA_ORACLE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simdjson.h"
#include "tests/fuzz/fuzz_support.h"

namespace ivsrt_fuzz {

// What one call answered: an AWS error type, or "" and the response body.
struct Answer {
  std::string error_type;
  std::string body;
};

// Visits every item of `list_member` on every page of `operation` (pages of 100
// from `body`, a JSON object without its closing brace).
template <typename Call, typename Visit>
void EveryItem(simdjson::dom::parser& parser, Call call, std::string_view operation,
               const std::string& body, std::string_view list_member, Visit visit) {
  std::string next;
  for (int page = 0;; ++page) {
    Check(page < 100, "pages never end", operation);
    std::string request = body + R"(, "maxResults": 100)" +
                          (next.empty() ? std::string() : R"(, "nextToken": ")" + next + "\"") +
                          "}";
    Answer a = call(operation, request);
    Check(a.error_type.empty(), "a list of a live stage failed",
          std::string(operation) + "\n" + request + "\n" + a.error_type);
    simdjson::dom::object root = ParseObject(parser, a.body, "list output");
    simdjson::dom::array items;
    Check(root[list_member].get_array().get(items) == simdjson::SUCCESS, "no list member", a.body);
    for (simdjson::dom::element item : items) visit(item);
    std::string_view token;
    if (root["nextToken"].get_string().get(token) != simdjson::SUCCESS) return;
    next = token;
  }
}

template <typename Call>
void CheckStageMedia(simdjson::dom::parser& parser, Call call, const std::string& stage_arn) {
  const std::string stage = R"({"stageArn": ")" + stage_arn + "\"";
  Answer got = call("GetStage", R"({"arn": ")" + stage_arn + "\"}");
  Check(got.error_type.empty(), "GetStage of a listed stage failed", stage_arn);
  std::string active(
      StringAt(ParseObject(parser, got.body, "GetStage output"), "/stage/activeSessionId"));

  std::vector<std::string> open, ended;
  EveryItem(parser, call, "ListStageSessions", stage, "stageSessions",
            [&](simdjson::dom::element s) {
              simdjson::dom::element end;
              bool has_end = s["endTime"].get(end) == simdjson::SUCCESS;
              (has_end ? ended : open).emplace_back(StringAt(s, "/sessionId"));
            });
  Check(open.size() <= 1, "a stage has two sessions without an endTime", stage_arn);
  Check(open.empty() ? active.empty() : active == open.front(),
        "activeSessionId is not the session without an endTime", stage_arn + "\n" + active);

  for (const std::string& sid : ended) {
    EveryItem(parser, call, "ListParticipants",
              stage + R"(, "sessionId": ")" + sid + R"(", "filterByState": "CONNECTED")",
              "participants", [&](simdjson::dom::element) {
                Fail("a participant is CONNECTED in an ended session", stage_arn + " " + sid);
              });
  }
  if (active.empty()) return;

  std::vector<std::pair<std::string, bool>> participants;  // id, connected
  EveryItem(parser, call, "ListParticipants", stage + R"(, "sessionId": ")" + active + "\"",
            "participants", [&](simdjson::dom::element p) {
              participants.emplace_back(StringAt(p, "/participantId"),
                                        StringAt(p, "/state") == "CONNECTED");
            });
  int publishing = 0;
  bool quota_refused = false;
  for (const auto& [id, connected] : participants) {
    std::string request = stage + R"(, "participantId": ")" + id + "\"}";
    Answer a = call("ivsrt:Publish", request);
    if (!connected) {
      Check(a.error_type == "ResourceNotFoundException",
            "a DISCONNECTED participant did not answer Publish with ResourceNotFoundException",
            request + "\n" + a.error_type);
      continue;
    }
    // An ingest participant (ivsrt:StartIngest) refuses the media verbs; connected, it
    // publishes.
    if (a.error_type == "ValidationException") {
      ++publishing;
      continue;
    }
    Check(a.error_type.empty(), "a CONNECTED participant answered Publish with an error",
          request + "\n" + a.error_type);
    simdjson::dom::object root = ParseObject(parser, a.body, "Publish output");
    bool ok = false;
    Check(root["ok"].get_bool().get(ok) == simdjson::SUCCESS, "Publish without ok", a.body);
    std::string_view code = StringAt(root, "/errorCode");
    Check(ok ? code.empty() : (code == "INSUFFICIENT_CAPABILITIES" || code == "QUOTA_EXCEEDED"),
          "Publish answered an unexpected errorCode", a.body);
    publishing += ok;
    quota_refused |= code == "QUOTA_EXCEEDED";
  }
  Check(publishing <= 12, "more than twelve publishers on a stage", stage_arn);
  Check(!quota_refused || publishing == 12, "QUOTA_EXCEEDED with fewer than twelve publishers",
        stage_arn);
}

// Runs the checks above on each stage of `state.joined_stages` still tracked.
template <typename Call>
void CheckMediaPlane(simdjson::dom::parser& parser, const State& state, Call call) {
  for (const std::string& arn : state.joined_stages) {
    if (state.Tracks(arn)) CheckStageMedia(parser, call, arn);
  }
}

}  // namespace ivsrt_fuzz

#endif  // IVSRT_TESTS_FUZZ_MEDIA_ORACLE_H_
