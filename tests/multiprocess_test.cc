// Several processes on one data_dir, at once: every write of every process
// lands once, in either durability, and no process's open disturbs another's
// writes.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"
#include "tests/store_children.h"

namespace ivsrt::testing {
namespace {

constexpr int kProcesses = 4;
constexpr int kRounds = 60;

// One writer: its own stages, its own tag on the shared stage (rewritten each
// round), a token on the shared stage per round (reported to the parent), and
// reads throughout.
[[noreturn]] void Writer(const std::string& options, const std::string& shared, int p, int fd,
                         int start_fd) {
  char go;
  if (read(start_fd, &go, 1) != 1) _exit(2);  // all start together
  auto engine = Engine::Open(options);
  if (!engine.ok()) _exit(3);
  auto call = [&](std::string_view op, const std::string& body) {
    auto r = (*engine)->Invoke(op, body);
    if (!r.ok()) {
      std::fprintf(stderr, "process %d: %.*s: %s\n", p, static_cast<int>(op.size()), op.data(),
                   std::string(r.status().message()).c_str());
      _exit(4);
    }
    return Json(*r);
  };
  std::string out;
  for (int i = 0; i < kRounds; ++i) {
    call("CreateStage", StrCat("{\"name\": \"p", p, "-", i, "\", \"tags\": {\"p\": \"", p, "\"}}"));
    call("TagResource",
         StrCat("{\"resourceArn\": ", Quote(shared), ", \"tags\": {\"p", p, "\": \"", i, "\"}}"));
    Json token = call("CreateParticipantToken",
                      StrCat("{\"stageArn\": ", Quote(shared), ", \"userId\": \"p", p, "\"}"));
    out += token.Str("participantToken/token") + "\n";
    call("ListStages", R"({"maxResults": 50})");
    call("GetStage", "{\"arn\": " + Quote(shared) + "}");
  }
  for (size_t done = 0; done < out.size();) {
    ssize_t n = write(fd, out.data() + done, out.size() - done);
    if (n <= 0) _exit(5);
    done += n;
  }
  _exit(0);
}

class MultiprocessTest : public EngineTest {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    options_ = StrCat("{\"data_dir\": ", Quote(dir_), ", \"quotas\": {\"stages\": 100000}}");
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Every odd process in "nosync" when `mixed`. LMDB forbids mixing processes
  // with and without MDB_WRITEMAP on a store, so both modes use it.
  std::string OptionsOf(int p, bool mixed) const {
    if (!mixed || p % 2 == 0) return options_;
    return StrCat("{\"data_dir\": ", Quote(dir_),
                  ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 100000}}");
  }
  void RunFourWriters(bool mixed);
  std::string dir_, options_;
};

TEST_F(MultiprocessTest, FourProcessesOnOneDataDir) { RunFourWriters(/*mixed=*/false); }

TEST_F(MultiprocessTest, FourProcessesOfBothDurabilitiesOnOneDataDir) {
  RunFourWriters(/*mixed=*/true);
}

void MultiprocessTest::RunFourWriters(bool mixed) {
  Open(options_);
  std::string shared = CreateStageArn(R"({"name": "shared"})");
  engine_.reset();  // no environment of this process crosses fork()

  int start[2];
  ASSERT_EQ(pipe(start), 0);
  std::vector<pid_t> pids;
  std::vector<int> outs;
  fflush(nullptr);
  for (int p = 0; p < kProcesses; ++p) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      close(start[1]);
      Writer(OptionsOf(p, mixed), shared, p, fds[1], start[0]);
    }
    close(fds[1]);
    pids.push_back(pid);
    outs.push_back(fds[0]);
  }
  close(start[0]);
  ASSERT_EQ(write(start[1], "gggg", kProcesses), kProcesses);
  close(start[1]);

  std::vector<std::string> tokens;
  for (int p = 0; p < kProcesses; ++p) {
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(outs[p], buf, sizeof buf)) > 0;) text.append(buf, n);
    close(outs[p]);
    int status = 0;
    ASSERT_EQ(waitpid(pids[p], &status, 0), pids[p]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "process " << p << ": " << status;
    for (std::string_view t : Split(text, '\n', /*skip_empty=*/true)) tokens.emplace_back(t);
  }

  Open(options_);
  // Counts add up: every process's stages, once each, with their names.
  std::set<std::string> names;
  size_t stages = 0;
  std::string next;
  do {
    Json page = Call("ListStages",
                     next.empty() ? std::string(R"({"maxResults": 100})")
                                  : "{\"maxResults\": 100, \"nextToken\": " + Quote(next) + "}");
    for (size_t i = 0; i < page.Size("stages"); ++i) {
      names.insert(page.Str(StrCat("stages/", i, "/name")));
      ++stages;
    }
    next = page.Str("nextToken");
  } while (!next.empty());
  EXPECT_EQ(stages, size_t{kProcesses * kRounds + 1});
  for (int p = 0; p < kProcesses; ++p) {
    for (int i = 0; i < kRounds; ++i) EXPECT_EQ(names.count(StrCat("p", p, "-", i)), 1u);
  }
  // Tags added by all are present, each with its writer's last value.
  Json tags = Call("ListTagsForResource", "{\"resourceArn\": " + Quote(shared) + "}");
  EXPECT_EQ(tags.Size("tags"), size_t{kProcesses});
  for (int p = 0; p < kProcesses; ++p)
    EXPECT_EQ(tags.Str(StrCat("tags/p", p)), StrCat(kRounds - 1));
  // No token lost: every one handed out verifies, and their participant ids are
  // distinct.
  ASSERT_EQ(tokens.size(), size_t{kProcesses * kRounds});
  std::set<std::string> ids;
  for (const std::string& token : tokens) {
    Json verdict = Call("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token) + "}");
    EXPECT_TRUE(verdict.Bool("valid")) << verdict.text();
    ids.insert(verdict.Str("claims/jti"));
  }
  EXPECT_EQ(ids.size(), tokens.size());
}

