// One process never holds two LMDB environments on one store, whatever path
// reaches it and however its engines open and close on several threads: a
// second environment would drop the process's POSIX locks on lock.mdb when
// either closes, and another process's reader check would then free this
// process's live readers.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/store/store.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"
#include "tests/lmdb_env_count.h"

namespace ivsrt::testing {
namespace {

using std::chrono::seconds;

std::string Options(const std::string& dir) {
  return StrCat("{\"data_dir\": ", Quote(dir),
                ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 1000000}}");
}

// In a child: creates 500 stages, then rewrites a tag, reopening its engine
// every 20 writes (each open checks the reader table and frees the slots of
// processes whose locks are gone) until killed.
int WriteAndReopen(const std::string& dir, int ready_fd) {
  bool told = false;
  std::string arn;
  for (int writes = 0;;) {
    auto engine = Engine::Open(Options(dir));
    if (!engine.ok()) return 3;
    for (int i = 0; i < 20; ++i, ++writes) {
      auto done =
          writes < 500
              ? (*engine)->Invoke("CreateStage", "{}")
              : (*engine)->Invoke("TagResource", StrCat("{\"resourceArn\": ", Quote(arn),
                                                        ", \"tags\": {\"n\": \"", writes, "\"}}"));
      if (!done.ok()) return 4;
      if (arn.empty()) arn = Json(*done).Str("stage/arn");
    }
    if (!told && write(ready_fd, "r", 1) != 1) return 5;
    told = true;
  }
}

// Whether a process other than the caller holds a lock on lock.mdb that
// conflicts with a write lock of one byte at `offset` (LMDB: offset 0 is every
// user's shared lock, offset pid the process's liveness lock for its readers).
bool LockedByAnother(const std::string& dir, off_t offset) {
  int fd = open((dir + "/lock.mdb").c_str(), O_RDWR);
  if (fd < 0) return false;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = offset;
  lock.l_len = 1;
  bool locked = fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close(fd);
  return locked;
}

class OpenCloseChurnTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(OpenCloseChurnTest, ThreadsOpeningAndClosingWhileAnotherProcessWrites) {
  ASSERT_TRUE(Engine::Open(Options(dir_)).ok());  // closed before the fork
  Child writer = StartChild([&](int fd) { return WriteAndReopen(dir_, fd); });
  ASSERT_TRUE(WaitReady(writer, seconds(30)));

  constexpr int kThreads = 3, kRounds = 1000;
  std::atomic<int> errors{0};
  ResetMostEnvironments();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread reaches the directory by a path of its own.
      std::string path = t == 0   ? dir_
                         : t == 1 ? dir_ + "/."
                                  : dir_ + "/../" + std::filesystem::path(dir_).filename().string();
      size_t last = 0;
      for (int i = 0; i < kRounds; ++i) {
        auto engine = Engine::Open(Options(path));
        if (!engine.ok()) {
          ADD_FAILURE() << engine.status();
          ++errors;
          continue;
        }
        // The writer only adds stages, so every count is at least the one
        // before.
        std::string next;
        size_t count = 0;
        do {
          auto page = (*engine)->Invoke(
              "ListStages", next.empty()
                                ? std::string(R"({"maxResults": 100})")
                                : StrCat(R"({"maxResults": 100, "nextToken": )", Quote(next), "}"));
          if (!page.ok()) {
            ADD_FAILURE() << page.status();
            ++errors;
            break;
          }
          Json json(*page);
          count += json.Size("stages");
          next = json.Str("nextToken");
        } while (!next.empty());
        if (count < last) {
          ADD_FAILURE() << "listing went back from " << last << " to " << count;
          ++errors;
        }
        last = count;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(MostEnvironmentsAtOnce(), 1) << "two environments were open on the store at once";

  // With an engine open, the writer (another process) sees this process's
  // locks.
  auto engine = Engine::Open(Options(dir_));
  ASSERT_TRUE(engine.ok());
  ASSERT_TRUE((*engine)->Invoke("ListStages", "{}").ok());
  ChildEnd probe = RunInChild(
      [&, parent = getpid()] {
        return (LockedByAnother(dir_, 0) ? 0 : 1) + (LockedByAnother(dir_, parent) ? 0 : 2);
      },
      seconds(10));
  EXPECT_EQ(probe.exit_code, 0) << "1: the shared lock is gone, 2: the reader lock is gone";
  EXPECT_TRUE(KillChild(writer)) << "the writer stopped by itself (an error in it)";
}

// The same at the store level, in a tight loop: a store's last close and the
// next open race as often as they can.
TEST_F(OpenCloseChurnTest, AStoreClosingIsNeverOpenedBesideItself) {
  std::atomic<int> errors{0};
  ResetMostEnvironments();
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3000; ++i) {
        auto store = store::Store::Open(dir_, store::Durability::kNoSync);
        if (!store.ok()) {
          ++errors;
          continue;
        }
        // Reads renew a pooled reader, which fails (MDB_BAD_RSLOT) when a
        // closing second environment cleared this process's reader slots.
        for (int read = 0; read < 4; ++read) {
          absl::Status status = (*store)->Read([](const store::Txn&) { return absl::OkStatus(); });
          if (!status.ok()) ++errors;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(MostEnvironmentsAtOnce(), 1) << "two environments were open on the store at once";
}

TEST_F(OpenCloseChurnTest, EveryPathToADirectoryIsOneStore) {
  std::filesystem::create_directory_symlink(dir_, dir_ + "-link");
  const std::string mount_point = dir_ + "-mount";
  std::filesystem::create_directory(mount_point);
  // A bind mount is a second path that no string comparison can resolve: in a
  // child with a mount namespace of its own, so nothing outside it sees the
  // mount.
  ChildEnd end = RunInChild(
      [&] {
        if (unshare(geteuid() == 0 ? CLONE_NEWNS : CLONE_NEWNS | CLONE_NEWUSER) != 0 ||
            mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            mount(dir_.c_str(), mount_point.c_str(), nullptr, MS_BIND, nullptr) != 0) {
          std::perror("bind mount");
          return 2;
        }
        auto a = store::Store::Open(dir_, store::Durability::kSync);
        auto b = store::Store::Open(dir_ + "/./", store::Durability::kSync);
        auto c = store::Store::Open(dir_ + "-link", store::Durability::kSync);
        auto d = store::Store::Open(mount_point, store::Durability::kSync);
        if (!a.ok() || !b.ok() || !c.ok() || !d.ok()) return 3;
        return a->get() == b->get() && a->get() == c->get() && a->get() == d->get() ? 0 : 1;
      },
      seconds(30));
  EXPECT_EQ(end.exit_code, 0) << "1: two Stores for one directory; 2: no bind mount here";
  std::filesystem::remove(dir_ + "-link");
  std::filesystem::remove(mount_point);
}

}  // namespace
}  // namespace ivsrt::testing
