// A store written by ivsrt 0.1.0 (format 0, tests/data/store_v0) reopens with every stage,
// tag and token as that release answered them; a store of a later format is refused.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/ops/op_context.h"
#include "core/store/codec.h"
#include "core/store/store.h"
#include "core/store_format.h"
#include "core/strings.h"
#include "tests/child_process.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

const std::string kFixture = StrCat(IVSRT_SOURCE_DIR, "/tests/data/store_v0");

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The documents of a file of concatenated JSON values, each minified.
std::vector<std::string> MinifiedDocuments(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::padded_string text(ReadFile(path));
  simdjson::dom::document_stream docs;
  EXPECT_EQ(parser.parse_many(text).get(docs), simdjson::SUCCESS) << path;
  std::vector<std::string> out;
  for (auto doc : docs) {
    simdjson::dom::element element;
    EXPECT_EQ(doc.get(element), simdjson::SUCCESS) << path;
    out.push_back(simdjson::minify(element));
  }
  return out;
}

std::string Fixture(std::string_view name) { return StrCat(kFixture, "/", name); }

class StoreUpgradeTest : public EngineTest {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    std::filesystem::copy_file(Fixture("store/data.mdb"), dir_ + "/data.mdb");
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  void OpenAt(std::string_view clock) {
    Open(StrCat("{\"data_dir\": ", Quote(dir_), ", \"clock\": ", Quote(clock), "}"));
  }
  std::string dir_;
};

TEST_F(StoreUpgradeTest, EveryStageAndTagReadsAsTheOldReleaseAnsweredIt) {
  OpenAt("2026-11-29T21:06:00Z");
  EXPECT_EQ(Call("ListStages", "{}").Minified(""),
            MinifiedDocuments(Fixture("list_us_east_1.json")).at(0));
  EXPECT_EQ(engine_->InvokeIn("eu-west-1", "ListStages", "{}").value(),
            MinifiedDocuments(Fixture("list_eu_west_1.json")).at(0));
  std::vector<std::string> gets = MinifiedDocuments(Fixture("get_us_east_1.jsonl"));
  ASSERT_EQ(gets.size(), 3u);
  for (const std::string& expected : gets) {
    Json stage(expected);
    EXPECT_EQ(Call("GetStage", "{\"arn\": " + Quote(stage.Str("stage/arn")) + "}").Minified(""),
              expected);
  }
}

TEST_F(StoreUpgradeTest, TokensKeepTheirVerdicts) {
  Json alpha(ReadFile(Fixture("create_alpha.json")));
  Json bob(ReadFile(Fixture("token_bob.json")));
  // At the instant the fixture's tokens were issued: ann's (60 minutes) is still valid.
  Json claims(JwtPayload(alpha.Str("participantTokens/0/token")));
  OpenAt(FormatIso8601(absl::FromUnixSeconds(claims.Int("iat"))));
  auto verify = [&](const std::string& token) {
    return Call("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token) + "}");
  };
  EXPECT_TRUE(verify(alpha.Str("participantTokens/0/token")).Bool("valid"));
  EXPECT_TRUE(verify(alpha.Str("participantTokens/1/token")).Bool("valid"));
  Json revoked = verify(bob.Str("participantToken/token"));
  EXPECT_FALSE(revoked.Bool("valid"));
  EXPECT_EQ(revoked.Str("reason"), "revoked");
  // Disconnecting works on the upgraded participants.
  std::string arn = alpha.Str("stage/arn");
  Call("DisconnectParticipant", "{\"stageArn\": " + Quote(arn) + ", \"participantId\": " +
                                    Quote(alpha.Str("participantTokens/0/participantId")) + "}");
  EXPECT_EQ(verify(alpha.Str("participantTokens/0/token")).Str("reason"), "revoked");
}

