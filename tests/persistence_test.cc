// The store: reopening, sharing a data_dir, seeds, options, file modes, map growth.
#include <lmdb.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class PersistenceTest : public EngineTest {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    Open(Options());
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Options(std::string_view extra = "") {
    return StrCat("{\"data_dir\": ", Quote(dir_), extra, "}");
  }
  std::string dir_;
};

TEST_F(PersistenceTest, ReopeningShowsEveryCommittedChange) {
  Json created = Call("CreateStage", R"({"name": "kept", "tags": {"a": "1"},
                                         "participantTokenConfigurations": [{}]})");
  std::string arn = created.Str("stage/arn");
  std::string token = created.Str("participantTokens/0/token");
  std::string pid = created.Str("participantTokens/0/participantId");
  Call("DisconnectParticipant",
       "{\"stageArn\": " + Quote(arn) + ", \"participantId\": " + Quote(pid) + "}");
  engine_.reset();
  Open(Options());
  Json got = Call("GetStage", "{\"arn\": " + Quote(arn) + "}");
  EXPECT_EQ(got.Str("stage/name"), "kept");
  EXPECT_EQ(got.Str("stage/tags/a"), "1");
  Json verdict = Call("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token) + "}");
  EXPECT_EQ(verdict.Str("reason"), "revoked");  // same signing key, same revocation
}

TEST_F(PersistenceTest, TwoEnginesOnOneDirectoryShareTheStore) {
  auto second = Engine::Open(Options());
  ASSERT_TRUE(second.ok()) << second.status();
  std::string arn = CreateStageArn();
  auto got = (*second)->Invoke("GetStage", "{\"arn\": " + Quote(arn) + "}");
  EXPECT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(&(*second)->store(), &engine_->store());
}

