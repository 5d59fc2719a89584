// The seed rule: a store keeps the seed it was created with (or none); another
// seed is refused at open, not silently ignored; opening without a seed is
// always fine.
#include <filesystem>
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class SeedTest : public EngineTest {
 protected:
  void SetUp() override { dir_ = TempDir(); }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Options(std::string_view extra = "") {
    return StrCat("{\"data_dir\": ", Quote(dir_), extra, "}");
  }
  std::string dir_;
};

TEST_F(SeedTest, AStoreCreatedWithoutASeedRefusesOne) {
  Open(Options());
  CreateStageArn();
  engine_.reset();
  absl::StatusOr<std::unique_ptr<Engine>> seeded =
      Engine::Open(Options(R"(, "seed": 5)"));
  ASSERT_FALSE(seeded.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(seeded.status()));
  EXPECT_EQ(
      seeded.status().message(),
      StrCat("option seed: the store in ", dir_,
             " was not created with seed 5 (a store keeps the seed it was "
             "created with, or none); open it without a seed, or use a new "
             "data_dir"));
  Open(Options());
}

TEST_F(SeedTest, AStoreCreatedWithASeedRefusesAnother) {
  Open(Options(R"(, "seed": 5)"));
  std::string arn = CreateStageArn();
  Call("ivsrt:Reset", "{}");  // the seed outlives a reset, like the key it made
  engine_.reset();
  for (std::string_view other :
       {R"(, "seed": 6)", R"(, "seed": 50)", R"(, "seed": 0)"}) {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Open(Options(other));
    ASSERT_FALSE(engine.ok()) << other;
    EXPECT_TRUE(absl::IsInvalidArgument(engine.status())) << other;
  }
  Open(Options(R"(, "seed": 5)"));
  EXPECT_EQ(CreateStageArn(), arn);  // the same seed, the same first id again
  Open(Options());  // without a seed: fine, the store's own key
  EXPECT_NE(CreateStageArn(), arn);
}

}  // namespace
}  // namespace ivsrt::testing
