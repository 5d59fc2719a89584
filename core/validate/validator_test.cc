#include "core/validate/validator.h"

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/errors.h"
#include "core/model/model.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

constexpr std::string_view kOk = "OK";
constexpr std::string_view kStageArn = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh";
constexpr std::string_view kStorageArn =
    "arn:aws:ivs:us-west-2:123456789012:storage-configuration/abcdABCDefgh";

int InputShape(std::string_view operation) {
  const model::Operation* op = model::FindOperation(operation);
  EXPECT_NE(op, nullptr) << operation;
  return op == nullptr ? model::kNoShape : op->input_shape;
}

// "OK", or the ValidationException message.
std::string Check(std::string_view operation, std::string_view json, bool strict = false) {
  absl::StatusOr<Value> result = ValidateRequest(json, InputShape(operation), strict);
  if (result.ok()) return std::string(kOk);
  if (ErrorTypeOf(result.status()).name != "ValidationException") {
    return "not a ValidationException: " + result.status().ToString();
  }
  return static_cast<std::string>(result.status().message());
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// A JSON object with n distinct tags, each value `value`.
std::string TagsJson(int n, std::string_view value = "v") {
  std::string out = "{";
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += ",";
    out += Quote("k" + std::to_string(i)) + ":" + Quote(value);
  }
  return out + "}";
}

TEST(ValidatorTest, AcceptsAFullCreateStageAndKeepsItsMembers) {
  const std::string json = R"({
    "name": "my-stage_1",
    "participantTokenConfigurations": [
      {"duration": 20160, "userId": "ü-user", "attributes": {"a": "b"},
       "capabilities": ["PUBLISH", "SUBSCRIBE"]},
      {}
    ],
    "tags": {"env": "prod", "team": ""},
    "autoParticipantRecordingConfiguration": {
      "storageConfigurationArn": ")" +
                           std::string(kStorageArn) + R"(",
      "mediaTypes": ["AUDIO_ONLY"],
      "thumbnailConfiguration": {"targetIntervalSeconds": 60, "storage": ["LATEST"],
                                 "recordingMode": "INTERVAL"},
      "recordingReconnectWindowSeconds": 300,
      "hlsConfiguration": {"targetSegmentDurationSeconds": 2},
      "recordParticipantReplicas": false
    }
  })";
  absl::StatusOr<Value> v = ValidateRequest(json, InputShape("CreateStage"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->kind(), Value::Kind::kObject);
  ASSERT_EQ(v->entries().size(), 4u);
  EXPECT_EQ(v->entries()[0].first, "name");
  EXPECT_EQ(v->Find("name")->as_string(), "my-stage_1");
  const Value* configs = v->Find("participantTokenConfigurations");
  ASSERT_NE(configs, nullptr);
  ASSERT_EQ(configs->items().size(), 2u);
  EXPECT_EQ(configs->items()[0].Find("duration")->kind(), Value::Kind::kInt);
  EXPECT_EQ(configs->items()[0].Find("duration")->as_int(), 20160);
  EXPECT_EQ(configs->items()[0].Find("userId")->as_string(), "ü-user");
  EXPECT_EQ(configs->items()[0].Find("capabilities")->items()[1].as_string(), "SUBSCRIBE");
  EXPECT_EQ(configs->items()[1].kind(), Value::Kind::kObject);
  EXPECT_TRUE(configs->items()[1].entries().empty());
  const Value* tags = v->Find("tags");
  ASSERT_EQ(tags->entries().size(), 2u);
  EXPECT_EQ(tags->entries()[0].first, "env");
  EXPECT_EQ(tags->Find("team")->as_string(), "");
  const Value* recording = v->Find("autoParticipantRecordingConfiguration");
  EXPECT_EQ(recording->Find("recordParticipantReplicas")->kind(), Value::Kind::kBool);
  EXPECT_FALSE(recording->Find("recordParticipantReplicas")->as_bool());
  EXPECT_EQ(recording->Find("hlsConfiguration")->Find("targetSegmentDurationSeconds")->as_int(), 2);
}

TEST(ValidatorTest, EmptyBodyIsAnEmptyObject) {
  for (std::string_view body : {"", "{}", " \n\t\r ", " {} "}) {
    absl::StatusOr<Value> v = ValidateRequest(body, InputShape("ListStages"), true);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_EQ(v->kind(), Value::Kind::kObject);
    EXPECT_TRUE(v->entries().empty());
  }
  EXPECT_EQ(Check("GetStage", ""), "arn: is required");
}

TEST(ValidatorTest, StageNameLength) {
  EXPECT_EQ(Check("CreateStage", R"({"name":""})"), kOk);
  EXPECT_EQ(Check("CreateStage", R"({"name":")" + std::string(128, 'a') + R"("})"), kOk);
  EXPECT_EQ(Check("CreateStage", R"({"name":")" + std::string(129, 'a') + R"("})"),
            "name: must be at most 128 characters");
  EXPECT_EQ(Check("UpdateStage", R"({"arn":")" + std::string(kStageArn) + R"(","name":")" +
                                     std::string(129, 'a') + R"("})"),
            "name: must be at most 128 characters");
}

