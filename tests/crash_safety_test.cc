// Crash safety: a child process writes, the parent SIGKILLs it at a random
// moment, reopens the store and checks it. In "sync" every acknowledged write
// must be there; in "nosync" the store must still open and read consistently,
// with other processes opening it and reading from it, killed too.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/store/store.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"
#include "tests/store_children.h"

namespace ivsrt::testing {
namespace {

// What the child acknowledged: every line it wrote to the pipe after a call
// succeeded.
struct Acks {
  std::vector<std::string> stages;   // "S <arn>": created, tagged "n" = its ordinal
  std::vector<std::string> tags;     // "T <arn> <value>": tag "w" of the shared stage
  std::vector<std::string> revoked;  // "R <token>": a token whose participant was disconnected
};

[[noreturn]] void WriteUntilKilled(const std::string& options, int fd, int round) {
  auto engine = Engine::Open(options);
  if (!engine.ok()) _exit(3);
  auto say = [&](const std::string& line) {
    std::string out = line + "\n";
    if (write(fd, out.data(), out.size()) != static_cast<ssize_t>(out.size())) _exit(4);
  };
  auto call = [&](std::string_view op, const std::string& body) {
    auto r = (*engine)->Invoke(op, body);
    if (!r.ok()) _exit(5);
    return Json(*r);
  };
  std::string shared = call("CreateStage", "{}").Str("stage/arn");
  say("S " + shared);
  for (int i = 0;; ++i) {
    std::string arn = call("CreateStage", StrCat("{\"tags\": {\"n\": \"", round, "-", i, "\"}}"))
                          .Str("stage/arn");
    say("S " + arn);
    std::string value = StrCat(round, "-", i);
    call("TagResource",
         StrCat("{\"resourceArn\": ", Quote(shared), ", \"tags\": {\"w\": \"", value, "\"}}"));
    say("T " + shared + " " + value);
    Json token = call("CreateParticipantToken", "{\"stageArn\": " + Quote(arn) + "}");
    call("DisconnectParticipant", StrCat("{\"stageArn\": ", Quote(arn), ", \"participantId\": ",
                                         Quote(token.Str("participantToken/participantId")), "}"));
    say("R " + token.Str("participantToken/token"));
  }
}

// Reads every line the child wrote before it died.
void Drain(int fd, std::string& pending, Acks& acks) {
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) pending.append(buf, n);
  size_t start = 0;
  for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string line = pending.substr(start, nl - start);
    if (line.starts_with("S ")) acks.stages.push_back(line.substr(2));
    if (line.starts_with("T ")) acks.tags.push_back(line.substr(2));
    if (line.starts_with("R ")) acks.revoked.push_back(line.substr(2));
  }
  pending.erase(0, start);
}

class CrashSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Starts a writer, kills it after `delay`, and returns what it acknowledged.
  void KillOnce(const std::string& options, std::chrono::microseconds delay, int round,
                Acks& acks) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    fflush(nullptr);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      WriteUntilKilled(options, fds[1], round);
    }
    close(fds[1]);
    // Wait for the first acknowledgement (the store is open), then the random
    // delay.
    pollfd p{fds[0], POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 30000), 1) << "the writer never acknowledged a write";
    usleep(static_cast<useconds_t>(delay.count()));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer stopped by itself, status " << status;
    std::string pending;
    Drain(fds[0], pending, acks);
    close(fds[0]);
  }

  // Reopens the store and reads all of it: acknowledged writes present, listing
  // coherent. Returns the number of stages listed. Stages and tokens from index
  // `from_stage` / `from_token` on are also read one by one.
  size_t Verify(const std::string& options, const Acks& acks, size_t from_stage,
                size_t from_token) {
    auto opened = Engine::Open(options);
    EXPECT_TRUE(opened.ok()) << opened.status();
    if (!opened.ok()) return 0;
    Engine& engine = **opened;
    auto call = [&](std::string_view op, const std::string& body) {
      auto r = engine.Invoke(op, body);
      EXPECT_TRUE(r.ok()) << op << " " << body << ": " << r.status();
      return Json(r.ok() ? *r : "{}");
    };
    // Every listed stage reads back, and the listing has no duplicates.
    std::set<std::string> listed;
    std::string next;
    do {
      Json page = call("ListStages",
                       next.empty() ? std::string(R"({"maxResults": 100})")
                                    : "{\"maxResults\": 100, \"nextToken\": " + Quote(next) + "}");
      for (size_t i = 0; i < page.Size("stages"); ++i) {
        std::string arn = page.Str(StrCat("stages/", i, "/arn"));
        EXPECT_TRUE(listed.insert(arn).second) << "listed twice: " << arn;
      }
      next = page.Str("nextToken");
    } while (!next.empty());
    for (const std::string& arn : acks.stages) EXPECT_EQ(listed.count(arn), 1u) << arn;
    // Besides the acknowledged ones, at most one stage per kill: made, not yet
    // reported.
    EXPECT_GE(listed.size(), acks.stages.size());
    for (size_t i = from_stage; i < acks.stages.size(); ++i) {
      EXPECT_EQ(call("GetStage", "{\"arn\": " + Quote(acks.stages[i]) + "}").Str("stage/arn"),
                acks.stages[i]);
    }
    for (size_t i = from_token; i < acks.revoked.size(); ++i) {
      Json verdict =
          call("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(acks.revoked[i]) + "}");
      EXPECT_EQ(verdict.Str("reason"), "revoked");
    }
    return listed.size();
  }

  std::string dir_;
};