// A nosync writer grows the map far past the initial size while other processes
// open and close the store in both modes: no open may shrink data.mdb under the
// writer (it would die of SIGBUS writing through its larger map).
TEST_F(MultiprocessTest, OpenersNeverShrinkTheStoreUnderANosyncWriter) {
  const std::string nosync =
      StrCat("{\"data_dir\": ", Quote(dir_),
             ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 10000000}}");
  const std::string data = dir_ + "/data.mdb";
  ASSERT_TRUE(Engine::Open(nosync).ok());  // the store exists before the fork; closed
  Child writer = StartChild([&](int fd) {
    auto engine = Engine::Open(nosync);
    if (!engine.ok()) return 3;
    std::string body = StrCat("{\"tags\": ", LargestTags(), "}");
    if (write(fd, "r", 1) != 1) return 4;
    // About 160 MB of records: the map doubles from 8 MiB to 256 MiB.
    for (int i = 0; i < 8000; ++i) {
      if (!(*engine)->Invoke("CreateStage", body).ok()) return 5;
    }
    return 0;
  });
  ASSERT_TRUE(WaitReady(writer, std::chrono::seconds(30)));
  Child opener = StartChild([&](int fd) { return OpenAndListForever({nosync, options_}, fd); });
  ChildEnd end = WaitChild(writer, std::chrono::seconds(300));
  EXPECT_FALSE(end.timed_out);
  EXPECT_EQ(end.signal, 0) << "the writer died of signal " << end.signal;
  EXPECT_EQ(end.exit_code, 0);
  EXPECT_TRUE(KillChild(opener)) << "the opener stopped by itself (an error in it)";
  EXPECT_GE(std::filesystem::file_size(data), size_t{150} << 20);
  Open(nosync);
  EXPECT_EQ(Call("ListStages", R"({"maxResults": 1})").Size("stages"), 1u);
}

}  // namespace
}  // namespace ivsrt::testing
