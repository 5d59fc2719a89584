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

TEST(JsonWriter, FloatsAreWrittenAtFloatPrecision) {
  JsonWriter w;
  w.BeginArray().Float(29.97f).Float(30).Float(static_cast<float>(29.97000000001)).EndArray();
  EXPECT_EQ(w.str(), "[29.97,30,29.97]");
}

TEST(JsonWriter, SplicesTheMembersOfAStoredObject) {
  JsonWriter w;
  w.BeginObject().RawMembers("{}").Field("arn", "a").RawMembers(R"({"name":"n","s3":{"b":1}})");
  w.RawMembers("{}").Key("tags").Raw("{}").EndObject();
  EXPECT_EQ(w.str(), R"({"arn":"a","name":"n","s3":{"b":1},"tags":{}})");
  JsonWriter first;
  first.BeginObject().RawMembers(R"({"x":1})").Field("y", "z").EndObject();
  EXPECT_EQ(first.str(), R"({"x":1,"y":"z"})");
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
  AppendJsonString(out,
                   "a\xff"
                   "b\xc3");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\"");
  EXPECT_TRUE(simdjson::validate_utf8(out.data(), out.size()));
}

TEST(JsonWriter, EscapesAndChecksBytesPastTheFirstEightOfLongStrings) {
  std::string out;
  AppendJsonString(out,
                   "arn:aws:ivs:us-east-1:1/\"q\"\x1f"
                   "caf\xc3\xa9\\end");
  EXPECT_EQ(out, "\"arn:aws:ivs:us-east-1:1/\\\"q\\\"\\u001fcaf\xc3\xa9\\\\end\"");
  out.clear();
  AppendJsonString(out, "0123456789abcdef\xff");
  EXPECT_EQ(out, "\"0123456789abcdef\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString(out, "a plain ASCII name longer than eight bytes");
  EXPECT_EQ(out, "\"a plain ASCII name longer than eight bytes\"");
}

// The eight-byte block scan agrees with a byte-at-a-time
// escaper wherever in the string the special byte falls, before, across and after a block
// boundary.
TEST(JsonWriter, FindsTheSpecialByteAtEveryOffset) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else if (u < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      } else {
        out += c;
      }
    }
    return out + "\"";
  };
  for (std::string_view special : {"\"", "\\", "\x01", "\n", "\xc3\xa9", "\x7f", " ", "~"}) {
    for (size_t at = 0; at <= 40; ++at) {
      std::string s = std::string(at, 'a') + std::string(special) + std::string(40 - at, 'b');
      std::string out;
      AppendJsonString(out, s);
      EXPECT_EQ(out, reference(s)) << "at " << at;
    }
  }
  // Every length, so that the special byte is also in the tail after the last whole block
  // (of sixteen bytes, or eight).
  for (size_t length = 1; length <= 40; ++length) {
    for (size_t at = 0; at < length; ++at) {
      std::string s(length, 'a');
      s[at] = at % 2 == 0 ? '"' : '\x1f';
      std::string out;
      AppendJsonString(out, s);
      EXPECT_EQ(out, reference(s)) << "length " << length << " at " << at;
    }
  }
  std::string out;
  AppendJsonString(out, std::string(33, 'x') + "\xff");
  EXPECT_EQ(out, "\"" + std::string(33, 'x') + "\xEF\xBF\xBD\"");
}

TEST(JsonWriter, WritesOneStringFromItsPieces) {
  JsonWriter w;
  w.BeginObject().Key("url").StringOfPieces({"rtmp://", "host\"1", "/app/"}).EndObject();
  EXPECT_EQ(w.str(), R"({"url":"rtmp://host\"1/app/"})");
}

}  // namespace
}  // namespace ivsrt
