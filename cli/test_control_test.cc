#include "cli/test_control.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli/help.h"

namespace ivsrt::cli {
namespace {

TEST(TestControlTest, EachCommandCallsItsIvsrtOperation) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"verify-participant-token", "ivsrt:VerifyParticipantToken"},
      {"join-stage", "ivsrt:JoinStage"},
      {"publish", "ivsrt:Publish"},
      {"unpublish", "ivsrt:Unpublish"},
      {"subscribe", "ivsrt:Subscribe"},
      {"unsubscribe", "ivsrt:Unsubscribe"},
      {"leave-stage", "ivsrt:LeaveStage"},
      {"exchange-token", "ivsrt:ExchangeToken"},
      {"receive-events", "ivsrt:ReceiveEvents"},
      {"inject-fault", "ivsrt:InjectFault"},
  };
  std::vector<Command> commands = TestControlCommands();
  ASSERT_EQ(commands.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(commands[i].name, expected[i].first);
    EXPECT_EQ(commands[i].operation, expected[i].second);
    EXPECT_TRUE(commands[i].test_control);
    EXPECT_FALSE(commands[i].doc.empty()) << commands[i].name;
    for (const Option& o : commands[i].options) {
      EXPECT_EQ(o.shape, model::kNoShape);
      EXPECT_FALSE(o.doc.empty()) << commands[i].name << " " << o.flag;
    }
    EXPECT_EQ(FindCommand(expected[i].first)->operation, expected[i].second);
  }
}

TEST(TestControlTest, OptionsAreTheOperationsMembers) {
  const Command* join = FindCommand("join-stage");
  ASSERT_NE(join, nullptr);
  EXPECT_TRUE(FindOption(*join, "--token")->required);
  EXPECT_FALSE(FindOption(*join, "--protocol")->required);
  EXPECT_EQ(FindOption(*join, "--client")->type, model::Type::kStructure);
  const Command* subscribe = FindCommand("subscribe");
  ASSERT_NE(subscribe, nullptr);
  EXPECT_EQ(FindOption(*subscribe, "--publisher-participant-id")->member, "publisherParticipantId");
  EXPECT_TRUE(FindOption(*subscribe, "--stage-arn")->required);
  EXPECT_TRUE(FindOption(*subscribe, "--participant-id")->required);
  EXPECT_EQ(FindOption(*FindCommand("receive-events"), "--max-events")->type,
            model::Type::kInteger);
  const Command* fault = FindCommand("inject-fault");
  ASSERT_NE(fault, nullptr);
  EXPECT_TRUE(FindOption(*fault, "--target")->required);
  EXPECT_TRUE(FindOption(*fault, "--fault")->required);
  EXPECT_EQ(FindOption(*fault, "--destination-id")->member, "destinationId");
  EXPECT_FALSE(FindOption(*fault, "--participant-id")->required);
}

TEST(TestControlTest, HelpGivesTheDocs) {
  const Command& join = *FindCommand("join-stage");
  std::string help = CommandHelp(join);
  EXPECT_NE(help.find("Calls the ivsrt:JoinStage operation.\n       Joins the token's stage"),
            std::string::npos);
  EXPECT_NE(help.find("--client (structure)\n          What get-participant reports"),
            std::string::npos);
  EXPECT_NE(help.find("[--protocol <value>]"), std::string::npos);
}

}  // namespace
}  // namespace ivsrt::cli
