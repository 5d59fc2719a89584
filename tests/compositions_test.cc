// Compositions through the engine, where a golden case cannot say it: loops over the quotas,
// the relation between ids and the recording prefix, determinism with a seed. The walk through
// the lifecycle step by step is tests/golden/compositions.json. Expectations come from the
// API reference, the AWS CLI's start-composition examples and the quota page (NOTES.md 5.13,
// 6, 10, 13).
#include <string>
#include <vector>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class CompositionsTest : public EngineTest {
 protected:
  std::string Channel(int n) {
    return StrCat(R"({"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/c)", n,
                  R"("}})");
  }
  Json Start(std::string_view stage, std::string_view destinations) {
    return Call("StartComposition", StrCat(R"({"stageArn": )", Quote(stage),
                                           R"(, "destinations": [)", destinations, "]}"));
  }
  std::string StartError(std::string_view stage, std::string_view destinations) {
    return ErrorOf("StartComposition", StrCat(R"({"stageArn": )", Quote(stage),
                                              R"(, "destinations": [)", destinations, "]}"));
  }
};

// The quota page: 20 compositions per account and region, 5 per stage.
TEST_F(CompositionsTest, TwentyPerAccountFivePerStage) {
  std::vector<std::string> stages;
  for (int s = 0; s < 5; ++s) stages.push_back(CreateStageArn());
  int n = 0;
  for (int s = 0; s < 4; ++s) {
    for (int i = 0; i < 5; ++i) Start(stages[s], Channel(n++));
    EXPECT_EQ(StartError(stages[s], Channel(n)), "ServiceQuotaExceededException") << s;
  }
  EXPECT_EQ(StartError(stages[4], Channel(n)), "ServiceQuotaExceededException");
  EXPECT_EQ(Call("ListCompositions", "{}").Size("compositions"), 20u);
}

// Stopped compositions keep their place until they vanish, 5 minutes after they end.
TEST_F(CompositionsTest, AStoppedCompositionCountsUntilItVanishes) {
  const std::string stage = CreateStageArn();
  std::vector<std::string> arns;
  for (int i = 0; i < 5; ++i) arns.push_back(Start(stage, Channel(i)).Str("composition/arn"));
  for (const std::string& arn : arns)
    Call("StopComposition", StrCat(R"({"arn": )", Quote(arn), "}"));
  Call("ivsrt:AdvanceClock", R"({"seconds": 2})");
  EXPECT_EQ(
      Call("GetComposition", StrCat(R"({"arn": )", Quote(arns[0]), "}")).Str("composition/state"),
      "STOPPED");
  EXPECT_EQ(StartError(stage, Channel(5)), "ServiceQuotaExceededException");
  Call("ivsrt:AdvanceClock", R"({"seconds": 300})");
  EXPECT_EQ(Start(stage, Channel(5)).Str("composition/state"), "STARTING");
}

// The CLI example: recordingPrefix is <12 alphanumerics>/<compositionId>/<destinationId>/composite.
TEST_F(CompositionsTest, RecordingPrefixNamesTheCompositionAndTheDestination) {
  const std::string stage = CreateStageArn();
  const std::string sc = Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "b-1"}})")
                             .Str("storageConfiguration/arn");
  const std::string ec = Call("CreateEncoderConfiguration", "{}").Str("encoderConfiguration/arn");
  Json c = Start(stage, StrCat(Channel(0), R"(, {"s3": {"storageConfigurationArn": )", Quote(sc),
                               R"(, "encoderConfigurationArns": [)", Quote(ec), "]}}"));
  const std::string arn = c.Str("composition/arn");
  const std::string id = arn.substr(arn.rfind('/') + 1);
  const std::string destination = c.Str("composition/destinations/1/id");
  const std::string prefix = c.Str("composition/destinations/1/detail/s3/recordingPrefix");
  ASSERT_EQ(prefix.size(), 12 + 1 + 12 + 1 + 12 + std::string_view("/composite").size()) << prefix;
  EXPECT_EQ(prefix.substr(12), StrCat("/", id, "/", destination, "/composite"));
  EXPECT_NE(prefix.substr(0, 12), id);
  EXPECT_NE(c.Str("composition/destinations/0/id"), destination);
}

