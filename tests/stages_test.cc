// CreateStage, GetStage, ListStages, UpdateStage, DeleteStage through the engine.
#include <set>
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

using StagesTest = EngineTest;

constexpr char kDefaultRecording[] =
    R"({"hlsConfiguration":{"targetSegmentDurationSeconds":6},"mediaTypes":["AUDIO_VIDEO"],)"
    R"("recordParticipantReplicas":true,"recordingReconnectWindowSeconds":0,)"
    R"("storageConfigurationArn":"","thumbnailConfiguration":{"recordingMode":"DISABLED",)"
    R"("storage":["SEQUENTIAL"],"targetIntervalSeconds":60}})";

TEST_F(StagesTest, CreateStageFillsTheDocumentedDefaults) {
  Json out = Call("CreateStage", R"({"name": "stage-1"})");
  std::string arn = out.Str("stage/arn");
  EXPECT_TRUE(arn.starts_with("arn:aws:ivs:us-east-1:123456789012:stage/")) << arn;
  std::string id = arn.substr(arn.rfind('/') + 1);
  EXPECT_EQ(id.size(), 12u);
  for (char c : id) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c))) << id;
  EXPECT_EQ(out.Str("stage/name"), "stage-1");
  EXPECT_EQ(out.Size("stage/tags"), 0u);
  EXPECT_TRUE(out.Has("stage/tags"));
  EXPECT_FALSE(out.Has("stage/activeSessionId"));
  EXPECT_FALSE(out.Has("participantTokens"));
  EXPECT_EQ(out.Str("stage/endpoints/events"), "wss://global.events.live-video.net");
  std::string whip = out.Str("stage/endpoints/whip");
  EXPECT_TRUE(whip.starts_with("https://") && whip.ends_with(".global-bm.whip.live-video.net"))
      << whip;
  std::string host = whip.substr(8, 12);
  EXPECT_EQ(out.Str("stage/endpoints/rtmp"),
            "rtmp://" + host + ".global-contribute-staging.live-video.net/app/");
  EXPECT_EQ(out.Str("stage/endpoints/rtmps"),
            "rtmps://" + host + ".global-contribute-staging.live-video.net:443/app/");
  // The recording defaults, exactly as the AWS CLI shows them.
  Json expected(kDefaultRecording);
  EXPECT_EQ(out.Minified("stage/autoParticipantRecordingConfiguration"), expected.Minified(""));
}

TEST_F(StagesTest, CreateStageWithoutNameHasEmptyName) {
  Json out = Call("CreateStage", "");
  EXPECT_TRUE(out.Has("stage/name"));
  EXPECT_EQ(out.Str("stage/name"), "");
}

TEST_F(StagesTest, GetStageReturnsWhatCreateStageReturned) {
  Json created = Call("CreateStage", R"({"name": "a", "tags": {"k": "v"}})");
  Json got = Call("GetStage", "{\"arn\": " + Quote(created.Str("stage/arn")) + "}");
  EXPECT_EQ(got.Minified("stage"), created.Minified("stage"));
  EXPECT_EQ(got.Str("stage/tags/k"), "v");
}