TEST(ValidatorTest, LengthCountsCodePointsNotBytes) {
  // 128 two-byte characters: 256 bytes, 128 characters. The pattern-free userId
  // takes them.
  const std::string u128 = Repeat("\xc3\xa9", 128);
  EXPECT_EQ(Check("CreateParticipantToken",
                  R"({"stageArn":")" + std::string(kStageArn) + R"(","userId":")" + u128 + R"("})"),
            kOk);
  EXPECT_EQ(Check("CreateParticipantToken", R"({"stageArn":")" + std::string(kStageArn) +
                                                R"(","userId":")" + u128 + R"(x"})"),
            "userId: must be at most 128 characters");
  // Four-byte characters (and their \u escapes as surrogate pairs) are one
  // each.
  EXPECT_EQ(Check("CreateParticipantToken", R"({"stageArn":")" + std::string(kStageArn) +
                                                R"(","userId":")" + Repeat("\xf0\x9f\x98\x80", 64) +
                                                Repeat("\\ud83d\\ude00", 64) + R"("})"),
            kOk);
  EXPECT_EQ(Check("TagResource", R"({"resourceArn":")" + std::string(kStageArn) +
                                     R"(","tags":{"k":")" + Repeat("\xe2\x82\xac", 257) + R"("}})"),
            "tags.k: must be at most 256 characters");
}

TEST(ValidatorTest, NamePattern) {
  EXPECT_EQ(Check("CreateStage", R"({"name":"a-Z_09"})"), kOk);
  for (std::string_view bad : {"a b", "a.b", "a/b", "\\u00e9", "a\\n"}) {
    EXPECT_EQ(Check("CreateStage", R"({"name":")" + std::string(bad) + R"("})"),
              "name: must match [a-zA-Z0-9-_]*")
        << bad;
  }
}

TEST(ValidatorTest, ParticipantTokenDuration) {
  auto token = [](std::string_view duration) {
    return Check("CreateParticipantToken", R"({"stageArn":")" + std::string(kStageArn) +
                                               R"(","duration":)" + std::string(duration) + "}");
  };
  EXPECT_EQ(token("0"), "duration: must be between 1 and 20160");
  EXPECT_EQ(token("1"), kOk);
  EXPECT_EQ(token("20160"), kOk);
  EXPECT_EQ(token("20161"), "duration: must be between 1 and 20160");
  EXPECT_EQ(token("-1"), "duration: must be between 1 and 20160");
  EXPECT_EQ(token("99999999999999999999"), "duration: must be between 1 and 20160");
  EXPECT_EQ(token("123456789012345678901234567890"), "duration: must be between 1 and 20160");
  EXPECT_EQ(token("1.5"), "duration: must be an integer");
  EXPECT_EQ(token("1.0"), "duration: must be an integer");
  EXPECT_EQ(token("1e2"), "duration: must be an integer");
  EXPECT_EQ(token(R"("60")"), "duration: must be an integer");
  EXPECT_EQ(token("true"), "duration: must be an integer");
  EXPECT_EQ(token("null"), kOk);

  auto stage = [](std::string_view duration) {
    return Check("CreateStage", R"({"participantTokenConfigurations":[{},{},{},{"duration":)" +
                                    std::string(duration) + "}]}");
  };
  EXPECT_EQ(stage("0"),
            "participantTokenConfigurations[3].duration: must be between 1 and "
            "20160");
  EXPECT_EQ(stage("1"), kOk);
  EXPECT_EQ(stage("20160"), kOk);
  EXPECT_EQ(stage("20161"),
            "participantTokenConfigurations[3].duration: must be between 1 and "
            "20160");
}

