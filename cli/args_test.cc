#include "cli/args.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/text.h"

namespace ivsrt::cli {
namespace {

std::string Problem(const std::vector<std::string>& argv) {
  absl::StatusOr<Invocation> inv = ParseArgs(argv);
  if (inv.ok()) return "ok";
  return std::string(Msg(inv.status().message()));
}

const std::vector<std::string>* Values(const Invocation& inv, std::string_view flag) {
  for (const auto& [option, values] : inv.args.values) {
    if (option->flag == flag) return &values;
  }
  return nullptr;
}

TEST(ArgsTest, GlobalOptionsAnywhere) {
  absl::StatusOr<Invocation> inv =
      ParseArgs({"--region", "eu-west-1", "ivs-realtime", "list-stages", "--data-dir=/tmp/x",
                 "--account-id", "111122223333", "--output", "json", "--no-cli-pager"});
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(*inv->globals.region, "eu-west-1");
  EXPECT_EQ(*inv->globals.data_dir, "/tmp/x");
  EXPECT_EQ(*inv->globals.account_id, "111122223333");
  EXPECT_EQ(inv->command->name, "list-stages");
  EXPECT_TRUE(inv->args.values.empty());
}

TEST(ArgsTest, ListOptionsTakeValuesUntilTheNextFlag) {
  absl::StatusOr<Invocation> inv =
      ParseArgs({"untag-resource", "--tag-keys", "a", "b", "--resource-arn", "r"});
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(*Values(*inv, "--tag-keys"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*Values(*inv, "--resource-arn"), (std::vector<std::string>{"r"}));
}

TEST(ArgsTest, ALaterOccurrenceReplacesAnEarlierOne) {
  absl::StatusOr<Invocation> inv = ParseArgs({"create-stage", "--name", "a", "--name=b"});
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(*Values(*inv, "--name"), (std::vector<std::string>{"b"}));
}

TEST(ArgsTest, BooleanOptionsAndTheirNegation) {
  absl::StatusOr<Invocation> on =
      ParseArgs({"delete-ingest-configuration", "--arn", "a", "--force"});
  ASSERT_TRUE(on.ok()) << on.status();
  EXPECT_EQ(*Values(*on, "--force"), (std::vector<std::string>{"true"}));
  absl::StatusOr<Invocation> off =
      ParseArgs({"delete-ingest-configuration", "--no-force", "--arn", "a"});
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_EQ(*Values(*off, "--force"), (std::vector<std::string>{"false"}));
  EXPECT_EQ(Problem({"get-stage", "--no-arn"}), "Unknown options: --no-arn");
}

TEST(ArgsTest, HelpAndSkeletonRequests) {
  absl::StatusOr<Invocation> top = ParseArgs({"help"});
  ASSERT_TRUE(top.ok());
  EXPECT_TRUE(top->args.help);
  EXPECT_EQ(top->command, nullptr);
  absl::StatusOr<Invocation> cmd = ParseArgs({"create-stage", "help"});
  ASSERT_TRUE(cmd.ok());
  EXPECT_TRUE(cmd->args.help);
  absl::StatusOr<Invocation> skel = ParseArgs({"create-stage", "--generate-cli-skeleton"});
  ASSERT_TRUE(skel.ok());
  EXPECT_EQ(*skel->args.skeleton, "input");
  absl::StatusOr<Invocation> out = ParseArgs({"get-stage", "--generate-cli-skeleton", "output"});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out->args.skeleton, "output");
  absl::StatusOr<Invocation> version = ParseArgs({"--version"});
  ASSERT_TRUE(version.ok());
  EXPECT_TRUE(version->globals.version);
}

TEST(ArgsTest, ServeTakesItsOptionsAndTheGlobalOnes) {
  absl::StatusOr<Invocation> inv =
      ParseArgs({"--region", "eu-west-1", "serve", "--port", "0", "--data-dir=/tmp/x", "--host=::1",
                 "--engine-options", "{\"seed\":1}"});
  ASSERT_TRUE(inv.ok()) << inv.status();
  ASSERT_TRUE(inv->serve.has_value());
  EXPECT_EQ(inv->command, nullptr);
  EXPECT_EQ(inv->serve->host, "::1");
  EXPECT_EQ(inv->serve->port, "0");
  EXPECT_EQ(*inv->serve->engine_options, "{\"seed\":1}");
  EXPECT_EQ(*inv->globals.region, "eu-west-1");
  EXPECT_EQ(*inv->globals.data_dir, "/tmp/x");

  absl::StatusOr<Invocation> defaults = ParseArgs({"serve"});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->serve->host, "127.0.0.1");
  EXPECT_EQ(defaults->serve->port, "4567");
  EXPECT_FALSE(defaults->args.help);
  EXPECT_TRUE(ParseArgs({"serve", "help"})->args.help);
  EXPECT_EQ(Problem({"serve", "--name", "x"}), "Unknown options: --name, x");
  EXPECT_EQ(Problem({"serve", "--port"}), "argument --port: expected one argument");
}

TEST(ArgsTest, UsageProblems) {
  EXPECT_EQ(Problem({}), "the following arguments are required: command");
  EXPECT_EQ(Problem({"--region"}), "argument --region: expected one argument");
  EXPECT_EQ(Problem({"list-stages", "--output", "text"}),
            "argument --output: only 'json' is supported, not 'text'");
  EXPECT_EQ(Problem({"list-stages", "--max-results"}),
            "argument --max-results: expected one argument");
  EXPECT_EQ(Problem({"list-stages", "stray", "--bogus=1"}), "Unknown options: stray, --bogus=1");
  EXPECT_EQ(Problem({"get-stage", "--generate-cli-skeleton=yaml"}),
            "argument --generate-cli-skeleton: Invalid choice 'yaml', valid "
            "choices are: input | output");
  EXPECT_EQ(Problem({"CreateStage"}).rfind("argument command: Invalid choice", 0), 0u);
}

}  // namespace
}  // namespace ivsrt::cli
