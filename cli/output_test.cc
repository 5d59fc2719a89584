#include "cli/output.h"

#include <gtest/gtest.h>

#include "core/model/model.h"

namespace ivsrt::cli {
namespace {

TEST(OutputTest, IsoFormatMatchesPythonIsoformat) {
  EXPECT_EQ(IsoFormat("2023-03-07T09:47:43Z"), "2023-03-07T09:47:43+00:00");
  EXPECT_EQ(IsoFormat("2023-03-07T09:47:43.5Z"), "2023-03-07T09:47:43.500000+00:00");
  EXPECT_EQ(IsoFormat("2023-03-07T09:47:43.000Z"), "2023-03-07T09:47:43+00:00");
  EXPECT_EQ(IsoFormat("2023-03-07T09:47:43+00:00"), "2023-03-07T09:47:43+00:00");
  EXPECT_EQ(IsoFormat("not a time"), "not a time");
}

TEST(OutputTest, RewritesOnlyTimestampMembers) {
  const model::Operation* op = model::FindOperation("CreateParticipantToken");
  ASSERT_NE(op, nullptr);
  absl::StatusOr<Json> response =
      Json::Parse(R"({"participantToken":{"participantId":"2023-03-07T09:47:43Z",)"
                  R"("expirationTime":"2023-03-07T09:47:43Z"}})");
  ASSERT_TRUE(response.ok());
  FormatTimestamps(*response, op->output_shape);
  EXPECT_EQ(response->Compact(), R"({"participantToken":{"participantId":"2023-03-07T09:47:43Z",)"
                                 R"("expirationTime":"2023-03-07T09:47:43+00:00"}})");
}

TEST(OutputTest, EmptyResponsePrintsNothing) {
  EXPECT_EQ(OutputText(Json::Object()), "");
  absl::StatusOr<Json> j = Json::Parse(R"({"tags":{}})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(OutputText(*j), "{\n    \"tags\": {}\n}\n");
}

}  // namespace
}  // namespace ivsrt::cli
