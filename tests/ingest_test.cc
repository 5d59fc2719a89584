// Ingest configurations against the media plane's quotas and sessions (README, "Ingest
// configurations"): what the golden file cannot say briefly.
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class IngestTest : public EngineTest {
 protected:
  Json StartIngest(std::string_view key) {
    return Call("ivsrt:StartIngest", StrCat("{\"streamKey\": ", Quote(key), "}"));
  }
};

// The 12-publisher quota holds for encoders too: a 13th publisher is QUOTA_EXCEEDED, and the
// encoder's participant leaves again (JOINED, PUBLISH_ERROR, LEFT), the configuration INACTIVE.
TEST_F(IngestTest, AThirteenthPublisherIsRefusedAndLeaves) {
  std::string arn = CreateStageArn();
  std::string session;
  for (int i = 0; i < 12; ++i) {
    Json token = Call("CreateParticipantToken", StrCat("{\"stageArn\": ", Quote(arn), "}"));
    Json joined = Call("ivsrt:JoinStage",
                       StrCat("{\"token\": ", Quote(token.Str("participantToken/token")), "}"));
    session = joined.Str("sessionId");
    Json published = Call("ivsrt:Publish",
                          StrCat("{\"stageArn\": ", Quote(arn),
                                 ", \"participantId\": ", Quote(joined.Str("participantId")), "}"));
    ASSERT_TRUE(published.Bool("ok"));
  }
  Json ingest = Call("CreateIngestConfiguration",
                     StrCat("{\"ingestProtocol\": \"RTMPS\", \"stageArn\": ", Quote(arn), "}"));
  const std::string pid = ingest.Str("ingestConfiguration/participantId");
  Json refused = StartIngest(ingest.Str("ingestConfiguration/streamKey"));
  EXPECT_FALSE(refused.Bool("ok"));
  EXPECT_EQ(refused.Str("errorCode"), "QUOTA_EXCEEDED");
  Json got = Call("GetIngestConfiguration",
                  StrCat("{\"arn\": ", Quote(ingest.Str("ingestConfiguration/arn")), "}"));
  EXPECT_EQ(got.Str("ingestConfiguration/state"), "INACTIVE");
  const std::string where =
      StrCat("{\"stageArn\": ", Quote(arn), ", \"sessionId\": ", Quote(session),
             ", \"participantId\": ", Quote(pid), "}");
  EXPECT_EQ(Call("GetParticipant", where).Str("participant/state"), "DISCONNECTED");
  Json events = Call("ListParticipantEvents", where);
  ASSERT_EQ(events.Size("events"), 3u);
  EXPECT_EQ(events.Str("events/0/name"), "JOINED");
  EXPECT_EQ(events.Str("events/1/name"), "PUBLISH_ERROR");
  EXPECT_EQ(events.Str("events/1/errorCode"), "QUOTA_EXCEEDED");
  EXPECT_EQ(events.Str("events/2/name"), "LEFT");
}

// An encoder holds no token: days later it is still connected and the stage's session goes
// on, where a token's participant would have been disconnected at its exp.
TEST_F(IngestTest, AnEncoderNeverExpires) {
  std::string arn = CreateStageArn();
  Json ingest = Call("CreateIngestConfiguration",
                     StrCat("{\"ingestProtocol\": \"RTMP\", \"insecureIngest\": true, "
                            "\"stageArn\": ",
                            Quote(arn), "}"));
  Json started = StartIngest(ingest.Str("ingestConfiguration/streamKey"));
  ASSERT_TRUE(started.Bool("ok"));
  Call("ivsrt:AdvanceClock", R"({"seconds": 2592000})");
  const std::string where =
      StrCat("{\"stageArn\": ", Quote(arn), ", \"sessionId\": ", Quote(started.Str("sessionId")),
             ", \"participantId\": ", Quote(started.Str("participantId")), "}");
  Json participant = Call("GetParticipant", where);
  EXPECT_EQ(participant.Str("participant/state"), "CONNECTED");
  EXPECT_EQ(participant.Str("participant/protocol"), "RTMP");
  EXPECT_EQ(Call("GetStage", StrCat("{\"arn\": ", Quote(arn), "}")).Str("stage/activeSessionId"),
            started.Str("sessionId"));
}

}  // namespace
}  // namespace ivsrt::testing