TEST_F(StagesTest, RecordingConfigurationKeepsGivenFieldsOverDefaults) {
  std::string storage = Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "b-1"}})")
                            .Str("storageConfiguration/arn");
  Json out = Call("CreateStage", R"({"autoParticipantRecordingConfiguration": {
      "storageConfigurationArn": )" + Quote(storage) + R"(,
      "mediaTypes": ["AUDIO_ONLY"], "recordingReconnectWindowSeconds": 30,
      "thumbnailConfiguration": {"recordingMode": "INTERVAL", "targetIntervalSeconds": 10}}})");
  const std::string p = "stage/autoParticipantRecordingConfiguration/";
  EXPECT_EQ(out.Str(p + "mediaTypes/0"), "AUDIO_ONLY");
  EXPECT_EQ(out.Int(p + "recordingReconnectWindowSeconds"), 30);
  EXPECT_EQ(out.Str(p + "thumbnailConfiguration/recordingMode"), "INTERVAL");
  EXPECT_EQ(out.Int(p + "thumbnailConfiguration/targetIntervalSeconds"), 10);
  EXPECT_EQ(out.Str(p + "thumbnailConfiguration/storage/0"), "SEQUENTIAL");
  EXPECT_EQ(out.Int(p + "hlsConfiguration/targetSegmentDurationSeconds"), 6);

  // An empty storage ARN disables recording: every field back to its default.
  std::string arn = out.Str("stage/arn");
  Json updated = Call("UpdateStage", "{\"arn\": " + Quote(arn) +
                                         R"(, "autoParticipantRecordingConfiguration": {
      "storageConfigurationArn": "", "mediaTypes": ["AUDIO_ONLY"]}})");
  Json expected(kDefaultRecording);
  EXPECT_EQ(updated.Minified("stage/autoParticipantRecordingConfiguration"), expected.Minified(""));
}

TEST_F(StagesTest, UpdateStageChangesOnlyWhatIsGiven) {
  std::string arn = CreateStageArn(R"({"name": "before", "tags": {"a": "1"}})");
  Json out = Call("UpdateStage", "{\"arn\": " + Quote(arn) + R"(, "name": "after"})");
  EXPECT_EQ(out.Str("stage/name"), "after");
  EXPECT_EQ(out.Str("stage/tags/a"), "1");
  Json unchanged = Call("UpdateStage", "{\"arn\": " + Quote(arn) + "}");
  EXPECT_EQ(unchanged.Str("stage/name"), "after");
  EXPECT_EQ(Call("GetStage", "{\"arn\": " + Quote(arn) + "}").Str("stage/name"), "after");
}

TEST_F(StagesTest, DeleteStageRemovesItAndItsTags) {
  std::string arn = CreateStageArn(R"({"tags": {"a": "1"}})");
  EXPECT_EQ(Call("DeleteStage", "{\"arn\": " + Quote(arn) + "}").text(), "{}");
  EXPECT_EQ(ErrorOf("GetStage", "{\"arn\": " + Quote(arn) + "}"), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("DeleteStage", "{\"arn\": " + Quote(arn) + "}"), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("UpdateStage", "{\"arn\": " + Quote(arn) + "}"), "ResourceNotFoundException");
  EXPECT_EQ(ErrorOf("ListTagsForResource", "{\"resourceArn\": " + Quote(arn) + "}"),
            "ResourceNotFoundException");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 0u);
}

TEST_F(StagesTest, MalformedArnIsValidationUnknownArnIsNotFound) {
  for (std::string_view op : {"GetStage", "UpdateStage", "DeleteStage"}) {
    EXPECT_EQ(ErrorOf(op, R"({"arn": "arn:aws:ivs:us-east-1:123456789012:stage/"})"),
              "ValidationException");
    EXPECT_EQ(ErrorOf(op, R"({"arn": "arn:aws:ivs:us-east-1:123456789012:channel/abcd"})"),
              "ValidationException");
    EXPECT_EQ(ErrorOf(op, R"({"arn": "stage/abcdABCDefgh"})"), "ValidationException");
    EXPECT_EQ(ErrorOf(op, R"({"arn": ""})"), "ValidationException");
    EXPECT_EQ(ErrorOf(op, "{}"), "ValidationException");
    EXPECT_EQ(ErrorOf(op, R"({"arn": "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh"})"),
              "ResourceNotFoundException");
  }
}

TEST_F(StagesTest, StagesOfAnotherRegionOrAccountAreNotFound) {
  std::string arn = CreateStageArn();
  std::string id = arn.substr(arn.rfind('/') + 1);
  EXPECT_EQ(
      ErrorOf("GetStage", "{\"arn\": \"arn:aws:ivs:eu-west-1:123456789012:stage/" + id + "\"}"),
      "ResourceNotFoundException");
  EXPECT_EQ(
      ErrorOf("GetStage", "{\"arn\": \"arn:aws:ivs:us-east-1:999999999999:stage/" + id + "\"}"),
      "ResourceNotFoundException");
  EXPECT_EQ(engine_->InvokeIn("eu-west-1", "ListStages", "{}").value(), R"({"stages":[]})");
}

