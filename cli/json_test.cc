#include "cli/json.h"

#include <gtest/gtest.h>

#include <string>

namespace ivsrt::cli {
namespace {

TEST(JsonTest, PrettyPrintsLikePythonWithFourSpaces) {
  absl::StatusOr<Json> j =
      Json::Parse(R"({"b": [1, "x"], "a": {}, "c": [], "d": {"e": null, "f": true, "g": 2.50}})");
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(j->Pretty(),
            "{\n"
            "    \"b\": [\n"
            "        1,\n"
            "        \"x\"\n"
            "    ],\n"
            "    \"a\": {},\n"
            "    \"c\": [],\n"
            "    \"d\": {\n"
            "        \"e\": null,\n"
            "        \"f\": true,\n"
            "        \"g\": 2.50\n"
            "    }\n"
            "}");
}

TEST(JsonTest, KeepsMemberOrderAndCompactsWithoutSpaces) {
  absl::StatusOr<Json> j = Json::Parse(R"( { "z" : 1 , "a" : [ "q" ] } )");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->Compact(), R"({"z":1,"a":["q"]})");
}

TEST(JsonTest, EscapesOnlyWhatPythonEscapesWithEnsureAsciiOff) {
  absl::StatusOr<Json> j = Json::Parse(R"(["caf\u00e9 \"q\" \\ \n \t \u0001 /"])");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->Compact(), "[\"caf\xc3\xa9 \\\"q\\\" \\\\ \\n \\t \\u0001 /\"]");
}

TEST(JsonTest, ParsesScalarsAtTheRoot) {
  absl::StatusOr<Json> s = Json::Parse(R"("text")");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->is_string());
  EXPECT_EQ(s->text(), "text");
  absl::StatusOr<Json> n = Json::Parse("-12");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->kind(), Json::Kind::kNumber);
  EXPECT_EQ(n->text(), "-12");
}

TEST(JsonTest, RejectsMalformedText) {
  for (const char* bad :
       {"{\"a\":", "[1,]", "{\"a\" 1}", "{\"a\":1} x", "{\"a\":1}}", "tru", "", "1 2", "{a:1}"}) {
    EXPECT_FALSE(Json::Parse(bad).ok()) << bad;
  }
}

std::string NestedArrays(size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

std::string NestedObjects(size_t levels) {
  std::string out;
  for (size_t i = 0; i < levels; ++i) out += R"({"a":)";
  return out + "1" + std::string(levels, '}');
}

TEST(JsonTest, DeepNestingIsAnErrorNotACrash) {
  for (const std::string& deep :
       {NestedArrays(15000), NestedObjects(15000), "{\"x\":" + NestedArrays(100000) + "}",
        std::string(100000, '[')}) {
    absl::StatusOr<Json> j = Json::Parse(deep);
    ASSERT_FALSE(j.ok());
    EXPECT_EQ(j.status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(Json::Parse(NestedArrays(15000)).status().message(),
            "must not nest deeper than 64 levels");
}

TEST(JsonTest, NestsAsDeepAsTheEngineAcceptsAndNoDeeper) {
  absl::StatusOr<Json> deepest = Json::Parse(NestedObjects(kMaxJsonDepth));
  ASSERT_TRUE(deepest.ok()) << deepest.status();
  EXPECT_EQ(deepest->Compact(), NestedObjects(kMaxJsonDepth));
  EXPECT_TRUE(Json::Parse(NestedArrays(kMaxJsonDepth)).ok());
  EXPECT_FALSE(Json::Parse(NestedObjects(kMaxJsonDepth + 1)).ok());
  EXPECT_FALSE(Json::Parse(NestedArrays(kMaxJsonDepth + 1)).ok());
}

TEST(JsonTest, SetReplacesInPlace) {
  Json o = Json::Object();
  o.Set("a", Json::String("1"));
  o.Set("b", Json::String("2"));
  o.Set("a", Json::String("3"));
  EXPECT_EQ(o.Compact(), R"({"a":"3","b":"2"})");
  ASSERT_NE(o.Find("b"), nullptr);
  EXPECT_EQ(o.Find("b")->text(), "2");
  EXPECT_EQ(o.Find("c"), nullptr);
}

}  // namespace
}  // namespace ivsrt::cli