TEST(ValidatorTest, FloatsAndOutOfRangeNumbers) {
  auto framerate = [](std::string_view value) {
    return Check("CreateEncoderConfiguration",
                 R"({"video":{"framerate":)" + std::string(value) + "}}");
  };
  EXPECT_EQ(framerate("0.5"), "video.framerate: must be between 1 and 60");
  EXPECT_EQ(framerate("1"), kOk);
  EXPECT_EQ(framerate("29.97"), kOk);
  EXPECT_EQ(framerate("6e1"), kOk);
  EXPECT_EQ(framerate("60.5"), "video.framerate: must be between 1 and 60");
  EXPECT_EQ(framerate("1e400"), "video.framerate: must be between 1 and 60");
  EXPECT_EQ(framerate("-1e400"), "video.framerate: must be between 1 and 60");
  EXPECT_EQ(framerate("1e-400"), "video.framerate: must be between 1 and 60");
  EXPECT_EQ(framerate("\"30\""), "video.framerate: must be a number");
  absl::StatusOr<Value> v = ValidateRequest(R"({"video":{"framerate":29.97,"bitrate":8500000}})",
                                            InputShape("CreateEncoderConfiguration"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Find("video")->Find("framerate")->kind(), Value::Kind::kDouble);
  EXPECT_DOUBLE_EQ(v->Find("video")->Find("framerate")->as_double(), 29.97);
  EXPECT_EQ(v->Find("video")->Find("bitrate")->as_int(), 8500000);
  // Integers with only a lower bound still have to fit 32 bits.
  auto grid_gap = [](std::string_view value) {
    return Check("StartComposition", R"({"stageArn":")" + std::string(kStageArn) +
                                         R"(","destinations":[{}],"layout":{"grid":{"gridGap":)" +
                                         std::string(value) + "}}}");
  };
  EXPECT_EQ(grid_gap("2147483647"), kOk);
  EXPECT_EQ(grid_gap("2147483648"), "layout.grid.gridGap: must be a 32-bit integer");
  EXPECT_EQ(grid_gap("99999999999999999999999"), "layout.grid.gridGap: must be a 32-bit integer");
  EXPECT_EQ(grid_gap("-1"), "layout.grid.gridGap: must be at least 0");
}

TEST(ValidatorTest, ParticipantTokenConfigurationsCount) {
  auto configs = [](int n) {
    std::string list = "[";
    for (int i = 0; i < n; ++i) list += i == 0 ? "{}" : ",{}";
    return Check("CreateStage", R"({"participantTokenConfigurations":)" + list + "]}");
  };
  EXPECT_EQ(configs(0), kOk);
  EXPECT_EQ(configs(12), kOk);
  EXPECT_EQ(configs(13), "participantTokenConfigurations: must have at most 12 items");
}

TEST(ValidatorTest, Capabilities) {
  auto token = [](std::string_view caps) {
    return Check("CreateParticipantToken", R"({"stageArn":")" + std::string(kStageArn) +
                                               R"(","capabilities":)" + std::string(caps) + "}");
  };
  EXPECT_EQ(token("[]"), kOk);
  EXPECT_EQ(token(R"(["PUBLISH"])"), kOk);
  EXPECT_EQ(token(R"(["SUBSCRIBE","PUBLISH"])"), kOk);
  EXPECT_EQ(token(R"(["PUBLISH","SUBSCRIBE","PUBLISH"])"),
            "capabilities: must have at most 2 items");
  EXPECT_EQ(token(R"(["publish"])"), "capabilities[0]: must be one of PUBLISH, SUBSCRIBE");
  EXPECT_EQ(token(R"(["PUBLISH","ADMIN"])"), "capabilities[1]: must be one of PUBLISH, SUBSCRIBE");
  EXPECT_EQ(token(R"(["PUBLISH",null])"), "capabilities[1]: must be a string");
  EXPECT_EQ(token(R"("PUBLISH")"), "capabilities: must be an array");
  EXPECT_EQ(token(R"([1])"), "capabilities[0]: must be a string");
}

TEST(ValidatorTest, TagsCountKeysAndValues) {
  auto create = [](const std::string& tags) {
    return Check("CreateStage", R"({"tags":)" + tags + "}");
  };
  EXPECT_EQ(create(TagsJson(0)), kOk);
  EXPECT_EQ(create(TagsJson(50)), kOk);
  EXPECT_EQ(create(TagsJson(51)), "tags: must have at most 50 entries");
  EXPECT_EQ(create(R"({"":"v"})"), "tags (key \"\"): must be at least 1 character");
  EXPECT_EQ(create(R"({"a":"v"})"), kOk);
  EXPECT_EQ(create(R"({")" + std::string(128, 'k') + R"(":"v"})"), kOk);
  EXPECT_EQ(create(R"({")" + std::string(129, 'k') + R"(":"v"})"),
            "tags (key \"" + std::string(64, 'k') + "...\"): must be at most 128 characters");
  EXPECT_EQ(create(R"({"k":""})"), kOk);
  EXPECT_EQ(create(R"({"k":")" + std::string(256, 'v') + R"("})"), kOk);
  EXPECT_EQ(create(R"({"k":")" + std::string(257, 'v') + R"("})"),
            "tags.k: must be at most 256 characters");
  EXPECT_EQ(create(R"({"k":1})"), "tags.k: must be a string");
  EXPECT_EQ(create(R"({"k":null})"), "tags.k: must be a string");
  EXPECT_EQ(create(R"(["k"])"), "tags: must be an object");

  const std::string arn = R"({"resourceArn":")" + std::string(kStageArn) + R"(","tags":)";
  EXPECT_EQ(Check("TagResource", arn + TagsJson(50) + "}"), kOk);
  EXPECT_EQ(Check("TagResource", arn + TagsJson(51) + "}"), "tags: must have at most 50 entries");
  EXPECT_EQ(Check("TagResource", arn + "{}}"), kOk);
  EXPECT_EQ(Check("TagResource", R"({"resourceArn":")" + std::string(kStageArn) + R"("})"),
            "tags: is required");
}