TEST_F(StoreUpgradeTest, TheUpgradedStoreCountsPagesAndTagsLikeANewOne) {
  Open(StrCat("{\"data_dir\": ", Quote(dir_), ", \"quotas\": {\"stages\": 4}}"));
  // Three stages in us-east-1 came over: one more fits the quota of 4, the next does not.
  std::string arn = CreateStageArn(R"({"name": "new"})");
  EXPECT_EQ(ErrorOf("CreateStage", "{}"), "ServiceQuotaExceededException");
  std::string token;
  std::vector<std::string> page = ListStagesPage(3, token);
  EXPECT_EQ(page.size(), 3u);
  EXPECT_EQ(ListStagesPage(3, token), std::vector<std::string>{arn});
  Json alpha(ReadFile(Fixture("create_alpha.json")));
  std::string alpha_arn = alpha.Str("stage/arn");
  Call("TagResource", "{\"resourceArn\": " + Quote(alpha_arn) + ", \"tags\": {\"x\": \"y\"}}");
  EXPECT_EQ(Call("ListTagsForResource", "{\"resourceArn\": " + Quote(alpha_arn) + "}").Minified(""),
            R"({"tags":{"env":"ci","team":"red","x":"y"}})");
  Call("DeleteStage", "{\"arn\": " + Quote(alpha_arn) + "}");
  EXPECT_EQ(ErrorOf("ListTagsForResource", "{\"resourceArn\": " + Quote(alpha_arn) + "}"),
            "ResourceNotFoundException");
}

TEST_F(StoreUpgradeTest, ProcessesOpeningAtOnceUpgradeItOnce) {
  std::vector<Child> children;
  for (int i = 0; i < 3; ++i) {
    children.push_back(StartChild([&](int) {
      auto engine = Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_), "}"));
      if (!engine.ok()) return 1;
      auto list = (*engine)->Invoke("ListStages", "{}");
      return list.ok() && Json(*list).Size("stages") == 3 ? 0 : 2;
    }));
  }
  for (Child& child : children) {
    ChildEnd end = WaitChild(child, std::chrono::seconds(30));
    EXPECT_EQ(end.exit_code, 0);
  }
  OpenAt("2026-11-29T21:06:00Z");
  EXPECT_EQ(Call("ListStages", "{}").Size("stages"), 3u);
}

absl::Status PutFormatVersion(const std::string& dir, uint64_t version) {
  auto store = store::Store::Open(dir, store::Durability::kSync);
  if (!store.ok()) return store.status();
  return (*store)->Write([&](store::Txn& txn) {
    return txn.Put(store::Table::kMeta, kFormatVersionMetaKey, store::BigEndian64(version));
  });
}

TEST_F(StoreUpgradeTest, AStoreOfALaterFormatIsRefusedUntouched) {
  std::filesystem::remove(dir_ + "/data.mdb");
  ASSERT_TRUE(PutFormatVersion(dir_, kStoreFormatVersion + 1).ok());
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_), "}"));
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(std::string(engine.status().message()),
            StrCat("cannot open the store in ", dir_,
                   ": it was written by a later ivsrt (store format 2; this library reads "
                   "formats up to 1)"));
  // Refused, not rewritten: the next open is refused the same way.
  EXPECT_FALSE(Engine::Open(StrCat("{\"data_dir\": ", Quote(dir_), "}")).ok());
}

TEST_F(StoreUpgradeTest, ANewStoreIsWrittenInTheCurrentFormat) {
  std::filesystem::remove(dir_ + "/data.mdb");
  Open(StrCat("{\"data_dir\": ", Quote(dir_), "}"));
  CreateStageArn();
  engine_.reset();
  auto store = store::Store::Open(dir_, store::Durability::kSync);
  ASSERT_TRUE(store.ok());
  uint64_t version = 0;
  ASSERT_TRUE((*store)
                  ->Read([&](const store::Txn& txn) -> absl::Status {
                    auto bytes = txn.Get(store::Table::kMeta, kFormatVersionMetaKey);
                    if (bytes.ok() && bytes->has_value()) {
                      version = store::ParseBigEndian64(**bytes).value_or(0);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(version, kStoreFormatVersion);
}

}  // namespace
}  // namespace ivsrt::testing
