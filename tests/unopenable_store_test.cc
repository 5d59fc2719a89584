// A store that cannot be opened fails its open promptly, with the documented
// error naming the problem, and leaves the process able to open stores: every
// way an open can fail. Each case runs in a child with a deadline, so a hang is
// a failure, not a stuck suite.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "core/strings.h"
#include "ivsrt/ivsrt.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr uid_t kNobody = 65534;

std::string Options(const std::string& dir) { return StrCat("{\"data_dir\": ", Quote(dir), "}"); }

// In the child: open through the C ABI twice (a failure must not wedge the next
// open), then a temporary store must still work. Exit codes say which step went
// wrong.
int OpenFailsThenAnotherStoreWorks(const std::string& dir, const std::string& expected) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string options = Options(dir);
    ivsrt_engine* engine = nullptr;
    ivsrt_error* error = nullptr;
    int rc = ivsrt_engine_open(options.data(), options.size(), &engine, &error);
    if (rc != IVSRT_EOPTIONS || engine != nullptr || error == nullptr) return 10 + attempt;
    std::string message = ivsrt_error_message(error);
    bool named = message.find(expected) != std::string::npos;
    if (!named) std::fprintf(stderr, "open error: %s\n", message.c_str());
    ivsrt_error_free(error);
    if (!named) return 20;
  }
  auto temporary = Engine::Open("{}");
  if (!temporary.ok()) return 30;
  if (!(*temporary)->Invoke("CreateStage", "{}").ok()) return 31;
  return 0;
}

class UnopenableStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = TempDir();
    chmod(root_.c_str(), 0755);  // so that an unprivileged child can reach it
    dir_ = root_ + "/store";
  }
  void TearDown() override {
    fs::permissions(root_, fs::perms::all, fs::perm_options::replace);
    std::error_code ignored;
    for (const auto& entry : fs::recursive_directory_iterator(root_, ignored)) {
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ignored);
    }
    fs::remove_all(root_);
  }

  // A real store with some pages in it, closed.
  void MakeStore() {
    auto engine =
        Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_),
                            ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 1000}}"));
    ASSERT_TRUE(engine.ok()) << engine.status();
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE((*engine)->Invoke("CreateStage", StrCat("{\"tags\": ", LargestTags(), "}")).ok());
    }
    // The pages in use: the file itself is as long as the map (MDB_WRITEMAP).
    auto used = (*engine)->store().UsedBytes();
    ASSERT_TRUE(used.ok()) << used.status();
    used_bytes_ = *used;
  }

  size_t used_bytes_ = 0;

  // Opens `dir_` in a child (as `uid` when root and `uid` is set) and expects
  // the documented failure naming `expected`, within ten seconds.
  void ExpectUnopenable(const std::string& expected, uid_t uid = 0) {
    ChildEnd end = RunInChild(
        [&] {
          if (uid != 0 && geteuid() == 0 && (setgid(uid) != 0 || setuid(uid) != 0)) return 40;
          return OpenFailsThenAnotherStoreWorks(dir_, expected);
        },
        seconds(10));
    EXPECT_FALSE(end.timed_out) << "the open hung";
    EXPECT_EQ(end.signal, 0) << "the open died of signal " << end.signal;
    EXPECT_EQ(end.exit_code, 0) << "step " << end.exit_code << " failed (see the child's stderr)";
  }

  void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  std::string root_, dir_;
};

TEST_F(UnopenableStoreTest, DataDirIsARegularFile) {
  WriteFile(dir_, "x\n");
  ExpectUnopenable("not a directory");
}

TEST_F(UnopenableStoreTest, DataDirCannotBeCreated) {
  dir_ = root_ + "/missing/parent/store";
  ExpectUnopenable("No such file or directory");
}

