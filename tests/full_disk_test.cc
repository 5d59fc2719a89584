// A store on a disk without room for its map (MDB_WRITEMAP writes through the
// map, where a page the disk cannot hold would be a SIGBUS) fails with an error
// instead: the open when the first map does not fit, a write when the map
// cannot grow. Each case runs in a child in its own mount namespace, on a
// small tmpfs mounted there; that needs root (CAP_SYS_ADMIN), which CI has.
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/strings.h"
#include "ivsrt/ivsrt.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

using std::chrono::seconds;

// Exit codes below 10 are the set-up's; the test says which.
constexpr int kNoNamespace = 2;
constexpr int kNoMount = 3;

// In the child: a private mount namespace with a tmpfs of `megabytes` on
// `dir`, then `body`.
int OnSmallDisk(const std::string& dir, int megabytes, const std::function<int()>& body) {
  if (unshare(CLONE_NEWNS) != 0) return kNoNamespace;
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return kNoNamespace;
  std::string size = StrCat("size=", megabytes, "m,mode=0700");
  if (mount("tmpfs", dir.c_str(), "tmpfs", 0, size.c_str()) != 0) return kNoMount;
  return body();
}

// Creates stages with the largest tags until one fails (its answer left in `*last`) or 5,000
// are created; returns how many were.
int CreateLargeStagesUntilAFailure(Engine& engine, absl::StatusOr<std::string>* last) {
  const std::string body = StrCat("{\"tags\": ", LargestTags(), "}");
  int created = 0;
  for (; created < 5000; ++created) {
    *last = engine.Invoke("CreateStage", body);
    if (!last->ok()) break;
  }
  return created;
}

class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
    dir_ = TempDir() + "/disk";
    std::filesystem::create_directory(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(std::filesystem::path(dir_).parent_path());
  }

  void ExpectChildExits(const std::function<int()>& body) {
    ChildEnd end = RunInChild([&] { return OnSmallDisk(dir_, megabytes_, body); }, seconds(60));
    EXPECT_FALSE(end.timed_out);
    EXPECT_EQ(end.signal, 0) << "the child died of signal " << end.signal;
    ASSERT_NE(end.exit_code, kNoNamespace) << "unshare(CLONE_NEWNS) refused";
    ASSERT_NE(end.exit_code, kNoMount) << "mount -t tmpfs refused";
    EXPECT_EQ(end.exit_code, 0);
  }

  std::string Options() const {
    return StrCat("{\"data_dir\": ", Quote(dir_ + "/store"),
                  ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 100000}}");
  }

  std::string dir_;
  int megabytes_ = 0;
};

TEST_F(FullDiskTest, AnOpenWhoseMapDoesNotFitFails) {
  megabytes_ = 4;  // the first map is 8 MiB
  ExpectChildExits([&] {
    std::string options = Options();
    ivsrt_engine* engine = nullptr;
    ivsrt_error* error = nullptr;
    int rc = ivsrt_engine_open(options.data(), options.size(), &engine, &error);
    if (rc != IVSRT_EOPTIONS || engine != nullptr || error == nullptr) return 10;
    std::string message = ivsrt_error_message(error);
    ivsrt_error_free(error);
    if (message.find("no space left on the disk for the store's map") == std::string::npos) {
      std::fprintf(stderr, "open error: %s\n", message.c_str());
      return 11;
    }
    return 0;
  });
}

TEST_F(FullDiskTest, AWriteThatCannotGrowTheMapFailsAndLosesNothing) {
  megabytes_ = 12;  // room for the first map (8 MiB), not for the second (16 MiB)
  ExpectChildExits([&] {
    auto engine = Engine::Open(Options());
    if (!engine.ok()) return 20;
    absl::StatusOr<std::string> last;
    const int created = CreateLargeStagesUntilAFailure(**engine, &last);
    if (created == 5000 || created == 0) return 21;  // the map had to grow, and could not
    if (last.status().code() != absl::StatusCode::kInternal) return 25;  // InternalServerException
    std::string message(ToStd(last.status().message()));
    if (message.find("no space left on the disk for the store's map") == std::string::npos) {
      std::fprintf(stderr, "CreateStage error: %s\n", message.c_str());
      return 22;
    }
    // Every acknowledged stage is there, and the store still reads.
    int listed = 0;
    std::string token;
    do {
      std::string request =
          token.empty() ? std::string("{\"maxResults\": 100}")
                        : StrCat("{\"maxResults\": 100, \"nextToken\": ", Quote(token), "}");
      auto page = (*engine)->Invoke("ListStages", request);
      if (!page.ok()) return 23;
      Json json(*page);
      listed += static_cast<int>(json.Size("stages"));
      token = json.Has("nextToken") ? json.Str("nextToken") : "";
    } while (!token.empty());
    return listed == created ? 0 : 24;
  });
}

// The same write when the map cannot be made bigger at all (an address-space limit, mmap's
// ENOMEM): LMDB has unmapped the old map by then, so this process can no longer use the
// store. Every later call fails with an error instead of touching the missing map; the
// store itself is intact for the next process.
TEST(MapResizeTest, AMapThatCannotBeMadeFailsEveryLaterCallAndLosesNothing) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "an address-space limit starves the sanitizer's own mappings";
#else
  const std::string dir = TempDir() + "/store";
  const std::string options =
      StrCat("{\"data_dir\": ", Quote(dir),
             ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 100000}}");
  ChildEnd end = RunInChild(
      [&] {
        auto engine = Engine::Open(options);
        if (!engine.ok()) return 10;
        // Room for this process's allocations, not for the 16 MiB map that replaces 8 MiB.
        std::ifstream statm("/proc/self/statm");
        size_t pages = 0;
        if (!(statm >> pages)) return 11;
        const rlim_t limit = pages * sysconf(_SC_PAGESIZE) + (size_t{6} << 20);
        struct rlimit rl = {limit, limit};
        if (setrlimit(RLIMIT_AS, &rl) != 0) return 12;
        absl::StatusOr<std::string> last;
        const int created = CreateLargeStagesUntilAFailure(**engine, &last);
        if (created == 5000 || created == 0) return 13;
        for (const char* op : {"ListStages", "CreateStage"}) {
          auto again = (*engine)->Invoke(op, "{}");
          if (again.ok()) return 14;
          if (std::string(ToStd(again.status().message())).find("open a new engine") ==
              std::string::npos) {
            std::fprintf(stderr, "%s error: %s\n", op,
                         std::string(ToStd(again.status().message())).c_str());
            return 15;
          }
        }
        std::printf("%d\n", created);
        return 0;
      },
      seconds(60));
  EXPECT_FALSE(end.timed_out);
  EXPECT_EQ(end.signal, 0) << "the child died of signal " << end.signal;
  EXPECT_EQ(end.exit_code, 0);
  // A new process reads the store: every acknowledged stage is there.
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto page = (*engine)->Invoke("ListStages", R"({"maxResults": 100})");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Json(*page).Size("stages"), 100u);
  engine->reset();
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
#endif
}

}  // namespace
}  // namespace ivsrt::testing