TEST(ValidatorTest, RepeatedMembersKeepTheirLastValue) {
  absl::StatusOr<Value> v = ValidateRequest(R"({"name":"first","tags":{},"name":"second"})",
                                            InputShape("CreateStage"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->entries().size(), 2u);
  EXPECT_EQ(v->entries()[0].first, "name");  // where it first appeared
  EXPECT_EQ(v->Find("name")->as_string(), "second");
  // Names compare after unescaping.
  v = ValidateRequest(R"({"name":"a","n\u0061me":"b"})", InputShape("CreateStage"), false);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Find("name")->as_string(), "b");
  // A later null means "not given": the member is absent.
  v = ValidateRequest(R"({"name":"first","name":null})", InputShape("CreateStage"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Find("name"), nullptr);
  EXPECT_EQ(Check("GetStage", R"({"arn":")" + std::string(kStageArn) + R"(","arn":null})"),
            "arn: is required");
  // The HTTP router appends the URI's resourceArn after the body's members.
  v = ValidateRequest(R"({"resourceArn":"arn:aws:ivs:us-west-2:1:stage/body","tags":{},)"
                      R"("resourceArn":"arn:aws:ivs:us-west-2:1:stage/uri"})",
                      InputShape("TagResource"), false);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Find("resourceArn")->as_string(), "arn:aws:ivs:us-west-2:1:stage/uri");
  // Every occurrence is validated.
  EXPECT_EQ(Check("CreateStage", R"({"name":"bad name","name":"ok"})"),
            "name: must match [a-zA-Z0-9-_]*");
  EXPECT_EQ(Check("ListStages", R"({"maxResults":1,"maxResults":1000})"),
            "maxResults: must be between 1 and 100");
  EXPECT_EQ(
      Check("CreateStage", R"({"participantTokenConfigurations":[{"userId":"a","userId":1}]})"),
      "participantTokenConfigurations[0].userId: must be a string");
}