TEST_F(UnopenableStoreTest, DataFileIsRandomBytes) {
  fs::create_directory(dir_);
  std::mt19937 rng(7);
  std::string bytes(100000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  WriteFile(dir_ + "/data.mdb", bytes);
  ExpectUnopenable("not an LMDB file");
}

TEST_F(UnopenableStoreTest, MetaPagesDamaged) {
  MakeStore();
  if (HasFatalFailure()) return;
  // Both meta pages (the first two 4 KiB pages) overwritten.
  int fd = open((dir_ + "/data.mdb").c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  std::string junk(8192, '\x5a');
  ASSERT_EQ(pwrite(fd, junk.data(), junk.size(), 0), static_cast<ssize_t>(junk.size()));
  close(fd);
  ExpectUnopenable("not an LMDB file");
}

// A meta page with LMDB's magic but a page size of 0 (LMDB divides by it: SIGFPE) or not
// a power of two, in either meta page.
TEST_F(UnopenableStoreTest, MetaPageSizeDamaged) {
  for (uint32_t page_size : {0U, 3000U, 1U << 20}) {
    for (off_t meta : {0, 1}) {
      SCOPED_TRACE(StrCat("page size ", page_size, " in meta page ", meta));
      MakeStore();
      if (HasFatalFailure()) return;
      int fd = open((dir_ + "/data.mdb").c_str(), O_WRONLY);
      ASSERT_GE(fd, 0);
      ASSERT_EQ(pwrite(fd, &page_size, sizeof page_size, meta * 4096 + 40),
                static_cast<ssize_t>(sizeof page_size));
      close(fd);
      ExpectUnopenable("data.mdb is truncated or damaged");
      fs::remove_all(dir_);
    }
  }
}

TEST_F(UnopenableStoreTest, DataFileTruncated) {
  for (int percent : {50, 90}) {
    SCOPED_TRACE(StrCat(percent, "%"));
    MakeStore();
    if (HasFatalFailure()) return;
    const std::string data = dir_ + "/data.mdb";
    ASSERT_GT(fs::file_size(data), used_bytes_ / 2);
    const size_t cut = used_bytes_ * percent / 100 / 4096 * 4096;
    fs::resize_file(data, cut);
    ExpectUnopenable("data.mdb is truncated or damaged");
    // The refused open left the file as it was: a writable open would have
    // extended it to its map size with zeros and hidden the cut from the next.
    EXPECT_EQ(fs::file_size(data), cut);
    ExpectUnopenable("data.mdb is truncated or damaged");
    fs::remove_all(dir_);
  }
}

TEST_F(UnopenableStoreTest, StoreFilesThatAreNotRegularFiles) {
  struct Case {
    const char* file;
    std::function<void(const std::string&)> make;
  };
  const Case cases[] = {
      {"data.mdb", [](const std::string& p) { fs::create_directory(p); }},
      {"data.mdb", [](const std::string& p) { mkfifo(p.c_str(), 0600); }},
      {"lock.mdb", [](const std::string& p) { fs::create_directory(p); }},
      {"lock.mdb", [](const std::string& p) { mkfifo(p.c_str(), 0600); }},
      {"lock.mdb", [](const std::string& p) { fs::create_symlink("/dev/null", p); }},
      {"map.lock", [](const std::string& p) { fs::create_directory(p); }},
      {"map.lock", [](const std::string& p) { mkfifo(p.c_str(), 0600); }},
      {"map.lock", [](const std::string& p) { fs::create_symlink("/dev/null", p); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    fs::create_directory(dir_);
    c.make(dir_ + "/" + c.file);
    ExpectUnopenable(StrCat(c.file, " is not a regular file"));
    fs::remove_all(dir_);
  }
}

// Root reads and writes anything, so these run the open as "nobody" when the
// test is root (as in CI); otherwise as the test's own user.
TEST_F(UnopenableStoreTest, UnreadableDirectory) {
  fs::create_directory(dir_);
  chmod(dir_.c_str(), 0);
  ExpectUnopenable("Permission denied", kNobody);
}

TEST_F(UnopenableStoreTest, UnwritableDirectory) {
  fs::create_directory(dir_);
  chmod(dir_.c_str(), 0555);
  ExpectUnopenable("Permission denied", kNobody);
}

TEST_F(UnopenableStoreTest, ReadOnlyStoreFiles) {
  MakeStore();
  if (HasFatalFailure()) return;
  chmod(dir_.c_str(), 0755);
  chmod((dir_ + "/data.mdb").c_str(), 0444);
  chmod((dir_ + "/lock.mdb").c_str(), 0444);
  ExpectUnopenable("Permission denied", kNobody);
}

}  // namespace
}  // namespace ivsrt::testing
