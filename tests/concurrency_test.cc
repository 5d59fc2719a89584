// One engine, many threads: every write lands once, reads never see a torn state.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

using ConcurrencyTest = EngineTest;

TEST_F(ConcurrencyTest, EightThreadsOfMixedOperations) {
  Open(R"({"quotas": {"stages": 100000}, "durability": "nosync"})");
  std::string shared = CreateStageArn();
  constexpr int kThreads = 8;
  constexpr int kRounds = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        auto created = engine_->Invoke("CreateStage", StrCat("{\"name\": \"t", t, "-", i, "\"}"));
        auto tagged = engine_->Invoke(
            "TagResource", StrCat("{\"resourceArn\": ", Quote(shared), ", \"tags\": {\"t", t,
                                  "\": \"", i, "\"}}"));
        auto token = engine_->Invoke("CreateParticipantToken",
                                     "{\"stageArn\": " + Quote(shared) + "}");
        auto listed = engine_->Invoke("ListStages", R"({"maxResults": 100})");
        auto got = engine_->Invoke("GetStage", "{\"arn\": " + Quote(shared) + "}");
        if (!created.ok() || !tagged.ok() || !token.ok() || !listed.ok() || !got.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  // Counts add up: every thread's stages, and every thread's tag with its last value.
  size_t stages = 0;
  std::string token;
  do {
    stages += ListStagesPage(100, token).size();
  } while (!token.empty());
  EXPECT_EQ(stages, size_t{kThreads * kRounds + 1});
  Json tags = Call("ListTagsForResource", "{\"resourceArn\": " + Quote(shared) + "}");
  EXPECT_EQ(tags.Size("tags"), size_t{kThreads});
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(tags.Str(StrCat("tags/t", t)), StrCat(kRounds - 1));
}

}  // namespace
}  // namespace ivsrt::testing