TEST(ValidatorTest, RepeatedMapKeysCountOnceAndKeepTheirLastValue) {
  // 51 keys, one of them twice: 50 distinct tags.
  std::string tags = TagsJson(50);
  tags.insert(1, R"("k7":"first",)");
  absl::StatusOr<Value> v =
      ValidateRequest(R"({"tags":)" + tags + "}", InputShape("CreateStage"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  const Value* t = v->Find("tags");
  ASSERT_EQ(t->entries().size(), 50u);
  EXPECT_EQ(t->entries()[0].first, "k7");      // first position
  EXPECT_EQ(t->Find("k7")->as_string(), "v");  // last value
  v = ValidateRequest(R"({"tags":{"a":"1","\u0061":"2","A":"3"}})", InputShape("CreateStage"),
                      true);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->Find("tags")->entries().size(), 2u);
  EXPECT_EQ(v->Find("tags")->Find("a")->as_string(), "2");
  // Every occurrence is validated.
  EXPECT_EQ(Check("CreateStage", R"({"tags":{"k":")" + std::string(257, 'v') + R"(","k":"v"}})"),
            "tags.k: must be at most 256 characters");
  EXPECT_EQ(Check("CreateStage", R"({"tags":{"k":"v","k":null}})"), "tags.k: must be a string");
}

TEST(ValidatorTest, UntagResourceTagKeys) {
  auto untag = [](const std::string& keys) {
    return Check("UntagResource",
                 R"({"resourceArn":")" + std::string(kStageArn) + R"(","tagKeys":)" + keys + "}");
  };
  auto keys = [](int n) {
    std::string out = "[";
    for (int i = 0; i < n; ++i) {
      out += (i ? ",\"k" : "\"k") + std::to_string(i) + "\"";
    }
    return out + "]";
  };
  EXPECT_EQ(untag(keys(0)), kOk);
  EXPECT_EQ(untag(keys(50)), kOk);
  EXPECT_EQ(untag(keys(51)), "tagKeys: must have at most 50 items");
  EXPECT_EQ(untag(R"([""])"), "tagKeys[0]: must be at least 1 character");
  EXPECT_EQ(untag(R"([")" + std::string(128, 'k') + R"("])"), kOk);
  EXPECT_EQ(untag(R"(["a",")" + std::string(129, 'k') + R"("])"),
            "tagKeys[1]: must be at most 128 characters");
  EXPECT_EQ(Check("UntagResource", R"({"resourceArn":")" + std::string(kStageArn) + R"("})"),
            "tagKeys: is required");
}

TEST(ValidatorTest, ListStagesPagination) {
  EXPECT_EQ(Check("ListStages", R"({"maxResults":0})"), "maxResults: must be between 1 and 100");
  EXPECT_EQ(Check("ListStages", R"({"maxResults":1})"), kOk);
  EXPECT_EQ(Check("ListStages", R"({"maxResults":100})"), kOk);
  EXPECT_EQ(Check("ListStages", R"({"maxResults":101})"), "maxResults: must be between 1 and 100");
  EXPECT_EQ(Check("ListStages", R"({"nextToken":""})"), kOk);
  EXPECT_EQ(Check("ListStages", R"({"nextToken":")" + std::string(1024, 'A') + R"("})"), kOk);
  EXPECT_EQ(Check("ListStages", R"({"nextToken":")" + std::string(1025, 'A') + R"("})"),
            "nextToken: must be at most 1024 characters");
  EXPECT_EQ(Check("ListStages", R"({"nextToken":"aZ09+/=_-"})"), kOk);
  for (std::string_view bad : {"a b", "a%3D", "a.b", "a:b", "\\u00e9"}) {
    EXPECT_EQ(Check("ListStages", R"({"nextToken":")" + std::string(bad) + R"("})"),
              "nextToken: must match [a-zA-Z0-9+/=_-]*")
        << bad;
  }
}

TEST(ValidatorTest, StageArns) {
  const std::string pattern = "arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+";
  EXPECT_EQ(Check("GetStage", R"({"arn":")" + std::string(kStageArn) + R"("})"), kOk);
  EXPECT_EQ(Check("DeleteStage", R"({"arn":")" + std::string(kStageArn) + R"("})"), kOk);
  EXPECT_EQ(Check("GetStage", R"({"arn":""})"), "arn: must be at least 1 character");
  EXPECT_EQ(Check("GetStage", "{}"), "arn: is required");
  EXPECT_EQ(Check("GetStage", R"({"arn":null})"), "arn: is required");
  EXPECT_EQ(Check("DeleteStage", "{}"), "arn: is required");
  EXPECT_EQ(Check("UpdateStage", R"({"name":"x"})"), "arn: is required");
  for (std::string_view bad :
       {"arn:aws:ivs:us-west-2:123456789012:channel/abcd",
        "arn:aws:ivs:us-west-2:123456789012:stage/", "arn:aws:ivs-realtime:us-west-2:1:stage/a",
        "arn:aws:ivs:us-west-2:123456789012:stage/abcd ", "stage/abcd"}) {
    EXPECT_EQ(Check("GetStage", R"({"arn":")" + std::string(bad) + R"("})"),
              "arn: must match " + pattern)
        << bad;
    EXPECT_EQ(Check("CreateParticipantToken", R"({"stageArn":")" + std::string(bad) + R"("})"),
              "stageArn: must match " + pattern)
        << bad;
  }
  const std::string prefix = "arn:aws:ivs:us-west-2:123456789012:stage/";
  EXPECT_EQ(
      Check("GetStage", R"({"arn":")" + prefix + std::string(128 - prefix.size(), 'a') + R"("})"),
      kOk);
  EXPECT_EQ(
      Check("GetStage", R"({"arn":")" + prefix + std::string(129 - prefix.size(), 'a') + R"("})"),
      "arn: must be at most 128 characters");
  EXPECT_EQ(Check("CreateParticipantToken", "{}"), "stageArn: is required");
}

TEST(ValidatorTest, ResourceArnFixUp) {
  const std::string pattern = "arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+";
  for (std::string_view op : {"ListTagsForResource", "TagResource", "UntagResource"}) {
    const std::string others = op == "TagResource"     ? R"("tags":{})"
                               : op == "UntagResource" ? R"("tagKeys":[])"
                                                       : "";
    auto with_arn = [&](std::string_view arn) {
      return Check(op, R"({"resourceArn":")" + std::string(arn) + "\"" +
                           (others.empty() ? "" : "," + others) + "}");
    };
    EXPECT_EQ(with_arn(kStageArn), kOk) << op;
    EXPECT_EQ(with_arn("arn:aws:ivs:us-west-2:123456789012:s/abc"), kOk) << op;
    EXPECT_EQ(with_arn("arn:aws:ivs:us-west-2:123456789012:encoder-configuration/x"), kOk) << op;
    for (std::string_view bad :
         {"arn:aws:ivs:us-west-2:123456789012:s/", "arn:aws:ivs:us-west-2:123456789012:stage/a/b",
          "arn:aws:svs:us-west-2:123456789012:stage/abc"}) {
      EXPECT_EQ(with_arn(bad), "resourceArn: must match " + pattern) << op << " " << bad;
    }
    EXPECT_EQ(with_arn(""), "resourceArn: must be at least 1 character") << op;
    EXPECT_EQ(Check(op, "{" + others + "}"), "resourceArn: is required") << op;
  }
}

