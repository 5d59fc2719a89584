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
  EXPECT_EQ(Parsed("Key1=Value1,Key2=Value2"),
            R"({"Key1":"Value1","Key2":"Value2"})");
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
  EXPECT_EQ(
      Parsed("mediaTypes=[AUDIO_ONLY],thumbnailConfiguration={recordingMode="
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
  EXPECT_EQ(Parsed("abc"),
            "error: Expected: '=', received: EOF for input:\nabc\n   ^");
  EXPECT_EQ(Parsed("a=b,=c"),
            "error: Expected: a key, received: '=' for input:\na=b,=c\n    ^");
  EXPECT_NE(Parsed("a=1,a=2").find("Second instance of key \"a\""),
            std::string::npos);
  EXPECT_NE(Parsed("a='open").find("Expected: a closing '"), std::string::npos);
  EXPECT_NE(Parsed("a={b=c").find("error: "), std::string::npos);
}

TEST(ShorthandTest, ErrorsQuoteLongInputShortly) {
  const std::string value(50000, 'x');
  const std::string parsed = Parsed(value);
  EXPECT_LT(parsed.size(), 300u);
  // The caret still points at where parsing stopped: after the last byte.
  EXPECT_TRUE(
      parsed.ends_with("xxx\n" + std::string(3 + kMaxEchoedBytes, ' ') + "^"))
      << parsed;
  const std::string repeated = "k=1," + value + "=2,k=3";
  EXPECT_LT(Parsed(repeated).size(), 300u);
  const std::string long_key = value + "=1," + value + "=2";
  EXPECT_LT(Parsed(long_key).size(), 300u);
}

}  // namespace
}  // namespace ivsrt::cli
