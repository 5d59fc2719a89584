#include "core/ops/stage_record.h"

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

TEST(StageBody, RoundTripsAndLeavesTheDefaultRecordingOut) {
  StageBody stage{.name = "alpha", .endpoint_host = "0123456789ab"};
  std::string body = EncodeStageBody(stage);
  EXPECT_EQ(body, R"({"name":"alpha","endpointHost":"0123456789ab"})");
  auto decoded = DecodeStageBody(body);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->name, "alpha");
  EXPECT_EQ(decoded->endpoint_host, "0123456789ab");
  EXPECT_EQ(decoded->recording_json, "");
  stage.recording_json = R"({"mediaTypes":["AUDIO_ONLY"]})";
  EXPECT_EQ(DecodeStageBody(EncodeStageBody(stage))->recording_json, stage.recording_json);
}

// activeSessionId is in the body only while a session is active, first, so that the
// StageSummary ListStages keeps of it is in alphabetical order.
TEST(StageBody, KeepsTheActiveSessionIdFirstWhileThereIsOne) {
  StageBody stage{.active_session_id = "st-ABCDEFGHIJKLM", .name = "a", .endpoint_host = "h"};
  std::string body = EncodeStageBody(stage);
  EXPECT_EQ(body, R"({"activeSessionId":"st-ABCDEFGHIJKLM","name":"a","endpointHost":"h"})");
  EXPECT_EQ(DecodeStageBody(body)->active_session_id, "st-ABCDEFGHIJKLM");
}

// Self-describing records: a body written by a later release, with members this one does
// not know, still reads.
TEST(StageBody, ToleratesMembersItDoesNotKnow) {
  auto decoded = DecodeStageBody(
      R"({"activeSessionId":"st-1","name":"b","later":{"x":[1]},"endpointHost":"h"})");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->name, "b");
  EXPECT_EQ(decoded->endpoint_host, "h");
}

TEST(StageBody, CorruptBodiesAreInternalErrors) {
  EXPECT_TRUE(absl::IsInternal(DecodeStageBody("[]").status()));
  EXPECT_TRUE(absl::IsInternal(DecodeStageBody(R"({"name":5})").status()));
  EXPECT_TRUE(absl::IsInternal(DecodeStageBody("{").status()));
}

}  // namespace
}  // namespace ivsrt