TEST(ValidatorTest, DisconnectParticipant) {
  const std::string arn = R"({"stageArn":")" + std::string(kStageArn) + R"(",)";
  EXPECT_EQ(Check("DisconnectParticipant", arn + R"("participantId":"ab_C-1"})"), kOk);
  EXPECT_EQ(Check("DisconnectParticipant", arn + R"("participantId":"a.b"})"),
            "participantId: must match [a-zA-Z0-9-_]*");
  EXPECT_EQ(
      Check("DisconnectParticipant", arn + R"("participantId":")" + std::string(65, 'a') + R"("})"),
      "participantId: must be at most 64 characters");
  EXPECT_EQ(Check("DisconnectParticipant",
                  arn + R"("participantId":"p","reason":")" + std::string(128, 'r') + R"("})"),
            kOk);
  EXPECT_EQ(Check("DisconnectParticipant",
                  arn + R"("participantId":"p","reason":")" + std::string(129, 'r') + R"("})"),
            "reason: must be at most 128 characters");
  EXPECT_EQ(Check("DisconnectParticipant", arn.substr(0, arn.size() - 1) + "}"),
            "participantId: is required");
}

TEST(ValidatorTest, AutoParticipantRecordingConfiguration) {
  auto create = [](const std::string& recording) {
    return Check("CreateStage", R"({"autoParticipantRecordingConfiguration":)" + recording + "}");
  };
  const std::string arn = R"("storageConfigurationArn":")" + std::string(kStorageArn) + "\"";
  EXPECT_EQ(create(R"({"storageConfigurationArn":""})"), kOk);
  EXPECT_EQ(create("{" + arn + "}"), kOk);
  EXPECT_EQ(create("{}"),
            "autoParticipantRecordingConfiguration.storageConfigurationArn: is "
            "required");
  EXPECT_EQ(create(R"({"storageConfigurationArn":")" + std::string(kStageArn) + R"("})"),
            "autoParticipantRecordingConfiguration.storageConfigurationArn: must "
            "match "
            "^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$");
  EXPECT_EQ(create("{" + arn + R"(,"mediaTypes":["AUDIO_VIDEO"]})"), kOk);
  EXPECT_EQ(create("{" + arn + R"(,"mediaTypes":["AUDIO_VIDEO","NONE"]})"),
            "autoParticipantRecordingConfiguration.mediaTypes: must have at "
            "most 1 item");
  EXPECT_EQ(create("{" + arn + R"(,"mediaTypes":["VIDEO_ONLY"]})"),
            "autoParticipantRecordingConfiguration.mediaTypes[0]: must be one "
            "of AUDIO_VIDEO, "
            "AUDIO_ONLY, NONE");
  EXPECT_EQ(create("{" + arn + R"(,"recordingReconnectWindowSeconds":-1})"),
            "autoParticipantRecordingConfiguration."
            "recordingReconnectWindowSeconds: must be "
            "between 0 and 300");
  EXPECT_EQ(create("{" + arn + R"(,"recordingReconnectWindowSeconds":0})"), kOk);
  EXPECT_EQ(create("{" + arn + R"(,"recordingReconnectWindowSeconds":301})"),
            "autoParticipantRecordingConfiguration."
            "recordingReconnectWindowSeconds: must be "
            "between 0 and 300");
  EXPECT_EQ(create("{" + arn + R"(,"hlsConfiguration":{"targetSegmentDurationSeconds":1}})"),
            "autoParticipantRecordingConfiguration.hlsConfiguration."
            "targetSegmentDurationSeconds:"
            " must be between 2 and 10");
  EXPECT_EQ(create("{" + arn + R"(,"hlsConfiguration":{"targetSegmentDurationSeconds":11}})"),
            "autoParticipantRecordingConfiguration.hlsConfiguration."
            "targetSegmentDurationSeconds:"
            " must be between 2 and 10");
  EXPECT_EQ(create("{" + arn +
                   R"(,"thumbnailConfiguration":{"targetIntervalSeconds":86400,)"
                   R"("storage":["SEQUENTIAL","LATEST"],"recordingMode":"DISABLED"}})"),
            kOk);
  EXPECT_EQ(create("{" + arn + R"(,"thumbnailConfiguration":{"targetIntervalSeconds":86401}})"),
            "autoParticipantRecordingConfiguration.thumbnailConfiguration."
            "targetIntervalSeconds:"
            " must be between 1 and 86400");
  EXPECT_EQ(create("{" + arn + R"(,"thumbnailConfiguration":{"recordingMode":"ON"}})"),
            "autoParticipantRecordingConfiguration.thumbnailConfiguration."
            "recordingMode: must be "
            "one of INTERVAL, DISABLED");
  EXPECT_EQ(create("{" + arn + R"(,"recordParticipantReplicas":"yes"})"),
            "autoParticipantRecordingConfiguration.recordParticipantReplicas: "
            "must be a boolean");
  EXPECT_EQ(create("[]"), "autoParticipantRecordingConfiguration: must be an object");
}

