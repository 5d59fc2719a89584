#include "core/json/writer.h"

#include "gtest/gtest.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

TEST(JsonWriter, WritesCommasKeysAndNesting) {
  JsonWriter w;
  w.BeginObject().Field("a", "x").Key("b").BeginArray().Int(1).Int(-2).Bool(true).EndArray();
  w.Key("c").BeginObject().EndObject().Key("d").Raw("{\"e\":null}").Key("f").Double(0.5);
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":"x","b":[1,-2,true],"c":{},"d":{"e":null},"f":0.5})");
}

TEST(JsonWriter, EscapesControlCharactersQuotesAndBackslashes) {
  std::string out;
  AppendJsonString(out, std::string("a\"b\\c\n\t\x01\0z", 10));
  EXPECT_EQ(out, R"("a\"b\\c\n\t\u0001\u0000z")");
}

TEST(JsonWriter, KeepsUtf8AndReplacesInvalidBytes) {
  std::string out;
  AppendJsonString(out, "caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(out, "\"caf\xc3\xa9 \xe2\x82\xac\"");
  out.clear();
  AppendJsonString(out, "a\xff" "b\xc3");
  EXPECT_EQ(out, "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
  EXPECT_TRUE(simdjson::validate_utf8(out.data(), out.size()));
}

}  // namespace
}  // namespace ivsrt
