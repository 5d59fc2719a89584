#include "core/http_binding.h"

#include <string>

#include "core/errors.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

using model::Location;

const model::Operation& Op(std::string_view name) {
  const model::Operation* op = model::FindOperation(name);
  EXPECT_NE(op, nullptr) << name;
  return *op;
}

constexpr std::string_view kArn = "arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astage%2Fabc";

// BindHttpInput reads URI and query members as strings, and lists of strings:
// no other kind may travel there.
TEST(BindHttpInput, TheModelBindsOnlyStringsAndStringListsOutsideThePayload) {
  int bound = 0;
  for (const model::Operation& op : model::Operations()) {
    if (op.input_shape == model::kNoShape) continue;
    for (const model::Member& m : model::ShapeAt(op.input_shape).members) {
      if (m.location != Location::kUri && m.location != Location::kQuery) continue;
      const model::Shape& shape = model::ShapeAt(m.shape);
      bool strings = shape.type == model::Type::kString ||
                     (shape.type == model::Type::kList &&
                      model::ShapeAt(shape.member_shape).type == model::Type::kString);
      EXPECT_TRUE(strings) << op.name << "." << m.name;
      if (m.location == Location::kUri) {
        std::string label = "{" + std::string(m.location_name) + "}";
        EXPECT_NE(op.request_uri.find(label), std::string_view::npos) << op.name;
      }
      ++bound;
    }
  }
  EXPECT_EQ(bound,
            4);  // resourceArn of the three tag operations, UntagResource's tagKeys
}

TEST(BindHttpInput, UriAndQueryMembersComeFromThereOnly) {
  std::vector<UriLabel> labels = {{"resourceArn", kArn}};
  absl::StatusOr<std::string> tag =
      BindHttpInput(Op("TagResource"), labels, "resourceArn=q",
                    R"({"resourceArn": "zzz", "tags": {"a": "b"}, "x": [1, {"y": null}]})");
  ASSERT_TRUE(tag.ok()) << tag.status();
  EXPECT_EQ(*tag, R"({"resourceArn":"arn:aws:ivs:us-east-1:123456789012:stage/abc",)"
                  R"("tags":{"a": "b"},"x":[1, {"y": null}]})");
  absl::StatusOr<std::string> untag = BindHttpInput(
      Op("UntagResource"), labels, "tagKeys=a&other=1&tagKeys=b+c&tag%4Beys=d%2Be", "not json");
  ASSERT_TRUE(untag.ok()) << untag.status();
  EXPECT_EQ(*untag, R"({"resourceArn":"arn:aws:ivs:us-east-1:123456789012:stage/abc",)"
                    R"("tagKeys":["a","b c","d+e"]})");
  absl::StatusOr<std::string> list = BindHttpInput(Op("ListTagsForResource"), labels, "", "{]");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(*list, R"({"resourceArn":"arn:aws:ivs:us-east-1:123456789012:stage/abc"})");
}

TEST(BindHttpInput, PayloadOnlyOperationsTakeThePayloadAsIs) {
  absl::StatusOr<std::string> out = BindHttpInput(Op("CreateStage"), {}, "", "{}{ anything");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "{}{ anything");
}

TEST(BindHttpInput, BrokenEscapesAndPayloadsAreValidationErrorsNamingTheMember) {
  absl::StatusOr<std::string> path =
      BindHttpInput(Op("TagResource"), {{"resourceArn", "%ZZ"}}, "", "{}");
  EXPECT_TRUE(absl::IsInvalidArgument(path.status()));
  EXPECT_EQ(path.status().message(), "resourceArn: malformed percent-encoding in the request path");
  absl::StatusOr<std::string> query =
      BindHttpInput(Op("UntagResource"), {{"resourceArn", kArn}}, "tagKeys=%4", "");
  EXPECT_EQ(query.status().message(), "tagKeys: malformed percent-encoding in the query string");
  absl::StatusOr<std::string> payload =
      BindHttpInput(Op("TagResource"), {{"resourceArn", kArn}}, "", R"({}{"tags": {}})");
  EXPECT_EQ(payload.status().message(), "request body: malformed JSON");
}

}  // namespace
}  // namespace ivsrt
