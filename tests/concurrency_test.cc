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
        auto tagged =
            engine_->Invoke("TagResource", StrCat("{\"resourceArn\": ", Quote(shared),
                                                  ", \"tags\": {\"t", t, "\": \"", i, "\"}}"));
        auto token =
            engine_->Invoke("CreateParticipantToken", "{\"stageArn\": " + Quote(shared) + "}");
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

TEST_F(ConcurrencyTest, ReadersWhileTheMapGrows) {
  // Growing the map waits for every read in flight and empties the pool of idle read
  // transactions; readers on other threads meanwhile must see no error and no torn stage.
  Open(R"({"quotas": {"stages": 100000}, "durability": "nosync"})");
  std::string first = CreateStageArn(R"({"name": "first"})");
  const std::string tags = LargestTags();
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        auto got = engine_->Invoke("GetStage", "{\"arn\": " + Quote(first) + "}");
        auto listed = engine_->Invoke("ListStages", R"({"maxResults": 5})");
        if (!got.ok() || got->find("\"name\":\"first\"") == std::string::npos || !listed.ok())
          ++failures;
        ++reads;
      }
    });
  }
  // ~19 KB of tags per stage: 4,000 stages outgrow the first maps (8 MiB, doubling).
  int created = 0;
  for (; created < 8000; ++created) {
    auto r = engine_->Invoke("CreateStage", "{\"tags\": " + tags + "}");
    if (!r.ok()) break;
    auto used = engine_->store().UsedBytes();
    if (used.ok() && *used > (size_t{128} << 20) + (size_t{8} << 20)) break;
  }
  done = true;
  for (auto& th : readers) th.join();
  auto used = engine_->store().UsedBytes();
  ASSERT_TRUE(used.ok());
  EXPECT_GT(*used, size_t{128} << 20) << created << " stages";
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

}  // namespace
}  // namespace ivsrt::testing