// StopComposition on a STOPPING composition changes nothing: it is STOPPED 2 s after the
// first stop, not after the second.
TEST_F(CompositionsTest, StoppingAgainChangesNothing) {
  const std::string stage = CreateStageArn();
  const std::string arn = Start(stage, Channel(0)).Str("composition/arn");
  const std::string get = StrCat(R"({"arn": )", Quote(arn), "}");
  Call("StopComposition", get);
  Call("ivsrt:AdvanceClock", R"({"seconds": 1})");
  Call("StopComposition", get);
  EXPECT_EQ(Call("GetComposition", get).Str("composition/state"), "STOPPING");
  Call("ivsrt:AdvanceClock", R"({"seconds": 1})");
  Json stopped = Call("GetComposition", get);
  EXPECT_EQ(stopped.Str("composition/state"), "STOPPED");
  EXPECT_EQ(stopped.Str("composition/endTime"), "2026-01-02T03:04:07Z");
}

// A publisher that stops before the 2 s start delay ends leaves the composition STARTING,
// and it stops itself 60 s after that unpublish.
TEST_F(CompositionsTest, APublisherGoneBeforeTheStartKeepsItStarting) {
  Json created = Call("CreateStage", R"({"participantTokenConfigurations": [{}]})");
  const std::string stage = created.Str("stage/arn");
  Call("ivsrt:JoinStage",
       StrCat(R"({"token": )", Quote(created.Str("participantTokens/0/token")), "}"));
  const std::string who = StrCat(R"({"stageArn": )", Quote(stage), R"(, "participantId": )",
                                 Quote(created.Str("participantTokens/0/participantId")), "}");
  Call("ivsrt:Publish", who);
  const std::string get =
      StrCat(R"({"arn": )", Quote(Start(stage, Channel(0)).Str("composition/arn")), "}");
  Call("ivsrt:AdvanceClock", R"({"seconds": 1})");
  Call("ivsrt:Unpublish", who);
  Call("ivsrt:AdvanceClock", R"({"seconds": 59})");
  EXPECT_EQ(Call("GetComposition", get).Str("composition/state"), "STARTING");
  Call("ivsrt:AdvanceClock", R"({"seconds": 1})");
  Json stopping = Call("GetComposition", get);
  EXPECT_EQ(stopping.Str("composition/state"), "STOPPING");
  EXPECT_FALSE(stopping.Has("composition/destinations/0/startTime"));
}

// The README's order of the checks: a full stage answers 402 before a missing configuration
// would answer 404; an unknown stage answers 404 before anything else is looked at.
TEST_F(CompositionsTest, QuotaBeforeConfigurations) {
  const std::string stage = CreateStageArn();
  for (int i = 0; i < 5; ++i) Start(stage, Channel(i));
  const std::string missing_encoder = StrCat(
      R"({"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/x", )",
      R"("encoderConfigurationArn": "arn:aws:ivs:us-east-1:123456789012:encoder-configuration/none"}})");
  EXPECT_EQ(StartError(stage, missing_encoder), "ServiceQuotaExceededException");
  EXPECT_EQ(StartError(CreateStageArn(), missing_encoder), "ResourceNotFoundException");
}

// Without an idempotencyToken every call starts a composition; a token belongs to its
// composition until the composition vanishes, stopped or not.
TEST_F(CompositionsTest, ATokenHoldsUntilItsCompositionVanishes) {
  const std::string stage = CreateStageArn();
  EXPECT_NE(Start(stage, Channel(0)).Str("composition/arn"),
            Start(stage, Channel(0)).Str("composition/arn"));
  auto start = [&](int channel) {
    return StrCat(R"({"stageArn": )", Quote(stage), R"(, "idempotencyToken": "t", )",
                  R"("destinations": [)", Channel(channel), "]}");
  };
  const std::string arn = Call("StartComposition", start(1)).Str("composition/arn");
  Call("StopComposition", StrCat(R"({"arn": )", Quote(arn), "}"));
  Call("ivsrt:AdvanceClock", R"({"seconds": 2})");
  Json again = Call("StartComposition", start(1));
  EXPECT_EQ(again.Str("composition/arn"), arn);
  EXPECT_EQ(again.Str("composition/state"), "STOPPED");
  EXPECT_EQ(ErrorOf("StartComposition", start(2)), "ConflictException");
  Call("ivsrt:AdvanceClock", R"({"seconds": 300})");
  Json fresh = Call("StartComposition", start(2));
  EXPECT_NE(fresh.Str("composition/arn"), arn);
  EXPECT_EQ(fresh.Str("composition/state"), "STARTING");
}

// A seeded engine on a manual clock gives the same ids and prefixes every run.
TEST_F(CompositionsTest, SeededRunsAgree) {
  std::vector<std::string> runs;
  for (int run = 0; run < 2; ++run) {
    Open(R"({"seed": 9, "clock": "2026-01-02T03:04:05Z"})");
    const std::string stage = CreateStageArn();
    runs.push_back(Start(stage, Channel(0)).text());
  }
  EXPECT_EQ(runs[0], runs[1]);
}

}  // namespace
}  // namespace ivsrt::testing
