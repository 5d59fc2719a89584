#include "core/ops/registry.h"

#include <string>

#include "gtest/gtest.h"

namespace ivsrt::registry {
namespace {

absl::StatusOr<std::string> Answer(const OpContext&, const Value&) { return std::string("{}"); }
absl::StatusOr<std::string> OtherAnswer(const OpContext&, const Value&) {
  return std::string("[]");
}

// Every IVSRT_REGISTER_OPERATIONS of the build was accepted. A misspelled operation or one
// registered by two families fails here, naming it.
TEST(RegistryTest, EveryRegistrationOfTheBuildIsAccepted) { EXPECT_TRUE(Check().ok()) << Check(); }

TEST(RegistryTest, HoldsEveryOperationOfTheModelInItsOrder) {
  ASSERT_EQ(Operations().size(), model::Operations().size());
  for (size_t i = 0; i < Operations().size(); ++i) {
    const Entry& entry = Operations()[i];
    EXPECT_EQ(entry.model, &model::Operations()[i]);
    EXPECT_EQ(FindOperation(entry.model->name), &entry);
    EXPECT_EQ(entry.handler == nullptr, entry.family.empty()) << entry.model->name;
  }
  EXPECT_EQ(FindOperation("NoSuchOperation"), nullptr);
  EXPECT_EQ(FindOperation("ivsrt:Reset"), nullptr);
  EXPECT_EQ(FindOperation("createstage"), nullptr);
}

TEST(RegistryTest, ImplementedOperationsAreThoseWithAHandler) {
  std::vector<std::string_view> expected;
  for (const Entry& entry : Operations()) {
    if (entry.handler != nullptr) expected.push_back(entry.model->name);
  }
  EXPECT_EQ(ImplementedOperations(), expected);
  EXPECT_FALSE(expected.empty());
}

// The build registers a handler for every operation of the model (all 39): none is left to
// answer "not implemented".
TEST(RegistryTest, EveryOperationOfTheModelHasAHandler) {
  EXPECT_EQ(Operations().size(), 39u);
  for (const Entry& entry : Operations()) {
    EXPECT_NE(entry.handler, nullptr) << entry.model->name << " has no handler";
    EXPECT_FALSE(entry.family.empty()) << entry.model->name;
  }
  EXPECT_EQ(ImplementedOperations().size(), Operations().size());
}

TEST(RegistryTest, ARegistrationFillsItsEntry) {
  Registry registry;
  for (const Entry& entry : registry.operations()) EXPECT_EQ(entry.handler, nullptr);
  registry.Register("Stages", {{"GetStage", &Answer}, {"ListStages", &OtherAnswer}});
  EXPECT_TRUE(registry.Check().ok());
  EXPECT_EQ(registry.Find("GetStage")->handler, &Answer);
  EXPECT_EQ(registry.Find("GetStage")->family, "Stages");
  EXPECT_EQ(registry.Find("ListStages")->handler, &OtherAnswer);
  EXPECT_EQ(registry.Find("CreateStage")->handler, nullptr);
}

TEST(RegistryTest, AnUnknownNameIsRefusedAndReported) {
  Registry registry;
  registry.Register("Stages", {{"GetStage", &Answer}, {"GetStages", &Answer}});
  absl::Status status = registry.Check();
  EXPECT_TRUE(absl::IsInternal(status));
  EXPECT_EQ(status.message(),
            "operation registry: Stages registers GetStages, which is not an operation of the "
            "model");
  EXPECT_EQ(registry.Find("GetStage")->handler, &Answer);
  EXPECT_EQ(registry.Find("GetStages"), nullptr);
}

TEST(RegistryTest, ASecondRegistrationIsRefusedAndReported) {
  Registry registry;
  registry.Register("Stages", {{"GetStage", &Answer}});
  registry.Register("Other", {{"GetStage", &OtherAnswer}, {"ListStages", nullptr}});
  absl::Status status = registry.Check();
  EXPECT_EQ(status.message(),
            "operation registry: Other registers GetStage, already registered by Stages; "
            "Other registers ListStages without a handler");
  EXPECT_EQ(registry.Find("GetStage")->handler, &Answer);
  EXPECT_EQ(registry.Find("GetStage")->family, "Stages");
  EXPECT_EQ(registry.Find("ListStages")->handler, nullptr);
}

}  // namespace
}  // namespace ivsrt::registry