TEST_F(PersistenceTest, FilesAreReadableByTheOwnerOnly) {
  struct stat st;
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
  ASSERT_EQ(stat((dir_ + "/data.mdb").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
}

TEST_F(PersistenceTest, TheMapGrowsInsteadOfFilling) {
  // 8 MiB initial map; 5000 stages with 50 large tags each need far more than that.
  const std::string tags = LargestTags();
  Open(Options(R"(, "quotas": {"stages": 100000}, "durability": "nosync")"));
  for (int i = 0; i < 5000; ++i) {
    auto r = Raw("CreateStage", "{\"tags\": " + tags + "}");
    ASSERT_TRUE(r.ok()) << i << " " << r.status();
  }
  auto used = engine_->store().UsedBytes();
  ASSERT_TRUE(used.ok());
  EXPECT_GT(*used, size_t{64} << 20);
  EXPECT_EQ(Call("ListStages", R"({"maxResults": 100})").Size("stages"), 100u);
  // data.mdb is as long as the map: 8 MiB doubled as it filled, never less than in use.
  const size_t file = std::filesystem::file_size(dir_ + "/data.mdb");
  EXPECT_GE(file, *used);
  EXPECT_EQ(file % (size_t{8} << 20), 0u) << file;
  EXPECT_EQ(((file >> 23) & ((file >> 23) - 1)), 0u)
      << file << " is not 8 MiB times a power of two";
}

TEST_F(PersistenceTest, ANewStoreFileIsItsFirstMap) {
  CreateStageArn(R"({"name": "one"})");
  EXPECT_EQ(std::filesystem::file_size(dir_ + "/data.mdb"), size_t{8} << 20);
  struct stat st;
  ASSERT_EQ(stat((dir_ + "/data.mdb").c_str(), &st), 0);
  EXPECT_GE(static_cast<size_t>(st.st_blocks) * 512, size_t{8} << 20);  // reserved, not sparse
}

// Grows the store in `dir` past 64 MiB (past this process's map) from a process of its own,
// with raw LMDB in a table of its own ("pad"): as another LMDB program, or an ivsrt from
// before MDB_WRITEMAP and map.lock, would. (Growth by ivsrt processes themselves:
// MultiprocessTest.OpenersNeverShrinkTheStoreUnderANosyncWriter.) Returns the exit code.
int GrowFromAnotherProcess(const std::string& dir) {
  fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {  // the child opens its own environment; the parent's is not touched
    MDB_env* env = nullptr;
    MDB_txn* txn = nullptr;
    MDB_dbi dbi;
    std::string value(1 << 20, 'p');
    bool ok = mdb_env_create(&env) == 0 && mdb_env_set_maxdbs(env, 16) == 0 &&
              mdb_env_set_mapsize(env, size_t{256} << 20) == 0 &&
              mdb_env_open(env, dir.c_str(), MDB_NOTLS | MDB_NOSYNC, 0600) == 0 &&
              mdb_txn_begin(env, nullptr, 0, &txn) == 0 &&
              mdb_dbi_open(txn, "pad", MDB_CREATE, &dbi) == 0;
    for (int i = 0; ok && i < 80; ++i) {
      std::string key = StrCat("k", i);
      MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
      ok = mdb_put(txn, dbi, &k, &v, 0) == 0;
    }
    ok = ok && mdb_txn_commit(txn) == 0;
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(PersistenceTest, ReadersSurviveAnotherProcessGrowingTheMap) {
  // Reads first, so that this process holds idle (reset) read transactions to renew: their
  // renewal meets MDB_MAP_RESIZED once the file outgrows this process's map.
  std::string arn = CreateStageArn(R"({"name": "before"})");
  for (int i = 0; i < 4; ++i) Call("GetStage", "{\"arn\": " + Quote(arn) + "}");
  ASSERT_EQ(GrowFromAnotherProcess(dir_), 0);
  EXPECT_EQ(Call("GetStage", "{\"arn\": " + Quote(arn) + "}").Str("stage/name"), "before");
  CreateStageArn(R"({"name": "after"})");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 2u);
  auto used = engine_->store().UsedBytes();
  ASSERT_TRUE(used.ok());
  EXPECT_GT(*used, size_t{64} << 20);
}

TEST_F(PersistenceTest, ASeedMakesIdsAndTokensReproducible) {
  std::vector<std::string> outputs;
  for (int round = 0; round < 2; ++round) {
    Open(R"({"seed": 99, "clock": "2026-05-05T00:00:00Z"})");
    outputs.push_back(Call("CreateStage", R"({"participantTokenConfigurations": [{}]})").text());
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  Open(R"({"seed": 100, "clock": "2026-05-05T00:00:00Z"})");
  EXPECT_NE(Call("CreateStage", R"({"participantTokenConfigurations": [{}]})").text(), outputs[0]);
}

// The seed rule: a store keeps the seed it was created with (or none); another
// seed is refused at open, not silently ignored; no seed is always fine.
TEST_F(PersistenceTest, AStoreCreatedWithoutASeedRefusesOne) {
  CreateStageArn();
  engine_.reset();
  absl::StatusOr<std::unique_ptr<Engine>> seeded = Engine::Open(Options(R"(, "seed": 5)"));
  ASSERT_FALSE(seeded.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(seeded.status()));
  EXPECT_EQ(seeded.status().message(),
            StrCat("option seed: the store in ", dir_,
                   " was not created with seed 5 (a store keeps the seed it was "
                   "created with, or none); open it without a seed, or use a new "
                   "data_dir"));
  Open(Options());
}

TEST_F(PersistenceTest, AStoreCreatedWithASeedRefusesAnother) {
  engine_.reset();
  std::filesystem::remove_all(dir_);  // SetUp made it without a seed
  Open(Options(R"(, "seed": 5)"));
  std::string arn = CreateStageArn();
  Call("ivsrt:Reset", "{}");  // the seed outlives a reset, like the key it made
  engine_.reset();
  for (std::string_view other : {R"(, "seed": 6)", R"(, "seed": 50)", R"(, "seed": 0)"}) {
    absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Open(Options(other));
    ASSERT_FALSE(engine.ok()) << other;
    EXPECT_TRUE(absl::IsInvalidArgument(engine.status())) << other;
  }
  Open(Options(R"(, "seed": 5)"));
  EXPECT_EQ(CreateStageArn(), arn);  // the same seed, the same first id again
  Open(Options());                   // without a seed: fine, the store's own key
  EXPECT_NE(CreateStageArn(), arn);
}

TEST(EngineOptions, InvalidOptionsAreClearErrors) {
  for (std::string_view bad :
       {"[]", "{", R"({"nope": 1})", R"({"region": "US EAST"})", R"({"account_id": "12"})",
        R"({"durability": "maybe"})", R"({"seed": -1})", R"({"clock": "yesterday"})",
        R"({"quotas": {"stages": -1}})", R"({"quotas": {"channels": 1}})", R"({"strict": "yes"})",
        R"({"data_dir": ""})"}) {
    auto engine = Engine::Open(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(engine.status())) << bad << " " << engine.status();
  }
  auto ok = Engine::Open(R"({"region": "ap-south-1", "account_id": "000000000001",
                              "durability": "nosync", "clock": "system", "strict": false})");
  ASSERT_TRUE(ok.ok()) << ok.status();
  auto out = (*ok)->Invoke("CreateStage", "{}");
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("arn:aws:ivs:ap-south-1:000000000001:stage/"), std::string::npos);
}

TEST(EngineOptions, TemporaryStoresAreRemovedAtClose) {
  auto engine = Engine::Open("");
  ASSERT_TRUE(engine.ok());
  std::string dir = (*engine)->store().dir();
  EXPECT_TRUE(std::filesystem::exists(dir));
  engine->reset();
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace ivsrt::testing
