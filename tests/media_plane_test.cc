// The simulated media plane beyond what the golden scenarios (tests/golden/session_*.json,
// media_rules.json) show step by step: the 12-publisher quota, the event stream's retention,
// determinism, and two processes on one data_dir.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/media/events.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class MediaPlaneTest : public EngineTest {
 protected:
  // `count` tokens of a new stage (CreateStage then CreateParticipantToken), in `stage_arn_`.
  std::vector<std::string> Tokens(int count, std::string_view config = "{}") {
    stage_arn_ = CreateStageArn();
    std::vector<std::string> tokens;
    for (int i = 0; i < count; ++i) {
      std::string body(config);
      body.insert(1, StrCat("\"stageArn\": ", Quote(stage_arn_), body.size() > 2 ? ", " : ""));
      tokens.push_back(Call("CreateParticipantToken", body).Str("participantToken/token"));
    }
    return tokens;
  }
  // Joins; the participant id.
  std::string Join(const std::string& token) {
    Json joined = Call("ivsrt:JoinStage", StrCat("{\"token\": ", Quote(token), "}"));
    EXPECT_TRUE(joined.Bool("joined")) << joined.text();
    session_id_ = joined.Str("sessionId");
    return joined.Str("participantId");
  }
  Json Verb(std::string_view op, const std::string& participant_id) {
    return Call(op, StrCat("{\"stageArn\": ", Quote(stage_arn_),
                           ", \"participantId\": ", Quote(participant_id), "}"));
  }
  std::string stage_arn_, session_id_;
};

TEST_F(MediaPlaneTest, TheThirteenthPublisherIsOverTheQuotaOfTwelve) {
  std::vector<std::string> ids;
  for (const std::string& token : Tokens(13)) ids.push_back(Join(token));
  for (int i = 0; i < 12; ++i) EXPECT_TRUE(Verb("ivsrt:Publish", ids[i]).Bool("ok")) << i;
  Json refused = Verb("ivsrt:Publish", ids[12]);
  EXPECT_FALSE(refused.Bool("ok"));
  EXPECT_EQ(refused.Str("errorCode"), "QUOTA_EXCEEDED");
  Json events = Call("ListParticipantEvents",
                     StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"sessionId\": \"",
                            session_id_, "\", \"participantId\": \"", ids[12], "\"}"));
  EXPECT_EQ(events.Str("events/1/name"), "PUBLISH_ERROR");
  EXPECT_EQ(events.Str("events/1/errorCode"), "QUOTA_EXCEEDED");
  Json stream = Call("ivsrt:ReceiveEvents", R"({"maxEvents": 1000})");
  ASSERT_EQ(stream.Size("events"), 13u);
  EXPECT_EQ(stream.Str("events/12/detail/event_name"), "Participant Publish Error");
  // One publisher stopping frees a place.
  EXPECT_TRUE(Verb("ivsrt:Unpublish", ids[0]).Bool("ok"));
  EXPECT_TRUE(Verb("ivsrt:Publish", ids[12]).Bool("ok"));
  Json published =
      Call("ListParticipants", StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"sessionId\": \"",
                                      session_id_, "\", \"filterByPublished\": true}"));
  EXPECT_EQ(published.Size("participants"), 13u);  // published stays true after unpublishing
}

TEST_F(MediaPlaneTest, TheEventStreamKeepsTheLastTenThousandEvents) {
  Open(R"({"seed": 1, "clock": "2026-01-01T00:00:00Z", "durability": "nosync"})");
  std::string id = Join(Tokens(1)[0]);
  const int pairs = static_cast<int>(media::kEventStreamRetention / 2) + 3;  // 10,006 events
  for (int i = 0; i < pairs; ++i) {
    ASSERT_TRUE(Verb("ivsrt:Publish", id).Bool("ok"));
    ASSERT_TRUE(Verb("ivsrt:Unpublish", id).Bool("ok"));
  }
  // From the start: the oldest kept is the 7th event ever (a Published one), then 9,999 more.
  std::string cursor;
  size_t total = 0;
  for (bool first = true;; first = false) {
    std::string body = cursor.empty()
                           ? R"({"maxEvents": 1000})"
                           : StrCat(R"({"maxEvents": 1000, "cursor": )", Quote(cursor), "}");
    Json page = Call("ivsrt:ReceiveEvents", body);
    if (first) EXPECT_EQ(page.Str("events/0/detail/event_name"), "Participant Published");
    if (page.Size("events") == 0) break;
    total += page.Size("events");
    cursor = page.Str("cursor");
  }
  EXPECT_EQ(total, media::kEventStreamRetention);
}

