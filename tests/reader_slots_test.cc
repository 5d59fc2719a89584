// Reader slots of killed processes are reclaimed: at open, when the reader
// table is full, and every Store::kReclaimEveryWrites commits (a reader killed
// mid-read pins its snapshot, so freed pages would never be reused). Slots are
// counted before and after.
#include <lmdb.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/store/store.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"
#include "tests/store_children.h"

namespace ivsrt::testing {
namespace {

using std::chrono::seconds;

// Starts `count` children holding `threads` readers each, all at once, and
// waits until every one holds them.
std::vector<Child> StartReaders(const std::string& dir, int count, int threads) {
  std::vector<Child> children;
  for (int i = 0; i < count; ++i) {
    children.push_back(StartChild([&](int fd) { return HoldReaders(dir, threads, fd); }));
  }
  for (Child& child : children) {
    EXPECT_TRUE(WaitReady(child, seconds(60))) << "a reader process did not start";
  }
  return children;
}

void KillAll(std::vector<Child>& children) {
  for (Child& child : children) EXPECT_TRUE(KillChild(child));
}

// Slots in the reader table, read with a bare LMDB environment (no reclaim).
int SlotsSeenByLmdb(const std::string& dir) {
  MDB_env* env = nullptr;
  mdb_env_create(&env);
  mdb_env_set_maxdbs(env, 8);
  mdb_env_set_maxreaders(env, 1024);
  int lines = -1;
  if (mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0600) == MDB_SUCCESS) {
    lines = 0;
    mdb_reader_list(
        env, [](const char*, void* ctx) { return ++*static_cast<int*>(ctx), 0; }, &lines);
  }
  mdb_env_close(env);
  return lines - 1;  // the first line is a header
}

class ReaderSlotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    // Created here, closed before any fork.
    ASSERT_TRUE(store::Store::Open(dir_, store::Durability::kSync).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(ReaderSlotsTest, OpenReclaimsTheSlotsOfKilledProcesses) {
  // While any process has the store open, LMDB itself never clears the table
  // (the last one out leaves it to be reset by the next first opener).
  std::vector<Child> keeper = StartReaders(dir_, 1, 0);
  std::vector<Child> children = StartReaders(dir_, 40, 8);
  KillAll(children);
  EXPECT_EQ(SlotsSeenByLmdb(dir_), 320);  // 40 killed processes x 8 readers
  auto store = store::Store::Open(dir_, store::Durability::kSync);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(*(*store)->ReaderSlots(), 0);
  ASSERT_TRUE((*store)->Read([](const store::Txn&) { return absl::OkStatus(); }).ok());
  EXPECT_EQ(*(*store)->ReaderSlots(), 1);
  KillAll(keeper);
}

TEST_F(ReaderSlotsTest, AFullReaderTableIsReclaimedByTheNextRead) {
  // 32 x 32 readers take all 1024 slots; this process opens while they live.
  std::vector<Child> children = StartReaders(dir_, 32, 32);
  auto store = store::Store::Open(dir_, store::Durability::kSync);
  ASSERT_TRUE(store.ok()) << store.status();
  auto read = [&] { return (*store)->Read([](const store::Txn&) { return absl::OkStatus(); }); };
  absl::Status full = read();
  EXPECT_NE(full.message().find("MDB_READERS_FULL"), std::string::npos) << full;
  EXPECT_EQ(*(*store)->ReaderSlots(), 1024);
  KillAll(children);
  EXPECT_TRUE(read().ok());  // reclaims the 1024 dead slots, then reads
  EXPECT_EQ(*(*store)->ReaderSlots(), 1);
}

TEST_F(ReaderSlotsTest, WritesReclaimReadersKilledMidReadSoPagesAreReused) {
  std::vector<Child> children = StartReaders(dir_, 30, 1);
  auto engine =
      Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_), ", \"durability\": \"nosync\"}"));
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto created = (*engine)->Invoke("CreateStage", "{}");
  ASSERT_TRUE(created.ok());
  std::string arn = Json(*created).Str("stage/arn");
  KillAll(children);  // each pinned the snapshot it read
  auto store = store::Store::Open(dir_, store::Durability::kNoSync);  // the engine's own
  ASSERT_TRUE(store.ok());
  size_t before = *(*store)->UsedBytes();
  // Each update rewrites ~19 KB of tags; with the dead readers' snapshot
  // pinned, every old copy would stay (3,000 x 19 KB = 57 MB).
  for (int i = 0; i < 3000; ++i) {
    std::string tags = LargestTags();
    tags[tags.size() - 3] = static_cast<char>('a' + i % 26);
    ASSERT_TRUE((*engine)
                    ->Invoke("TagResource",
                             StrCat("{\"resourceArn\": ", Quote(arn), ", \"tags\": ", tags, "}"))
                    .ok());
  }
  size_t growth = *(*store)->UsedBytes() - before;
  RecordProperty("growth_bytes", std::to_string(growth));
  EXPECT_LT(growth, size_t{8} << 20) << growth << " bytes";
  EXPECT_LE(*(*store)->ReaderSlots(), 2);
}

}  // namespace
}  // namespace ivsrt::testing
