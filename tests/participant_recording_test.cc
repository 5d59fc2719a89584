// Individual participant recording through the engine, where a golden case cannot say it:
// the recording prefix built from the stage's id, the session and the participant (a golden
// step can only hold it to a pattern). The walk through the lifecycle step by step is
// tests/golden/participant_recording.json. Expectations come from the user guide's
// "Individual Participant Recording" and the AWS doc's event example (NOTES.md 9, 13).
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class ParticipantRecordingTest : public EngineTest {};

// The prefix is {stageId}/{sessionId}/{participantId}/{publish time as
// YYYY-MM-DDTHH-MM-SSZ}, the stage id being the last segment of its ARN.
TEST_F(ParticipantRecordingTest, ThePrefixNamesStageSessionParticipantAndTime) {
  const std::string storage =
      Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "my-recordings"}})")
          .Str("storageConfiguration/arn");
  Json stage =
      Call("CreateStage",
           StrCat(R"({"autoParticipantRecordingConfiguration": {"storageConfigurationArn": )",
                  Quote(storage),
                  R"(}, "participantTokenConfigurations": [{"capabilities": ["PUBLISH"]}]})"));
  const std::string arn = stage.Str("stage/arn");
  const std::string stage_id = arn.substr(arn.rfind('/') + 1);
  const std::string participant = stage.Str("participantTokens/0/participantId");
  EXPECT_TRUE(Call("ivsrt:JoinStage",
                   StrCat(R"({"token": )", Quote(stage.Str("participantTokens/0/token")), "}"))
                  .Bool("joined"));
  const std::string session =
      Call("GetStage", StrCat(R"({"arn": )", Quote(arn), "}")).Str("stage/activeSessionId");
  Call("ivsrt:AdvanceClock", R"({"seconds": 3})");  // 03:04:08
  const std::string who =
      StrCat(R"({"stageArn": )", Quote(arn), R"(, "participantId": )", Quote(participant));
  EXPECT_TRUE(Call("ivsrt:Publish", StrCat(who, "}")).Bool("ok"));
  Json p = Call("GetParticipant", StrCat(who, R"(, "sessionId": )", Quote(session), "}"));
  EXPECT_EQ(p.Str("participant/recordingS3BucketName"), "my-recordings");
  EXPECT_EQ(p.Str("participant/recordingS3Prefix"),
            StrCat(stage_id, "/", session, "/", participant, "/2026-01-02T03-04-08Z"));
}

}  // namespace
}  // namespace ivsrt::testing
