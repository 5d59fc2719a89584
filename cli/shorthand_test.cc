#include "cli/shorthand.h"

#include <gtest/gtest.h>

#include <string>

#include "cli/text.h"

namespace ivsrt::cli {
namespace {

std::string Parsed(std::string_view input) {
  absl::StatusOr<Json> j = ParseShorthand(input);
  if (!j.ok()) return "error: " + std::string(Msg(j.status().message()));
  return j->Compact();
}

TEST(ShorthandTest, KeyValuePairs) {
  EXPECT_EQ(Parsed("Key1=Value1,Key2=Value2"), R"({"Key1":"Value1","Key2":"Value2"})");
  EXPECT_EQ(Parsed("userId=alice"), R"({"userId":"alice"})");
  EXPECT_EQ(Parsed("a = b , c = d"), R"({"a":"b","c":"d"})");
}

TEST(ShorthandTest, CommaSeparatedValuesBecomeAList) {
  EXPECT_EQ(Parsed("userId=a,capabilities=PUBLISH,SUBSCRIBE"),
            R"({"userId":"a","capabilities":["PUBLISH","SUBSCRIBE"]})");
  EXPECT_EQ(Parsed("capabilities=PUBLISH,SUBSCRIBE,userId=a"),
            R"({"capabilities":["PUBLISH","SUBSCRIBE"],"userId":"a"})");
  EXPECT_EQ(Parsed("a=b,c"), R"({"a":["b","c"]})");
}

TEST(ShorthandTest, ExplicitListsAndNestedStructures) {
  EXPECT_EQ(Parsed("mediaTypes=[AUDIO_ONLY],thumbnailConfiguration={recordingMode="
                   "INTERVAL,"
                   "storage=[SEQUENTIAL,LATEST]}"),
            R"({"mediaTypes":["AUDIO_ONLY"],"thumbnailConfiguration":)"
            R"({"recordingMode":"INTERVAL","storage":["SEQUENTIAL","LATEST"]}})");
  EXPECT_EQ(Parsed("attributes={k1=v1,k2=v2},userId=u"),
            R"({"attributes":{"k1":"v1","k2":"v2"},"userId":"u"})");
  EXPECT_EQ(Parsed("a=[]"), R"({"a":[]})");
}

TEST(ShorthandTest, QuotesAndEscapedCommas) {
  EXPECT_EQ(Parsed("a='x,y=z',b=\"q\\\"r\""), R"({"a":"x,y=z","b":"q\"r"})");
  EXPECT_EQ(Parsed("a=x\\,y"), R"({"a":"x,y"})");
  EXPECT_EQ(Parsed("a=b=c"), R"({"a":"b=c"})");
  EXPECT_EQ(Parsed("a="), R"({"a":""})");
}

TEST(ShorthandTest, ErrorsPointAtTheProblem) {
  EXPECT_EQ(Parsed("abc"), "error: Expected: '=', received: EOF for input:\nabc\n   ^");
  EXPECT_EQ(Parsed("a=b,=c"), "error: Expected: a key, received: '=' for input:\na=b,=c\n    ^");
  EXPECT_NE(Parsed("a=1,a=2").find("Second instance of key \"a\""), std::string::npos);
  EXPECT_NE(Parsed("a='open").find("Expected: a closing '"), std::string::npos);
  EXPECT_NE(Parsed("a={b=c").find("error: "), std::string::npos);
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// a={b={b=...c...}}: the parameter's object and `levels` more.
std::string Nested(size_t levels) {
  return "a=" + Repeat("{b=", levels) + "c" + Repeat("}", levels);
}

TEST(ShorthandTest, DeepNestingIsAnErrorNotACrash) {
  for (const std::string& deep :
       {Nested(15000), "a=" + Repeat("[", 15000), "a=" + Repeat("[{b=", 20000)}) {
    const std::string parsed = Parsed(deep);
    EXPECT_TRUE(parsed.starts_with("error: must not nest deeper than 64 levels"))
        << parsed.substr(0, 200);
    EXPECT_LT(parsed.size(), 200u);
  }
}

TEST(ShorthandTest, NestsAsDeepAsJsonAndNoDeeper) {
  // The parameter's own object is the first level.
  const int inner = kMaxJsonDepth - 1;
  EXPECT_EQ(Parsed(Nested(inner)),
            R"({"a":)" + Repeat(R"({"b":)", inner) + R"("c")" + Repeat("}", inner + 1));
  EXPECT_TRUE(Parsed(Nested(inner + 1)).starts_with("error: "));
}

TEST(ShorthandTest, ErrorsQuoteLongInputShortly) {
  const std::string value(50000, 'x');
  const std::string parsed = Parsed(value);
  EXPECT_LT(parsed.size(), 300u);
  // The caret still points at where parsing stopped: after the last byte.
  EXPECT_TRUE(parsed.ends_with("xxx\n" + std::string(3 + kMaxEchoedBytes, ' ') + "^")) << parsed;
  const std::string repeated = "k=1," + value + "=2,k=3";
  EXPECT_LT(Parsed(repeated).size(), 300u);
  const std::string long_key = value + "=1," + value + "=2";
  EXPECT_LT(Parsed(long_key).size(), 300u);
}

}  // namespace
}  // namespace ivsrt::cli
