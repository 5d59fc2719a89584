#include "cli/commands.h"

#include <gtest/gtest.h>

#include <string>

namespace ivsrt::cli {
namespace {

TEST(CommandsTest, DashedNamesFollowBotocore) {
  EXPECT_EQ(DashedName("CreateStage"), "create-stage");
  EXPECT_EQ(DashedName("ListTagsForResource"), "list-tags-for-resource");
  EXPECT_EQ(DashedName("participantTokenConfigurations"), "participant-token-configurations");
  EXPECT_EQ(DashedName("filterByStageArn"), "filter-by-stage-arn");
  EXPECT_EQ(DashedName("s3"), "s3");
  EXPECT_EQ(DashedName("encoderConfigurationArns"), "encoder-configuration-arns");
}

TEST(CommandsTest, EveryOperationOfTheIssueIsACommand) {
  for (const char* name :
       {"create-stage", "get-stage", "list-stages", "update-stage", "delete-stage",
        "create-participant-token", "disconnect-participant", "tag-resource", "untag-resource",
        "list-tags-for-resource", "verify-participant-token"}) {
    EXPECT_NE(FindCommand(name), nullptr) << name;
  }
  EXPECT_EQ(FindCommand("CreateStage"), nullptr);
}

TEST(CommandsTest, TheMediaPlaneIsCommands) {
  for (const char* name :
       {"get-participant", "list-participants", "list-participant-events", "get-stage-session",
        "list-stage-sessions", "join-stage", "publish", "unpublish", "subscribe", "unsubscribe",
        "leave-stage", "exchange-token", "receive-events"}) {
    EXPECT_NE(FindCommand(name), nullptr) << name;
  }
}

TEST(CommandsTest, OptionsComeFromTheModel) {
  const Command* create = FindCommand("create-stage");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->operation, "CreateStage");
  const Option* configs = FindOption(*create, "--participant-token-configurations");
  ASSERT_NE(configs, nullptr);
  EXPECT_EQ(configs->member, "participantTokenConfigurations");
  EXPECT_EQ(configs->type, model::Type::kList);
  EXPECT_FALSE(configs->required);

  const Command* untag = FindCommand("untag-resource");
  ASSERT_NE(untag, nullptr);
  const Option* keys = FindOption(*untag, "--tag-keys");
  ASSERT_NE(keys, nullptr);
  EXPECT_TRUE(keys->required);
  EXPECT_EQ(FindOption(*untag, "--resource-arn")->type, model::Type::kString);

  const Command* token = FindCommand("create-participant-token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(FindOption(*token, "--duration")->type, model::Type::kInteger);
  EXPECT_EQ(FindOption(*token, "--attributes")->type, model::Type::kMap);
}

TEST(CommandsTest, TestControlCommandsCallIvsrtOperations) {
  const Command* verify = FindCommand("verify-participant-token");
  ASSERT_NE(verify, nullptr);
  EXPECT_TRUE(verify->test_control);
  EXPECT_EQ(verify->operation, "ivsrt:VerifyParticipantToken");
  ASSERT_NE(FindOption(*verify, "--token"), nullptr);
  EXPECT_TRUE(FindOption(*verify, "--token")->required);
}

TEST(CommandsTest, SortedByName) {
  const auto& all = Commands();
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].name, all[i].name);
  }
}

}  // namespace
}  // namespace ivsrt::cli