TEST(ValidatorTest, WrongJsonTypes) {
  EXPECT_EQ(Check("CreateStage", R"({"name":1})"), "name: must be a string");
  EXPECT_EQ(Check("CreateStage", R"({"name":true})"), "name: must be a string");
  EXPECT_EQ(Check("CreateStage", R"({"name":["a"]})"), "name: must be a string");
  EXPECT_EQ(Check("CreateStage", R"({"name":{"a":1}})"), "name: must be a string");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":{}})"),
            "participantTokenConfigurations: must be an array");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":[1]})"),
            "participantTokenConfigurations[0]: must be an object");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":[null]})"),
            "participantTokenConfigurations[0]: must be an object");
  EXPECT_EQ(Check("ListStages", R"({"maxResults":"10"})"), "maxResults: must be an integer");
  EXPECT_EQ(Check("ListStages", R"({"maxResults":10.5})"), "maxResults: must be an integer");
  for (std::string_view body : {"[]", "1", "\"x\"", "true", "null"}) {
    EXPECT_EQ(Check("ListStages", body), "request body: must be an object") << body;
  }
}

TEST(ValidatorTest, NullMembersAreAbsent) {
  absl::StatusOr<Value> v =
      ValidateRequest(R"({"name":null,"tags":null,"participantTokenConfigurations":null,)"
                      R"("autoParticipantRecordingConfiguration":null})",
                      InputShape("CreateStage"), true);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->entries().empty());
  EXPECT_EQ(
      Check("TagResource", R"({"resourceArn":")" + std::string(kStageArn) + R"(","tags":null})"),
      "tags: is required");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":[{"duration":null}]})"), kOk);
}

TEST(ValidatorTest, UnknownMembersSkippedOrRejected) {
  const std::string body = R"({"name":"a","extra":{"x":[1,2.5,"s",true,null,{}]}})";
  absl::StatusOr<Value> v = ValidateRequest(body, InputShape("CreateStage"), false);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->entries().size(), 1u);
  EXPECT_EQ(v->Find("extra"), nullptr);
  EXPECT_EQ(Check("CreateStage", body, true), "extra: unknown member");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":[{"foo":1}]})", true),
            "participantTokenConfigurations[0].foo: unknown member");
  EXPECT_EQ(Check("CreateStage", R"({"participantTokenConfigurations":[{"foo":1}]})", false), kOk);
  // Member names are case-sensitive.
  EXPECT_EQ(Check("CreateStage", R"({"Name":"a"})", true), "Name: unknown member");
  EXPECT_EQ(Check("CreateStage", R"({"Name":"a b"})", false), kOk);
  // Map entries are never "unknown": any key the key shape allows is fine in
  // strict mode.
  EXPECT_EQ(Check("CreateStage", R"({"tags":{"anything":"v"}})", true), kOk);
  // URI and query members are read from the JSON the router built.
  EXPECT_EQ(Check("UntagResource",
                  R"({"resourceArn":")" + std::string(kStageArn) + R"(","tagKeys":["a"]})", true),
            kOk);
}

TEST(ValidatorTest, UnknownMembersMustStillBeWellFormed) {
  for (std::string_view body :
       {R"({"x":[1,,2]})", R"({"x":[1,2,]})", R"({"x":{"a":}})", R"({"x":{"a" 1}})",
        R"({"x":{a:1}})", R"({"x":tru})", R"({"x":nul})", R"({"x":falsey})", R"({"x":01})",
        R"({"x":1.})", R"({"x":-})", R"({"x":"\x"})", R"({"x":"\ud800"})", R"({"x":"\udc00"})",
        R"({"x":[}})", R"({"x":{"a":1,}})", R"({"x":[1 2]})", R"({"x":{"a":[1]]}})"}) {
    EXPECT_EQ(Check("CreateStage", body), "request body: malformed JSON") << body;
  }
  // Valid JSON numbers beyond 64 bits are still numbers.
  EXPECT_EQ(Check("CreateStage", R"({"x":123456789012345678901234567890})"), kOk);
  EXPECT_EQ(Check("CreateStage", R"({"x":1e400})"), kOk);
  EXPECT_EQ(Check("CreateStage", R"({"x":"\ud83d\ude00"})"), kOk);
}

