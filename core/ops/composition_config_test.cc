#include "core/ops/composition_config.h"

#include "core/model/model.h"
#include "core/validate/validator.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

// A StartComposition request as the dispatcher hands it over (validated against the model).
Value Request(std::string_view json) {
  auto value = ValidateRequest(json, model::FindShape("StartCompositionRequest"), false);
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *std::move(value) : Value::Object();
}

constexpr std::string_view kS3 =
    R"({"s3": {"storageConfigurationArn": "arn:aws:ivs:us-east-1:1:storage-configuration/s",)"
    R"( "encoderConfigurationArns": ["arn:aws:ivs:us-east-1:1:encoder-configuration/e"]}})";
constexpr std::string_view kChannel =
    R"({"channel": {"channelArn": "arn:aws:ivs:us-east-1:1:channel/c"}})";

std::string Destinations(std::string_view items) {
  return std::string(R"({"stageArn": "arn:aws:ivs:us-east-1:1:stage/x", "destinations": [)") +
         std::string(items) + "]}";
}

// The AWS CLI's start-composition example 1 (plus participantOrderAttribute, which the model
// added after it).
TEST(CanonicalLayout, DefaultsToTheDocumentedGrid) {
  EXPECT_EQ(CanonicalLayout(nullptr),
            R"({"grid":{"featuredParticipantAttribute":"","gridGap":2,"omitStoppedVideo":false,)"
            R"("participantOrderAttribute":"","videoAspectRatio":"VIDEO","videoFillMode":""}})");
}

// Example 2: pip with featuredParticipantAttribute given; no pipWidth/pipHeight unless given.
TEST(CanonicalLayout, FillsThePipDefaults) {
  Value request = Request(Destinations(kChannel).insert(
      1, R"("layout": {"pip": {)"
         R"("featuredParticipantAttribute": "abcdefg", "pipHeight": 90}}, )"));
  EXPECT_EQ(CanonicalLayout(request.Find("layout")),
            R"({"pip":{"featuredParticipantAttribute":"abcdefg","gridGap":0,)"
            R"("omitStoppedVideo":false,"participantOrderAttribute":"","pipBehavior":"STATIC",)"
            R"("pipHeight":90,"pipOffset":0,"pipParticipantAttribute":"",)"
            R"("pipPosition":"BOTTOM_RIGHT","videoFillMode":"COVER"}})");
}

TEST(ReadDestinations, FillsTheS3AndChannelDefaults) {
  Value request = Request(Destinations(std::string(kChannel) + ", " + std::string(kS3)));
  auto destinations = ReadDestinations(*request.Find("destinations"));
  ASSERT_TRUE(destinations.ok()) << destinations.status();
  ASSERT_EQ(destinations->size(), 2u);
  EXPECT_FALSE((*destinations)[0].is_s3);
  EXPECT_EQ((*destinations)[0].configuration_json,
            R"({"channel":{"channelArn":"arn:aws:ivs:us-east-1:1:channel/c"},"name":""})");
  EXPECT_TRUE((*destinations)[0].encoder_arns.empty());
  EXPECT_TRUE((*destinations)[1].is_s3);
  EXPECT_EQ((*destinations)[1].configuration_json,
            R"({"name":"","s3":{"encoderConfigurationArns":)"
            R"(["arn:aws:ivs:us-east-1:1:encoder-configuration/e"],)"
            R"("recordingConfiguration":{"format":"HLS","hlsConfiguration":)"
            R"({"targetSegmentDurationSeconds":2}},)"
            R"("storageConfigurationArn":"arn:aws:ivs:us-east-1:1:storage-configuration/s"}})");
  EXPECT_EQ((*destinations)[1].storage_arn, "arn:aws:ivs:us-east-1:1:storage-configuration/s");
  EXPECT_EQ((*destinations)[1].encoder_arns,
            std::vector<std::string>{"arn:aws:ivs:us-east-1:1:encoder-configuration/e"});
}

TEST(ReadDestinations, RefusesWhatTheApiReferenceRules) {
  for (std::string_view items : {std::string_view("{}"), std::string_view(R"({"name": "only"})")}) {
    Value request = Request(Destinations(items));
    EXPECT_TRUE(absl::IsInvalidArgument(ReadDestinations(*request.Find("destinations")).status()))
        << items;
  }
  for (const std::string& items : {std::string(kChannel) + ", " + std::string(kChannel),
                                   std::string(kS3) + ", " + std::string(kS3)}) {
    Value request = Request(Destinations(items));
    EXPECT_TRUE(absl::IsInvalidArgument(ReadDestinations(*request.Find("destinations")).status()))
        << items;
  }
  std::string both = std::string(kChannel);
  both.insert(both.size() - 1, std::string(", ") + std::string(kS3).substr(1, kS3.size() - 2));
  Value request = Request(Destinations(both));
  EXPECT_TRUE(absl::IsInvalidArgument(ReadDestinations(*request.Find("destinations")).status()))
      << both;
}

}  // namespace
}  // namespace ivsrt
