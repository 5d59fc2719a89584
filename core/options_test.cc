#include "core/options.h"

#include <string>

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

std::string ErrorOf(std::string_view json) {
  absl::StatusOr<EngineOptions> options = ParseEngineOptions(json);
  EXPECT_FALSE(options.ok()) << json;
  EXPECT_TRUE(absl::IsInvalidArgument(options.status())) << json;
  return std::string(options.status().message());
}

TEST(ParseEngineOptions, NumbersBeyond64BitsAreJudgedByTheirOption) {
  EXPECT_EQ(ErrorOf(R"({"seed": 18446744073709551616})"),
            "option seed: must be an integer from 0 to 18446744073709551615");
  EXPECT_EQ(ErrorOf(R"({"seed": 1e400})"),
            "option seed: must be an integer from 0 to 18446744073709551615");
  EXPECT_EQ(ErrorOf(R"({"seed": -1})"),
            "option seed: must be an integer from 0 to 18446744073709551615");
  EXPECT_EQ(ErrorOf(R"({"quotas": {"stages": 99999999999999999999999}})"),
            "option quotas.stages: must be a non-negative integer");
  EXPECT_EQ(ErrorOf(R"({"region": 18446744073709551616})"),
            "option region: must match [a-z0-9-]+, such as \"us-west-2\"");
  absl::StatusOr<EngineOptions> max = ParseEngineOptions(R"({"seed": 18446744073709551615})");
  ASSERT_TRUE(max.ok()) << max.status();
  EXPECT_EQ(max->seed, uint64_t{18446744073709551615u});
}

TEST(ParseEngineOptions, OneJsonObjectOnly) {
  for (std::string_view bad : {"[]", "{", "{}{}", R"({"seed": 1} x)", "\"seed\"", "{\"a\" 1}"}) {
    EXPECT_EQ(ErrorOf(bad), "options: must be a JSON object") << bad;
  }
  absl::StatusOr<EngineOptions> nulls =
      ParseEngineOptions(R"({"seed": null, "clock": null, "quotas": {"stages": 5}})");
  ASSERT_TRUE(nulls.ok()) << nulls.status();
  EXPECT_FALSE(nulls->seed.has_value());
  EXPECT_EQ(nulls->quotas.limit(resources::ResourceType::kStage), 5);
}

TEST(ParseEngineOptions, EveryResourceQuotaDefaultsToAwsAndIsConfigurable) {
  absl::StatusOr<EngineOptions> defaults = ParseEngineOptions("{}");
  ASSERT_TRUE(defaults.ok());
  using resources::ResourceType;
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kStage), 1000);
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kComposition), 20);
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kEncoderConfiguration), 20);
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kStorageConfiguration), 5);
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kPublicKey), 3);
  EXPECT_EQ(defaults->quotas.limit(ResourceType::kIngestConfiguration), 100);
  absl::StatusOr<EngineOptions> set = ParseEngineOptions(
      R"({"quotas": {"storageConfigurations": 1, "encoderConfigurations": 0, "publicKeys": 7}})");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->quotas.limit(ResourceType::kStorageConfiguration), 1);
  EXPECT_EQ(set->quotas.limit(ResourceType::kEncoderConfiguration), 0);
  EXPECT_EQ(set->quotas.limit(ResourceType::kPublicKey), 7);
  EXPECT_EQ(set->quotas.limit(ResourceType::kStage), 1000);
  EXPECT_EQ(ErrorOf(R"({"quotas": {"stage": 1}})"),
            "option quotas.stage: unknown quota; the quotas are stages, compositions, "
            "encoderConfigurations, storageConfigurations, publicKeys, ingestConfigurations, "
            "stageSubscribers");
}

TEST(ParseEngineOptions, StageSubscribersAndTheSessionEndDelay) {
  absl::StatusOr<EngineOptions> defaults = ParseEngineOptions("{}");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->quotas.stage_subscribers(), 10000u);
  EXPECT_EQ(defaults->session_end_delay_seconds, 180);
  absl::StatusOr<EngineOptions> set =
      ParseEngineOptions(R"({"quotas": {"stageSubscribers": 2}, "session_end_delay_seconds": 0})");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->quotas.stage_subscribers(), 2u);
  EXPECT_EQ(set->session_end_delay_seconds, 0);
  EXPECT_EQ(ErrorOf(R"({"quotas": {"stageSubscribers": -1}})"),
            "option quotas.stageSubscribers: must be a non-negative integer");
  EXPECT_EQ(ErrorOf(R"({"session_end_delay_seconds": 86401})"),
            "option session_end_delay_seconds: must be an integer from 0 to 86400");
}

}  // namespace
}  // namespace ivsrt