TEST_F(StagesTest, ListStagesPagesInCreationOrderWithDefaultPageOf50) {
  std::vector<std::string> arns;
  for (int i = 0; i < 120; ++i) arns.push_back(CreateStageArn(StrCat("{\"name\": \"s", i, "\"}")));
  Json first = Call("ListStages", "{}");
  ASSERT_EQ(first.Size("stages"), 50u);
  EXPECT_EQ(first.Str("stages/0/arn"), arns[0]);
  EXPECT_EQ(first.Str("stages/0/name"), "s0");
  EXPECT_TRUE(first.Has("stages/0/tags"));
  EXPECT_FALSE(first.Has("stages/0/endpoints"));  // a StageSummary

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    std::vector<std::string> page = ListStagesPage(7, token);
    seen.insert(seen.end(), page.begin(), page.end());
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(seen, arns);
  EXPECT_EQ(pages, 18);  // 17 full pages of 7, then one of 1; no empty last page

  Json all = Call("ListStages", R"({"maxResults": 100})");
  EXPECT_EQ(all.Size("stages"), 100u);
  EXPECT_TRUE(all.Has("nextToken"));
}

TEST_F(StagesTest, PagingIsStableWhileStagesComeAndGo) {
  std::vector<std::string> arns;
  for (int i = 0; i < 30; ++i) arns.push_back(CreateStageArn());
  std::set<std::string> deleted;
  std::vector<std::string> seen;
  std::string token;
  int round = 0;
  do {
    std::vector<std::string> page = ListStagesPage(4, token);
    seen.insert(seen.end(), page.begin(), page.end());
    // Between pages: delete one stage not yet seen, and create a new one.
    std::string victim = arns[29 - round];
    if (std::find(seen.begin(), seen.end(), victim) == seen.end() && round < 5) {
      Call("DeleteStage", "{\"arn\": " + Quote(victim) + "}");
      deleted.insert(victim);
    }
    CreateStageArn();
    ++round;
  } while (!token.empty() && round < 100);
  std::multiset<std::string> seen_set(seen.begin(), seen.end());
  for (const std::string& arn : arns) {
    if (deleted.count(arn)) {
      EXPECT_EQ(seen_set.count(arn), 0u);
    } else {
      EXPECT_EQ(seen_set.count(arn), 1u) << arn;  // every survivor exactly once
    }
  }
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
}

TEST_F(StagesTest, ForgedOrForeignNextTokensAreValidationErrors) {
  for (int i = 0; i < 3; ++i) CreateStageArn();
  std::string token = Call("ListStages", R"({"maxResults": 1})").Str("nextToken");
  ASSERT_FALSE(token.empty());
  std::string tampered = token;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ErrorOf("ListStages", "{\"nextToken\": " + Quote(tampered) + "}"),
            "ValidationException");
  EXPECT_EQ(ErrorOf("ListStages", R"({"nextToken": "abc"})"), "ValidationException");
  EXPECT_EQ(ErrorOf("ListStages", R"({"nextToken": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})"),
            "ValidationException");
  // A token from another region does not open here.
  auto foreign =
      engine_->InvokeIn("eu-west-1", "ListStages", "{\"nextToken\": " + Quote(token) + "}");
  EXPECT_TRUE(absl::IsInvalidArgument(foreign.status())) << foreign.status();
  // Nor a token from another store.
  std::string other_token = token;
  Open(R"({"seed": 43})");
  for (int i = 0; i < 3; ++i) CreateStageArn();
  EXPECT_EQ(ErrorOf("ListStages", "{\"nextToken\": " + Quote(other_token) + "}"),
            "ValidationException");
}