TEST(ValidatorTest, MalformedAndTruncatedJson) {
  const std::string good = R"({"name":"abc","tags":{"k":"v"},"participantTokenConfigurations":)"
                           R"([{"duration":5,"capabilities":["PUBLISH"]}]})";
  ASSERT_EQ(Check("CreateStage", good), kOk);
  // Every proper prefix is malformed, whatever token it cuts.
  for (size_t n = 1; n < good.size(); ++n) {
    if (good.find_first_not_of(' ', n) == std::string::npos) continue;
    EXPECT_EQ(Check("CreateStage", good.substr(0, n)), "request body: malformed JSON")
        << good.substr(0, n);
  }
  for (std::string_view body : {"{",
                                "}",
                                "{]",
                                "{}}",
                                "{}{}",
                                "{} x",
                                "{}]",
                                "{\"name\":\"a\"",
                                "{\"name\"}",
                                "{\"name\":}",
                                "{\"name\" \"a\"}",
                                "{\"name\":\"a\",}",
                                "{,}",
                                "{'name':'a'}",
                                "{\"name\":\"a\"\"tags\":{}}",
                                "\xef\xbb\xbf{}",
                                "{\"name\":\"a\tb\"}",
                                "{\"name\":\"a\nb\"}",
                                "{\"name\":\"\\u12\"}",
                                "{\"maxResults\":1}x"}) {
    EXPECT_EQ(Check("ListStages", body), "request body: malformed JSON") << body;
  }
}

TEST(ValidatorTest, InvalidUtf8) {
  for (std::string_view body :
       {"{\"name\":\"\xff\"}", "{\"name\":\"\xc3\"}", "{\"name\":\"\xed\xa0\x80\"}",
        "{\"x\":\"\xc0\xaf\"}", "{\"\xfe\":1}", "\x80{}", "{\"name\":\"\xf4\x90\x80\x80\"}"}) {
    EXPECT_EQ(Check("CreateStage", body), "request body: must be valid UTF-8") << body;
  }
}

TEST(ValidatorTest, DeepNestingIsAnErrorNotACrash) {
  const std::string open_arrays(100000, '[');
  EXPECT_EQ(Check("CreateStage", open_arrays), "request body: must be an object");
  EXPECT_EQ(Check("CreateStage", R"({"x":)" + open_arrays), "request body: malformed JSON");
  EXPECT_EQ(Check("CreateStage", R"({"x":)" + open_arrays + std::string(100000, ']') + "}"),
            "request body: must not nest deeper than 64 levels");

  const std::string open_objects = Repeat(R"({"a":)", 100000);
  EXPECT_EQ(Check("CreateStage", open_objects), "request body: malformed JSON");
  const std::string closed_objects = open_objects + "1" + std::string(100000, '}');
  EXPECT_EQ(Check("CreateStage", closed_objects),
            "request body: must not nest deeper than 64 levels");
  EXPECT_EQ(Check("CreateStage", closed_objects, true), "a: unknown member");

  // The root object is level 1: 63 more levels pass, 64 do not.
  EXPECT_EQ(Check("CreateStage", R"({"x":)" + std::string(63, '[') + std::string(63, ']') + "}"),
            kOk);
  EXPECT_EQ(Check("CreateStage", R"({"x":)" + std::string(64, '[') + std::string(64, ']') + "}"),
            "request body: must not nest deeper than 64 levels");
}

TEST(ValidatorTest, FirstViolationInDocumentOrderWins) {
  EXPECT_EQ(Check("CreateStage", R"({"name":"a b","tags":{"":"v"}})"),
            "name: must match [a-zA-Z0-9-_]*");
  EXPECT_EQ(Check("CreateStage", R"({"tags":{"":"v"},"name":"a b"})"),
            "tags (key \"\"): must be at least 1 character");
  // Required members are checked once their structure is read.
  EXPECT_EQ(Check("UpdateStage", R"({"name":"a b"})"), "name: must match [a-zA-Z0-9-_]*");
}

TEST(ValidatorTest, MapKeysInMessagesAreShortened) {
  const std::string long_key = std::string(300, 'k');
  EXPECT_EQ(Check("CreateStage", R"({"tags":{")" + long_key + R"(":1}})"),
            "tags (key \"" + std::string(64, 'k') + "...\"): must be at most 128 characters");
  EXPECT_EQ(Check("CreateStage", R"({")" + long_key + R"(":1})", true),
            std::string(64, 'k') + "...: unknown member");
}

TEST(ValidatorTest, NotAStructureShapeIsAnInternalError) {
  absl::StatusOr<Value> v = ValidateRequest("{}", model::FindShape("StageName"), false);
  EXPECT_EQ(ErrorTypeOf(v.status()).name, "InternalServerException");
  v = ValidateRequest("{}", model::kNoShape, false);
  EXPECT_EQ(ErrorTypeOf(v.status()).name, "InternalServerException");
}

TEST(ValidatorTest, SafeToCallFromManyThreads) {
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        failures[t] += Check("CreateStage", R"({"name":"s)" + std::to_string(i) + R"("})") != kOk;
        failures[t] += Check("CreateStage", R"({"name":"a b"})") == kOk;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace ivsrt
