// TagResource, UntagResource, ListTagsForResource.
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class TagsTest : public EngineTest {
 protected:
  std::string TagBody(std::string_view arn, std::string_view tags) {
    return StrCat("{\"resourceArn\": ", Quote(arn), ", \"tags\": ", tags, "}");
  }
  std::string Tags(int from, int to) {
    std::string out = "{";
    for (int i = from; i < to; ++i) StrAppend(&out, i > from ? "," : "", "\"k", i, "\": \"v\"");
    return out + "}";
  }
  Json List(std::string_view arn) {
    return Call("ListTagsForResource", "{\"resourceArn\": " + Quote(arn) + "}");
  }
};

TEST_F(TagsTest, TagMergesUntagRemovesListShows) {
  std::string arn = CreateStageArn(R"({"tags": {"a": "1", "b": "2"}})");
  EXPECT_EQ(Call("TagResource", TagBody(arn, R"({"b": "20", "c": ""})")).text(), "{}");
  Json tags = List(arn);
  EXPECT_EQ(tags.Size("tags"), 3u);
  EXPECT_EQ(tags.Str("tags/a"), "1");
  EXPECT_EQ(tags.Str("tags/b"), "20");
  EXPECT_TRUE(tags.Has("tags/c"));
  EXPECT_EQ(
      Call("UntagResource", "{\"resourceArn\": " + Quote(arn) + R"(, "tagKeys": ["a", "absent"]})")
          .text(),
      "{}");
  tags = List(arn);
  EXPECT_EQ(tags.Size("tags"), 2u);
  EXPECT_FALSE(tags.Has("tags/a"));
  EXPECT_EQ(Call("GetStage", "{\"arn\": " + Quote(arn) + "}").Size("stage/tags"), 2u);
  EXPECT_EQ(Call("TagResource", TagBody(arn, "{}")).text(), "{}");
  EXPECT_EQ(List(arn).Size("tags"), 2u);
}

TEST_F(TagsTest, FiftyTagsAtMostAfterTheMerge) {
  std::string arn = CreateStageArn("{\"tags\": " + Tags(0, 40) + "}");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, Tags(40, 51))), "ValidationException");
  EXPECT_EQ(List(arn).Size("tags"), 40u);                                   // nothing changed
  EXPECT_EQ(Call("TagResource", TagBody(arn, Tags(30, 50))).text(), "{}");  // overlap: 50
  EXPECT_EQ(List(arn).Size("tags"), 50u);
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, R"({"one-more": "x"})")), "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStage", "{\"tags\": " + Tags(0, 51) + "}"), "ValidationException");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, Tags(0, 51))), "ValidationException");
}

TEST_F(TagsTest, ReservedPrefixAndLengths) {
  std::string arn = CreateStageArn();
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, R"({"aws:x": "1"})")), "ValidationException");
  EXPECT_EQ(
      ErrorOf("UntagResource", "{\"resourceArn\": " + Quote(arn) + R"(, "tagKeys": ["aws:x"]})"),
      "ValidationException");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, R"({"": "1"})")), "ValidationException");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, "{" + Quote(std::string(129, 'k')) + ": \"\"}")),
            "ValidationException");
  EXPECT_EQ(Call("TagResource", TagBody(arn, "{" + Quote(std::string(128, 'k')) + ": " +
                                                 Quote(std::string(256, 'v')) + "}"))
                .text(),
            "{}");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, R"({"k": )" + Quote(std::string(257, 'v')) + "}")),
            "ValidationException");
  EXPECT_EQ(ErrorOf("TagResource", "{\"resourceArn\": " + Quote(arn) + "}"), "ValidationException");
  EXPECT_EQ(ErrorOf("UntagResource", "{\"resourceArn\": " + Quote(arn) + "}"),
            "ValidationException");
  EXPECT_EQ(List(arn).Size("tags"), 1u);
}

TEST_F(TagsTest, MalformedArnsAreValidationWellFormedUnknownOnesNotFound) {
  for (std::string_view bad :
       {"", "arn", "arn:aws:ivs:us-east-1:123456789012:stage",
        "arn:aws:ivs:us-east-1:123456789012:/abc", "arn:aws:ivs:US-EAST-1:123456789012:stage/abc",
        "arn:aws:s3:us-east-1:123456789012:stage/abc",
        "arn:aws:ivs:us-east-1:12345678901x:stage/abc",
        "arn:aws:ivs:us-east-1:123456789012:stage/ab_c"}) {
    EXPECT_EQ(ErrorOf("ListTagsForResource", "{\"resourceArn\": " + Quote(bad) + "}"),
              "ValidationException")
        << bad;
    EXPECT_EQ(ErrorOf("TagResource", TagBody(bad, R"({"a": "b"})")), "ValidationException") << bad;
  }
  for (std::string_view unknown : {"arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",
                                   "arn:aws:ivs:us-east-1:123456789012:composition/abcdABCDefgh",
                                   "arn:aws:ivs:us-east-1:123456789012:channel/abcdABCDefgh"}) {
    EXPECT_EQ(ErrorOf("ListTagsForResource", "{\"resourceArn\": " + Quote(unknown) + "}"),
              "ResourceNotFoundException")
        << unknown;
    EXPECT_EQ(ErrorOf("TagResource", TagBody(unknown, R"({"a": "b"})")),
              "ResourceNotFoundException");
    EXPECT_EQ(
        ErrorOf("UntagResource", "{\"resourceArn\": " + Quote(unknown) + R"(, "tagKeys": []})"),
        "ResourceNotFoundException");
  }
}

TEST_F(TagsTest, DeletedStagesLoseTheirTags) {
  std::string arn = CreateStageArn(R"({"tags": {"a": "1"}})");
  Call("DeleteStage", "{\"arn\": " + Quote(arn) + "}");
  EXPECT_EQ(ErrorOf("TagResource", TagBody(arn, R"({"a": "b"})")), "ResourceNotFoundException");
}

}  // namespace
}  // namespace ivsrt::testing
