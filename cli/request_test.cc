#include "cli/request.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/text.h"

namespace ivsrt::cli {
namespace {

std::string Request(const std::vector<std::string>& argv) {
  absl::StatusOr<Invocation> inv = ParseArgs(argv);
  if (!inv.ok()) return "usage: " + std::string(Msg(inv.status().message()));
  absl::StatusOr<Json> request = BuildRequest(*inv->command, inv->args);
  if (!request.ok()) {
    return "usage: " + std::string(Msg(request.status().message()));
  }
  return request->Compact();
}

TEST(RequestTest, ScalarMapAndListOptions) {
  EXPECT_EQ(Request({"create-participant-token", "--stage-arn", "arn:s", "--duration", "60",
                     "--attributes", "a=1,b=2", "--capabilities", "PUBLISH", "SUBSCRIBE"}),
            R"({"stageArn":"arn:s","duration":60,"attributes":{"a":"1","b":"2"},)"
            R"("capabilities":["PUBLISH","SUBSCRIBE"]})");
}

TEST(RequestTest, JsonAndShorthandFormsAgree) {
  std::string json =
      Request({"create-stage", "--participant-token-configurations",
               R"([{"userId":"a","duration":5},{"userId":"b"}])", "--tags", R"({"k":"v"})"});
  std::string shorthand = Request({"create-stage", "--participant-token-configurations",
                                   "userId=a,duration=5", "userId=b", "--tags", "k=v"});
  EXPECT_EQ(json, shorthand);
  EXPECT_EQ(json, R"({"participantTokenConfigurations":[{"userId":"a","duration":5},)"
                  R"({"userId":"b"}],"tags":{"k":"v"}})");
  EXPECT_EQ(Request({"untag-resource", "--resource-arn", "arn:x", "--tag-keys", R"(["a","b"])"}),
            Request({"untag-resource", "--resource-arn=arn:x", "--tag-keys", "a", "b"}));
}

TEST(RequestTest, StructureOptionAcceptsShorthand) {
  const std::string config =
      "storageConfigurationArn=s,mediaTypes=AUDIO_ONLY,"
      "recordingReconnectWindowSeconds=30";
  EXPECT_EQ(
      Request({"update-stage", "--arn", "a", "--auto-participant-recording-configuration", config}),
      R"({"arn":"a","autoParticipantRecordingConfiguration":{"storageConfigurationArn":"s",)"
      R"("mediaTypes":["AUDIO_ONLY"],"recordingReconnectWindowSeconds":30}})");
}

TEST(RequestTest, CliInputJsonIsOverriddenByOptions) {
  EXPECT_EQ(Request({"create-stage", "--cli-input-json", R"({"name":"a","tags":{"x":"y"}})",
                     "--name", "b"}),
            R"({"name":"b","tags":{"x":"y"}})");
  std::string path = ::testing::TempDir() + "/input.json";
  std::ofstream(path) << R"({"arn": "arn:from-file"})";
  EXPECT_EQ(Request({"get-stage", "--cli-input-json", "file://" + path}),
            R"({"arn":"arn:from-file"})");
  EXPECT_EQ(Request({"get-stage", "--arn", "file://" + path}),
            R"({"arn":"{\"arn\": \"arn:from-file\"}"})");
  std::remove(path.c_str());
}

TEST(RequestTest, UsageErrors) {
  EXPECT_EQ(Request({"get-stage"}), "usage: the following arguments are required: --arn");
  EXPECT_EQ(Request({"get-stage", "--arn", "a", "--bogus", "x"}),
            "usage: Unknown options: --bogus, x");
  EXPECT_EQ(Request({"get-stage", "--arn"}), "usage: argument --arn: expected one argument");
  EXPECT_EQ(Request({"untag-resource", "--resource-arn", "a", "--tag-keys"}),
            "usage: argument --tag-keys: expected at least one argument");
  EXPECT_EQ(Request({"frobnicate"}).rfind("usage: argument command: Invalid choice", 0), 0u);
  EXPECT_EQ(Request({"create-stage", "--tags", "{\"a\":"})
                .rfind("usage: Error parsing parameter '--tags': Invalid JSON: ", 0),
            0u);
  EXPECT_EQ(Request({"create-stage", "--tags", "novalue"})
                .rfind("usage: Error parsing parameter '--tags': Expected: '='", 0),
            0u);
  EXPECT_EQ(Request({"create-participant-token", "--stage-arn", "a", "--duration", "x"}),
            "usage: Error parsing parameter '--duration': invalid literal for "
            "int() with base "
            "10: 'x'");
  EXPECT_EQ(Request({"get-stage", "--cli-input-json", "[1]"}),
            "usage: Error parsing parameter '--cli-input-json': Invalid JSON: "
            "expected a JSON "
            "object");
  EXPECT_EQ(Request({}), "usage: the following arguments are required: command");
}

TEST(RequestTest, TestControlOptionsHaveTheOperationsShapes) {
  EXPECT_EQ(Request({"join-stage", "--token", "t", "--protocol", "RTMPS", "--client",
                     "browserName=Firefox,osVersion=12 beta"}),
            R"({"token":"t","protocol":"RTMPS",)"
            R"("client":{"browserName":"Firefox","osVersion":"12 beta"}})");
  EXPECT_EQ(Request({"join-stage", "--token", "t", "--client", R"({"browserName": "Firefox"})"}),
            Request({"join-stage", "--token", "t", "--client", "browserName=Firefox"}));
  EXPECT_EQ(Request({"subscribe", "--stage-arn", "a", "--participant-id", "p",
                     "--publisher-participant-id", "q"}),
            R"({"stageArn":"a","participantId":"p","publisherParticipantId":"q"})");
  EXPECT_EQ(Request({"receive-events", "--cursor", "c", "--max-events", "5"}),
            R"({"cursor":"c","maxEvents":5})");
  EXPECT_EQ(Request({"receive-events"}), "{}");
}

TEST(RequestTest, TestControlUsageErrors) {
  EXPECT_EQ(Request({"publish", "--stage-arn", "a"}),
            "usage: the following arguments are required: --participant-id");
  EXPECT_EQ(Request({"receive-events", "--max-events", "many"}),
            "usage: Error parsing parameter '--max-events': invalid literal for int() with base "
            "10: 'many'");
  EXPECT_EQ(Request({"join-stage", "--token", "t", "--client", "browserName"})
                .rfind("usage: Error parsing parameter '--client': Expected: '='", 0),
            0u);
}

}  // namespace
}  // namespace ivsrt::cli
