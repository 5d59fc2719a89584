// Security: tokens cannot be forged or altered, the signing key never leaves
// the store, and the store's files are the owner's alone.
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base64url.h"
#include "core/hmac.h"
#include "core/ops/op_context.h"
#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

std::string Hex(std::string_view bytes, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string Base64Std(std::string_view bytes) {
  std::string s = Base64UrlEncode(bytes);
  for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (s.size() % 4) s += '=';
  return s;
}

class SecurityTest : public EngineTest {
 protected:
  std::string SigningKey() {
    std::string key;
    absl::Status read = engine_->store().Read([&](const store::Txn& txn) -> absl::Status {
      auto v = txn.Get(store::Table::kMeta, kSigningKeyMetaKey);
      if (!v.ok()) return v.status();
      if (v->has_value()) key = std::string(**v);
      return absl::OkStatus();
    });
    EXPECT_TRUE(read.ok()) << read;
    EXPECT_EQ(key.size(), kSha256Size);
    return key;
  }
  std::string Verdict(std::string_view token) {
    return Call("ivsrt:VerifyParticipantToken", "{\"token\": " + Quote(token) + "}").Str("reason");
  }
};

// Every claim, changed in every way we can think of, with the original
// signature kept.
TEST_F(SecurityTest, AnyChangedClaimBreaksTheSignature) {
  std::string arn = CreateStageArn();
  std::string token =
      Call("CreateParticipantToken",
           "{\"stageArn\": " + Quote(arn) + ", \"userId\": \"u\", \"attributes\": {\"a\": \"b\"}}")
          .Str("participantToken/token");
  ASSERT_EQ(Verdict(token), "");
  std::vector<std::string_view> parts = Split(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  std::string payload = JwtPayload(token);
  Json claims(payload);
  simdjson::dom::object object;
  ASSERT_EQ(claims.root().get_object().get(object), simdjson::SUCCESS);
  int variants = 0;
  for (auto field : object) {
    std::string name(field.key);
    std::string value = simdjson::minify(field.value);
    std::vector<std::string> replacements = {"null", "0", "\"\"", "{}", "[]", value + " "};
    if (field.value.is_string()) {
      std::string_view sv;
      ASSERT_EQ(field.value.get_string().get(sv), simdjson::SUCCESS);
      std::string s(sv);
      replacements.push_back(Quote(s + "x"));
      if (!s.empty()) replacements.push_back(Quote(s.substr(1)));
    } else if (int64_t n; field.value.get_int64().get(n) == simdjson::SUCCESS) {
      replacements.push_back(StrCat(n + 1));
      replacements.push_back(StrCat(n + 1000000));
    }
    std::string needle = Quote(name) + ":" + value;
    size_t at = payload.find(needle);
    ASSERT_NE(at, std::string::npos) << needle << " in " << payload;
    for (const std::string& r : replacements) {
      std::string forged = payload;
      forged.replace(at + Quote(name).size() + 1, value.size(), r);
      std::string forged_token = StrCat(parts[0], ".", Base64UrlEncode(forged), ".", parts[2]);
      EXPECT_EQ(Verdict(forged_token), "bad_signature") << forged;
      ++variants;
    }
    // The member dropped, and a member added.
    std::string dropped = payload;
    dropped.erase(at, needle.size());
    EXPECT_NE(Verdict(StrCat(parts[0], ".", Base64UrlEncode(dropped), ".", parts[2])), "");
  }
  std::string added = payload.substr(0, payload.size() - 1) + ",\"admin\":true}";
  EXPECT_EQ(Verdict(StrCat(parts[0], ".", Base64UrlEncode(added), ".", parts[2])), "bad_signature");
  EXPECT_GT(variants, 50);
  // The header too: another algorithm, with and without a signature.
  for (std::string_view header : {R"({"alg":"none","typ":"JWT"})", R"({"alg":"HS512","typ":"JWT"})",
                                  R"({"alg":"ES384","typ":"JWT"})"}) {
    std::string body = StrCat(Base64UrlEncode(header), ".", parts[1]);
    EXPECT_NE(Verdict(body + "."), "");
    EXPECT_NE(Verdict(StrCat(body, ".", parts[2])), "");
  }
}

TEST_F(SecurityTest, TokensSignedWithAnotherKeyNeverVerify) {
  std::string arn = CreateStageArn();
  std::string token = Call("CreateParticipantToken", "{\"stageArn\": " + Quote(arn) + "}")
                          .Str("participantToken/token");
  std::vector<std::string_view> parts = Split(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  std::string signing_input = StrCat(parts[0], ".", parts[1]);
  std::string key = SigningKey();
  // Re-signed with the genuine key it verifies (so the forgeries below are well
  // formed) ...
  EXPECT_EQ(Verdict(StrCat(signing_input, ".", Base64UrlEncode(HmacSha256(key, signing_input)))),
            "");
  // ... and with any other key it does not.
  std::string near = key;
  near[0] ^= 1;
  for (std::string other : {near, std::string(32, '\0'), RandomBytes(32), std::string("secret"),
                            std::string(), key + "x", key.substr(0, 31)}) {
    EXPECT_EQ(
        Verdict(StrCat(signing_input, ".", Base64UrlEncode(HmacSha256(other, signing_input)))),
        "bad_signature");
  }
  // A token of another store (another seed, hence another key).
  auto other = Engine::Open(R"({"seed": 43, "clock": "2026-01-02T03:04:05Z"})");
  ASSERT_TRUE(other.ok());
  auto other_stage = (*other)->Invoke("CreateStage", R"({"participantTokenConfigurations": [{}]})");
  ASSERT_TRUE(other_stage.ok());
  EXPECT_EQ(Verdict(Json(*other_stage).Str("participantTokens/0/token")), "bad_signature");
}

// ivsrt:Reset restarts the id counter, so the same stage ARN and participant id
// come back; a token from before the reset must not verify for the new
// participant under its id.
TEST_F(SecurityTest, TokenFromBeforeResetDoesNotComeBackWithReplayedIds) {
  Json first = Call("CreateStage", R"({"participantTokenConfigurations": [{"userId": "old"}]})");
  std::string token = first.Str("participantTokens/0/token");
  ASSERT_EQ(Verdict(token), "");
  Call("ivsrt:Reset", "{}");
  EXPECT_EQ(Verdict(token), "stage_deleted");
  Call("ivsrt:AdvanceClock",
       R"({"seconds": 1})");  // a later token: other iat and exp
  Json again = Call("CreateStage", R"({"participantTokenConfigurations": [{"userId": "new"}]})");
  ASSERT_EQ(again.Str("stage/arn"),
            first.Str("stage/arn"));  // the ids did replay
  ASSERT_EQ(again.Str("participantTokens/0/participantId"),
            first.Str("participantTokens/0/participantId"));
  EXPECT_EQ(Verdict(again.Str("participantTokens/0/token")), "");
  EXPECT_EQ(Verdict(token), "revoked");
}

// Read the key from the store's meta table, then look for it in everything
// every API says.
TEST_F(SecurityTest, NoApiReturnsTheSigningKey) {
  std::string key = SigningKey();
  std::string all;
  auto record = [&](const absl::StatusOr<std::string>& r) {
    all += r.ok() ? *r : std::string(r.status().message());
    all += "\n";
  };
  Json created = Call("CreateStage", R"({"name": "s", "tags": {"a": "b"},
                                         "participantTokenConfigurations": [{}, {"userId": "x"}]})");
  std::string arn = created.Str("stage/arn");
  all += created.text();
  std::string q = Quote(arn);
  std::vector<std::pair<std::string, std::string>> calls = {
      {"GetStage", "{\"arn\": " + q + "}"},
      {"ListStages", R"({"maxResults": 1})"},
      {"UpdateStage", "{\"arn\": " + q + ", \"name\": \"t\"}"},
      {"CreateParticipantToken", "{\"stageArn\": " + q + ", \"duration\": 20160}"},
      {"DisconnectParticipant", "{\"stageArn\": " + q + ", \"participantId\": \"nope\"}"},
      {"TagResource", "{\"resourceArn\": " + q + ", \"tags\": {\"c\": \"d\"}}"},
      {"ListTagsForResource", "{\"resourceArn\": " + q + "}"},
      {"UntagResource", "{\"resourceArn\": " + q + ", \"tagKeys\": [\"c\"]}"},
      {"ivsrt:VerifyParticipantToken",
       "{\"token\": " + Quote(created.Str("participantTokens/0/token")) + "}"},
      {"ivsrt:VerifyParticipantToken", R"({"token": "a.b.c"})"},
      {"ivsrt:GetClock", "{}"},
      {"ivsrt:AdvanceClock", R"({"seconds": 1})"},
      {"ListStages", R"({"nextToken": "forged"})"},
      {"GetStage", R"({"arn": 5})"},
      {"CreateEncoderConfiguration", "{}"},
      {"DeleteStage", "{\"arn\": " + q + "}"},
      {"ivsrt:Reset", "{}"},
      {"ListStages", "{}"},
  };
  for (const auto& [op, body] : calls) record(engine_->Invoke(op, body));
  for (std::string_view target : {"/ListStages", "/GetStage", "/Nope", "/tags/x"}) {
    HttpResponse r = engine_->Http(HttpRequest{"POST", target, "", "{}"});
    all += r.headers + r.body + "\n";
  }
  std::string lower = all;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(all.find(key), std::string::npos);
  EXPECT_EQ(lower.find(Hex(key, false)), std::string::npos);
  std::string b64url = Base64UrlEncode(key);
  std::string b64 = Base64Std(key);
  // Any 16-character window of an encoding would already be a leak of 12 key
  // bytes.
  for (size_t i = 0; i + 16 <= b64url.size(); i += 4) {
    EXPECT_EQ(all.find(b64url.substr(i, 16)), std::string::npos);
    EXPECT_EQ(all.find(b64.substr(i, 16)), std::string::npos);
  }
  EXPECT_GT(all.size(), 2000u);  // the search covered real output
}

TEST_F(SecurityTest, DataDirFilesAreOwnerOnlyWhateverTheUmask) {
  std::string dir = TempDir() + "/store";
  mode_t old_mask = umask(0);
  Open(StrCat("{\"data_dir\": ", Quote(dir), "}"));
  umask(old_mask);
  CreateStageArn();
  struct stat st;
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ASSERT_EQ(stat(entry.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0077, 0u) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 2);  // data.mdb and lock.mdb
  engine_.reset();
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

}  // namespace
}  // namespace ivsrt::testing