// The same calls on two new stores with the same seed and manual clock: the same answers,
// ids, session ids, times and event ids.
TEST_F(MediaPlaneTest, TheSameSeedAndClockReplayTheSameSession) {
  auto run = [&] {
    Open(R"({"seed": 77, "clock": "2026-02-03T04:05:06Z"})");
    std::vector<std::string> tokens = Tokens(2);
    std::string a = Join(tokens[0]);
    Call("ivsrt:AdvanceClock", R"({"seconds": 3})");
    std::string b = Join(tokens[1]);
    Verb("ivsrt:Publish", a);
    Call("ivsrt:Subscribe", StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"participantId\": ",
                                   Quote(b), ", \"publisherParticipantId\": ", Quote(a), "}"));
    Verb("ivsrt:LeaveStage", a);
    Verb("ivsrt:LeaveStage", b);
    Call("ivsrt:AdvanceClock", R"({"seconds": 600})");
    std::string sessions =
        Call("ListStageSessions", StrCat("{\"stageArn\": ", Quote(stage_arn_), "}")).text();
    std::string participants =
        Call("ListParticipants", StrCat("{\"stageArn\": ", Quote(stage_arn_), ", \"sessionId\": \"",
                                        session_id_, "\"}"))
            .text();
    return StrCat(sessions, participants, Call("ivsrt:ReceiveEvents", "{}").text());
  };
  std::string first = run();
  EXPECT_NE(first.find("endTime"), std::string::npos);
  EXPECT_EQ(run(), first);
}

// Participants joined in one process are listed in another; both read the events.
TEST(MediaPlaneProcesses, ShareParticipantsAndEventsThroughTheDataDir) {
  const std::string dir = TempDir();
  const std::string options = StrCat("{\"data_dir\": ", Quote(dir), "}");
  const std::string token_file =
      dir + "/../" + std::filesystem::path(dir).filename().string() + ".tokens";
  // A child creates the stage, joins two participants and publishes one.
  ChildEnd writer = RunInChild(
      [&]() -> int {
        auto engine = Engine::Open(options);
        if (!engine.ok()) return 2;
        auto call = [&](std::string_view op, const std::string& body) {
          auto r = (*engine)->Invoke(op, body);
          if (!r.ok()) _exit(3);
          return Json(*r);
        };
        Json stage =
            call("CreateStage",
                 R"({"participantTokenConfigurations": [{"userId": "a"}, {"userId": "b"}]})");
        std::string arn = stage.Str("stage/arn");
        Json a = call("ivsrt:JoinStage",
                      StrCat("{\"token\": ", Quote(stage.Str("participantTokens/0/token")), "}"));
        call("ivsrt:JoinStage",
             StrCat("{\"token\": ", Quote(stage.Str("participantTokens/1/token")), "}"));
        call("ivsrt:Publish", StrCat("{\"stageArn\": ", Quote(arn),
                                     ", \"participantId\": ", Quote(a.Str("participantId")), "}"));
        if (call("ivsrt:ReceiveEvents", "{}").Size("events") != 1) return 4;
        FILE* f = std::fopen(token_file.c_str(), "w");
        if (f == nullptr) return 5;
        std::fprintf(f, "%s\n%s\n%s\n", arn.c_str(), a.Str("sessionId").c_str(),
                     a.Str("participantId").c_str());
        std::fclose(f);
        return 0;
      },
      std::chrono::seconds(30));
  ASSERT_EQ(writer.exit_code, 0);
  std::string arn, session_id, publisher;
  {
    std::ifstream in(token_file);
    std::getline(in, arn);
    std::getline(in, session_id);
    std::getline(in, publisher);
  }
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto call = [&](std::string_view op, const std::string& body) {
    auto r = (*engine)->Invoke(op, body);
    EXPECT_TRUE(r.ok()) << op << ": " << r.status();
    return Json(r.ok() ? *r : "{}");
  };
  Json listed = call("ListParticipants", StrCat("{\"stageArn\": ", Quote(arn),
                                                ", \"sessionId\": \"", session_id, "\"}"));
  ASSERT_EQ(listed.Size("participants"), 2u);
  EXPECT_EQ(listed.Str("participants/0/state"), "CONNECTED");
  EXPECT_EQ(listed.Str("participants/1/userId"), "b");
  EXPECT_EQ(call("GetStage", StrCat("{\"arn\": ", Quote(arn), "}")).Str("stage/activeSessionId"),
            session_id);
  Json events = call("ivsrt:ReceiveEvents", "{}");
  ASSERT_EQ(events.Size("events"), 1u);
  EXPECT_EQ(events.Str("events/0/detail/participant_id"), publisher);
  // This process's leave is the other's next event.
  call("ivsrt:LeaveStage",
       StrCat("{\"stageArn\": ", Quote(arn), ", \"participantId\": ", Quote(publisher), "}"));
  std::string cursor = events.Str("cursor");
  engine->reset();
  ChildEnd reader = RunInChild(
      [&]() -> int {
        auto child_engine = Engine::Open(options);
        if (!child_engine.ok()) return 2;
        auto r = (*child_engine)
                     ->Invoke("ivsrt:ReceiveEvents", StrCat("{\"cursor\": ", Quote(cursor), "}"));
        if (!r.ok()) return 3;
        Json later(*r);
        return later.Size("events") == 1 &&
                       later.Str("events/0/detail/event_name") == "Participant Unpublished"
                   ? 0
                   : 4;
      },
      std::chrono::seconds(30));
  EXPECT_EQ(reader.exit_code, 0);
  std::filesystem::remove(token_file);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ivsrt::testing
