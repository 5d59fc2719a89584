// A child of fork() that inherits open engines (Python's multiprocessing, a
// preforking server) neither uses nor closes its parent's LMDB environment: the
// inherited engine refuses calls, the child opens the same store for itself,
// and the parent's readers, locks and temporary store are untouched.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "core/store/store.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class ForkTest : public EngineTest {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    Open(StrCat("{\"data_dir\": ", Quote(dir_), "}"));
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string dir_;
};

TEST_F(ForkTest, AChildOpensItsOwnEnvironmentAndLeavesTheParentsAlone) {
  std::string arn = CreateStageArn();
  auto temporary = Engine::Open("{}");
  ASSERT_TRUE(temporary.ok());
  const std::string temporary_dir = (*temporary)->store().dir();
  Call("ListStages", "{}");  // the parent holds a pooled reader slot

  ChildEnd end = RunInChild(
      [&]() -> int {
        auto inherited = engine_->Invoke("GetStage", StrCat("{\"arn\": ", Quote(arn), "}"));
        if (inherited.ok() || inherited.status().message().find("fork") == std::string::npos) {
          return 1;
        }
        auto own = Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_), "}"));
        if (!own.ok() || &(*own)->store() == &engine_->store()) return 2;
        if (!(*own)->Invoke("CreateStage", "{}").ok()) return 3;
        // Closing what it inherited must not disturb the child's own
        // environment.
        engine_.reset();
        temporary->reset();
        for (int i = 0; i < 20; ++i) {
          if (!(*own)->Invoke("GetStage", StrCat("{\"arn\": ", Quote(arn), "}")).ok()) return 4;
        }
        return 0;
      },
      std::chrono::seconds(30));
  EXPECT_EQ(end.exit_code, 0) << "1: the inherited engine answered; 2: no store of its own; "
                                 "3: the child's write failed; 4: its reads failed";
  // The parent's pooled reader renews (a cleared slot would be MDB_BAD_RSLOT),
  // it sees the child's stage, and its temporary store is still there.
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 2u);
  EXPECT_EQ(Call("GetStage", StrCat("{\"arn\": ", Quote(arn), "}")).Str("stage/arn"), arn);
  EXPECT_TRUE(std::filesystem::exists(temporary_dir));
  EXPECT_TRUE((*temporary)->Invoke("CreateStage", "{}").ok());
}

}  // namespace
}  // namespace ivsrt::testing
