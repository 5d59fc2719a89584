#include "core/validate/pattern.h"

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/model/model.h"
#include "gtest/gtest.h"
#include "re2/re2.h"

namespace ivsrt {
namespace {

int PatternOfShape(std::string_view shape_name) {
  int shape = model::FindShape(shape_name);
  EXPECT_NE(shape, model::kNoShape) << shape_name;
  return shape == model::kNoShape ? model::kNoPattern : model::ShapeAt(shape).pattern;
}

int PatternIndex(std::string_view pattern) {
  for (size_t i = 0; i < model::Patterns().size(); ++i) {
    if (model::Patterns()[i] == pattern) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no such model pattern: " << pattern;
  return model::kNoPattern;
}

TEST(PatternTest, EveryModelPatternCompilesWithRe2) {
  ASSERT_FALSE(model::Patterns().empty());
  for (std::string_view p : model::Patterns()) {
    RE2 re(re2::StringPiece(p.data(), p.size()), RE2::Quiet);
    EXPECT_TRUE(re.ok()) << p << ": " << re.error();
  }
}

TEST(PatternTest, MatchesTheWholeStringNotASubstring) {
  const int name = PatternOfShape("StageName");  // [a-zA-Z0-9-_]*
  EXPECT_TRUE(MatchesPattern(name, ""));
  EXPECT_TRUE(MatchesPattern(name, "my-stage_01"));
  EXPECT_TRUE(MatchesPattern(name, "-"));
  EXPECT_TRUE(MatchesPattern(name, "_"));
  // Under search semantics the * would accept all of these.
  EXPECT_FALSE(MatchesPattern(name, "my stage"));
  EXPECT_FALSE(MatchesPattern(name, "stage.1"));
  EXPECT_FALSE(MatchesPattern(name, "stage!"));
  EXPECT_FALSE(MatchesPattern(name, "stage\n"));
  EXPECT_FALSE(MatchesPattern(name, "\xc3\xa9"));  // é
  EXPECT_FALSE(MatchesPattern(name, std::string_view("a\0b", 3)));
}

TEST(PatternTest, HyphenAfterARangeIsALiteral) {
  const int participant_id = PatternOfShape("ParticipantId");  // [a-zA-Z0-9-]*
  EXPECT_TRUE(MatchesPattern(participant_id, "abc-DEF-123"));
  EXPECT_FALSE(MatchesPattern(participant_id, "abc_DEF"));
  const int token_id = PatternOfShape("ParticipantTokenId");  // [a-zA-Z0-9-_]*
  EXPECT_TRUE(MatchesPattern(token_id, "abc_DEF-1"));
  EXPECT_FALSE(MatchesPattern(token_id, "abc.DEF"));
  // [a-zA-Z0-9-_] is not the range 9-_ (which would include ':' ... '^').
  EXPECT_FALSE(MatchesPattern(token_id, ":"));
  EXPECT_FALSE(MatchesPattern(token_id, "^"));
}

TEST(PatternTest, StageArn) {
  const int p = PatternOfShape("StageArn");
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"));
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:1:stage/a"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:channel/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:US-WEST-2:123456789012:stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:12345678901x:stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:svs:us-west-2:123456789012:stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/ab_cd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abcd/x"));
  EXPECT_FALSE(MatchesPattern(p, "xarn:aws:ivs:us-west-2:123456789012:stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abcd\n"));
}

TEST(PatternTest, ResourceArnFixUpAcceptsRealArns) {
  const int p = PatternOfShape("ResourceArn");
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh"));
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:composition/abcd"));
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:encoder-configuration/ab"));
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:s/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:s/"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:Stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/ab/cd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:svs:us-west-2:123456789012:stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2::stage/abcd"));
  EXPECT_FALSE(MatchesPattern(p, "stage/abcd"));
}

TEST(PatternTest, AnchoredAlternationAcceptsEmptyOrArn) {
  const int p = PatternOfShape("AutoParticipantRecordingStorageConfigurationArn");
  EXPECT_TRUE(MatchesPattern(p, ""));
  EXPECT_TRUE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:storage-configuration/abc"));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abc"));
  EXPECT_FALSE(MatchesPattern(p, " "));
  EXPECT_FALSE(MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:storage-configuration/abc\n"));
  EXPECT_FALSE(MatchesPattern(p, "\narn:aws:ivs:us-west-2:123456789012:storage-configuration/abc"));
}

TEST(PatternTest, TokensSessionsAndKeys) {
  const int next_token = PatternOfShape("PaginationToken");  // [a-zA-Z0-9+/=_-]*
  EXPECT_TRUE(MatchesPattern(next_token, "AbC+/=_-09"));
  EXPECT_FALSE(MatchesPattern(next_token, "abc def"));
  EXPECT_FALSE(MatchesPattern(next_token, "abc%3D"));

  const int session = PatternOfShape("StageSessionId");  // st-[a-zA-Z0-9]+
  EXPECT_TRUE(MatchesPattern(session, "st-1CVugbu2cf2n8"));
  EXPECT_FALSE(MatchesPattern(session, "st-"));
  EXPECT_FALSE(MatchesPattern(session, "ST-1CVugbu2cf2n8"));
  EXPECT_FALSE(MatchesPattern(session, "st-1CVugbu2cf2n-"));

  const int stream_key = PatternOfShape("StreamKey");  // rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+
  EXPECT_TRUE(MatchesPattern(stream_key, "rt_123_us-west-2_abcDEF_secret\xc3\xa9"));
  EXPECT_FALSE(MatchesPattern(stream_key, "rt_123_us-west-2_abcDEF_"));

  // \s and the escapes of the model's patterns reach RE2 as regex syntax, not
  // as characters.
  const int client = PatternOfShape("ParticipantClientAttribute");
  EXPECT_TRUE(MatchesPattern(client, "Chrome 120.0, macOS: 14;\tx_y"));
  EXPECT_FALSE(MatchesPattern(client, "\\s"));
  EXPECT_FALSE(MatchesPattern(client, "Chrome (120)"));

  const int key = PatternOfShape("PublicKeyMaterial");
  EXPECT_TRUE(MatchesPattern(key,
                             "-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE\n"
                             "-----END PUBLIC KEY-----\n"));
  EXPECT_TRUE(
      MatchesPattern(key, "-----BEGIN PUBLIC KEY-----\r\nMHYw+/=\r\n-----END PUBLIC KEY-----"));
  EXPECT_FALSE(MatchesPattern(key, "-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----"));
  EXPECT_FALSE(MatchesPattern(key, "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE"));
}

TEST(PatternTest, BadIndicesNeverMatch) {
  EXPECT_FALSE(MatchesPattern(model::kNoPattern, ""));
  EXPECT_FALSE(MatchesPattern(static_cast<int>(model::Patterns().size()), ""));
  EXPECT_TRUE(MatchesPattern(PatternIndex("[a-z0-9-.]*"), ""));
  EXPECT_FALSE(MatchesPattern(PatternIndex("[a-z0-9-.]+"), ""));
  EXPECT_TRUE(MatchesPattern(PatternIndex("[a-z0-9-.]+"), "my-bucket.logs"));
}

TEST(PatternTest, SafeToCallFromManyThreads) {
  const int p = PatternOfShape("StageArn");
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::vector<int> matched(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        matched[t] +=
            MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/abc" + std::to_string(i));
        matched[t] -= MatchesPattern(p, "arn:aws:ivs:us-west-2:123456789012:stage/");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : matched) EXPECT_EQ(m, 200);
}

}  // namespace
}  // namespace ivsrt