// ivsrt:Reset replays positions: a token from before it would skip the first
// new stages.
TEST_F(StagesTest, NextTokensFromBeforeAResetAreRefused) {
  for (int i = 0; i < 3; ++i) CreateStageArn();
  std::string old_token;
  ListStagesPage(2, old_token);
  ASSERT_FALSE(old_token.empty());
  Call("ivsrt:Reset", "{}");
  std::vector<std::string> arns;
  for (int i = 0; i < 3; ++i) arns.push_back(CreateStageArn());
  absl::StatusOr<std::string> stale =
      Raw("ListStages", "{\"nextToken\": " + Quote(old_token) + "}");
  ASSERT_FALSE(stale.ok()) << *stale;
  EXPECT_EQ(stale.status().message(), "nextToken: invalid pagination token");
  // Tokens of the new generation page through every new stage.
  std::string token;
  std::vector<std::string> listed = ListStagesPage(2, token);
  std::vector<std::string> rest = ListStagesPage(2, token);
  listed.insert(listed.end(), rest.begin(), rest.end());
  EXPECT_EQ(listed, arns);
  EXPECT_TRUE(token.empty());
}

TEST_F(StagesTest, TheStageQuotaIsEnforcedPerRegion) {
  Open(R"({"quotas": {"stages": 3}})");
  std::vector<std::string> arns;
  for (int i = 0; i < 3; ++i) arns.push_back(CreateStageArn());
  auto over = Raw("CreateStage", "{}");
  EXPECT_TRUE(absl::IsResourceExhausted(over.status()));
  EXPECT_EQ(ErrorTypeOf(over.status()).name, "ServiceQuotaExceededException");
  EXPECT_EQ(ErrorTypeOf(over.status()).http_status, 402);
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 3u);  // nothing stored
  EXPECT_TRUE(engine_->InvokeIn("eu-west-1", "CreateStage", "{}").ok());
  Call("DeleteStage", "{\"arn\": " + Quote(arns[0]) + "}");
  CreateStageArn();
}

TEST_F(StagesTest, TheDefaultQuotaIs1000) {
  Open(R"({"durability": "nosync"})");
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(Raw("CreateStage", "{}").ok()) << i;
  EXPECT_EQ(ErrorOf("CreateStage", "{}"), "ServiceQuotaExceededException");
}

TEST_F(StagesTest, InvalidInputStoresNothing) {
  EXPECT_EQ(ErrorOf("CreateStage", R"({"name": "bad name"})"), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", R"({"tags": {"aws:reserved": "x"}})"), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", R"({"participantTokenConfigurations": [{"duration": 0}]})"),
            "ValidationException");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 0u);
}

TEST_F(StagesTest, UnknownMembersAreIgnoredUnlessStrict) {
  EXPECT_EQ(
      Call("CreateStage", R"({"name": "a", "futureMember": {"x": [1, 2]}})").Str("stage/name"),
      "a");
  Open(R"({"strict": true})");
  EXPECT_EQ(ErrorOf("CreateStage", R"({"name": "a", "futureMember": 1})"), "ValidationException");
}

TEST_F(StagesTest, OversizedAndMalformedBodiesAreValidationErrors) {
  std::string huge = "{\"name\": \"" + std::string((1 << 20) + 1, 'a') + "\"}";
  EXPECT_EQ(ErrorOf("CreateStage", huge), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", "{\"name\": "), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", "[]"), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", "{\"name\": \"\xff\"}"), "ValidationException");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 0u);
}

// Operations of the model not implemented yet: tests/operations_test.cc.
TEST_F(StagesTest, UnknownOperationsAreUnknownOperations) {
  EXPECT_EQ(ErrorOf("NoSuchThing", "{}"), "UnknownOperationException");
  EXPECT_EQ(ErrorOf("ivsrt:NoSuchControl", "{}"), "UnknownOperationException");
}

}  // namespace
}  // namespace ivsrt::testing