TEST_F(CrashSafetyTest, SyncLosesNoAcknowledgedWriteAcrossAHundredKills) {
  std::string options = StrCat("{\"data_dir\": ", Quote(dir_),
                               ", \"durability\": \"sync\", \"quotas\": {\"stages\": 1000000}}");
  std::mt19937 rng(::testing::UnitTest::GetInstance()->random_seed());
  std::uniform_int_distribution<int> delay_us(0, 30000);
  constexpr int kKills = 100;
  Acks acks;
  for (int round = 0; round < kKills; ++round) {
    SCOPED_TRACE(StrCat("kill ", round));
    size_t stages_before = acks.stages.size();
    size_t tokens_before = acks.revoked.size();
    KillOnce(options, std::chrono::microseconds(delay_us(rng)), round, acks);
    if (HasFatalFailure()) return;
    ASSERT_GT(acks.stages.size(), stages_before);
    size_t listed = Verify(options, acks, stages_before, tokens_before);
    EXPECT_LE(listed, acks.stages.size() + round + 1);
    // The shared stage of this round carries the last acknowledged value (or a
    // later one the child wrote but could not report).
    std::string last;
    for (const std::string& t : acks.tags) {
      if (t.starts_with(acks.stages[stages_before] + " ")) last = t.substr(t.find(' ') + 1);
    }
    if (!last.empty()) {
      auto engine = Engine::Open(options);
      ASSERT_TRUE(engine.ok());
      auto tags = (*engine)->Invoke("ListTagsForResource",
                                    "{\"resourceArn\": " + Quote(acks.stages[stages_before]) + "}");
      ASSERT_TRUE(tags.ok()) << tags.status();
      std::string value = Json(*tags).Str("tags/w");
      int acked_i = std::stoi(last.substr(last.find('-') + 1));
      int stored_i = std::stoi(value.substr(value.find('-') + 1));
      EXPECT_TRUE(stored_i == acked_i || stored_i == acked_i + 1) << value << " vs " << last;
    }
  }
  RecordProperty("kills", kKills);
  RecordProperty("acknowledged_writes",
                 static_cast<int>(acks.stages.size() + acks.tags.size() + acks.revoked.size()));
}

// Beside each nosync writer, another process opens and closes the store in both
// modes and another holds readers; all three are killed at once. The openers
// must never shrink the file under the writer, and the dead readers' slots are
// reclaimed.
TEST_F(CrashSafetyTest, NosyncStoreStillOpensAndReadsConsistently) {
  std::string options = StrCat("{\"data_dir\": ", Quote(dir_),
                               ", \"durability\": \"nosync\", \"quotas\": {\"stages\": 1000000}}");
  std::string sync_options =
      StrCat("{\"data_dir\": ", Quote(dir_), ", \"quotas\": {\"stages\": 1000000}}");
  ASSERT_TRUE(Engine::Open(options).ok());  // created before the first fork; closed
  std::mt19937 rng(::testing::UnitTest::GetInstance()->random_seed() + 1);
  std::uniform_int_distribution<int> delay_us(0, 20000);
  Acks acks;
  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE(StrCat("kill ", round));
    size_t stages_before = acks.stages.size();
    size_t tokens_before = acks.revoked.size();
    Child opener = StartChild([&](int fd) {
      return OpenAndListForever({sync_options, options}, fd);
    });
    Child readers = StartChild([&](int fd) { return HoldReaders(dir_, 4, fd); });
    ASSERT_TRUE(WaitReady(opener, std::chrono::seconds(30)));
    ASSERT_TRUE(WaitReady(readers, std::chrono::seconds(30)));
    KillOnce(options, std::chrono::microseconds(delay_us(rng)), round, acks);
    EXPECT_TRUE(KillChild(opener)) << "the opener stopped by itself (an error in it)";
    EXPECT_TRUE(KillChild(readers)) << "the reader stopped by itself";
    if (HasFatalFailure()) return;
    // A process crash (not a machine crash) loses nothing even here: the pages
    // are in the kernel's cache. Only a power loss may drop recent nosync
    // writes.
    Verify(options, acks, stages_before, tokens_before);
    auto store = store::Store::Open(dir_, store::Durability::kNoSync);
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_EQ(*(*store)->ReaderSlots(), 0) << "slots of killed processes were left";
  }
}

}  // namespace
}  // namespace ivsrt::testing
