#include "core/ops/composition_record.h"

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

CompositionBody Sample() {
  CompositionBody body;
  body.stage_arn = "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh";
  body.state = "ACTIVE";
  body.start_time = "2026-01-02T03:04:05Z";
  body.layout_json = R"({"grid":{"gridGap":2}})";
  body.destinations.push_back({.id = "AabBCcdDEefF",
                               .state = "ACTIVE",
                               .start_time = "2026-01-02T03:04:07Z",
                               .configuration_json = R"({"name":"","s3":{}})",
                               .detail_json = R"({"s3":{"recordingPrefix":"p"}})"});
  body.idempotency_token = "tok";
  body.fingerprint = "[1]";
  body.session_started = true;
  body.next = CompositionStep::kIdleStop;
  body.next_due = 1767323105;
  return body;
}

TEST(CompositionBody, RoundTrips) {
  const CompositionBody body = Sample();
  auto decoded = DecodeCompositionBody(EncodeCompositionBody(body));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->stage_arn, body.stage_arn);
  EXPECT_EQ(decoded->state, "ACTIVE");
  EXPECT_EQ(decoded->start_time, body.start_time);
  EXPECT_EQ(decoded->end_time, "");
  EXPECT_EQ(decoded->layout_json, body.layout_json);
  ASSERT_EQ(decoded->destinations.size(), 1u);
  EXPECT_EQ(decoded->destinations[0].id, "AabBCcdDEefF");
  EXPECT_EQ(decoded->destinations[0].start_time, "2026-01-02T03:04:07Z");
  EXPECT_EQ(decoded->destinations[0].configuration_json, R"({"name":"","s3":{}})");
  EXPECT_EQ(decoded->destinations[0].detail_json, R"({"s3":{"recordingPrefix":"p"}})");
  EXPECT_EQ(decoded->idempotency_token, "tok");
  EXPECT_EQ(decoded->fingerprint, "[1]");
  EXPECT_TRUE(decoded->session_started);
  EXPECT_EQ(decoded->next, CompositionStep::kIdleStop);
  EXPECT_EQ(decoded->next_due, 1767323105);
}

// A RECONNECTING destination keeps when its reconnect ends and how, outside the summary.
TEST(CompositionBody, KeepsAReconnect) {
  CompositionBody body = Sample();
  body.destinations[0].state = "RECONNECTING";
  body.destinations[0].reconnect_due = 1767323135;
  body.destinations[0].reconnect_outcome = "FAILED";
  body.destinations.push_back(
      {.id = "GghHIijJKklL", .state = "ACTIVE", .configuration_json = R"({"channel":{}})"});
  const std::string encoded = EncodeCompositionBody(body);
  EXPECT_GT(encoded.find("reconnect"), encoded.find(R"("outputs")")) << encoded;
  auto decoded = DecodeCompositionBody(encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->destinations.size(), 2u);
  EXPECT_EQ(decoded->destinations[0].reconnect_due, 1767323135);
  EXPECT_EQ(decoded->destinations[0].reconnect_outcome, "FAILED");
  EXPECT_EQ(decoded->destinations[1].reconnect_due, 0);
  EXPECT_EQ(decoded->destinations[1].reconnect_outcome, "");
}

// The members CompositionSummary has come first in the body, alphabetically, holding only
// the summary's members: the generic List summary is a valid ListCompositions entry.
TEST(CompositionBody, SummaryMembersAreTheSummarysOwn) {
  EXPECT_EQ(EncodeCompositionBody(Sample()),
            R"({"destinations":[{"id":"AabBCcdDEefF","startTime":"2026-01-02T03:04:07Z",)"
            R"("state":"ACTIVE"}],"layout":{"grid":{"gridGap":2}},)"
            R"("next":{"due":1767323105,"step":"idle_stop"},)"
            R"("outputs":[{"configuration":{"name":"","s3":{}},)"
            R"("detail":{"s3":{"recordingPrefix":"p"}}}],)"
            R"("request":{"fingerprint":"[1]","token":"tok"},"sessionStarted":true,)"
            R"("stageArn":"arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",)"
            R"("startTime":"2026-01-02T03:04:05Z","state":"ACTIVE"})");
}

// The full Destination merges configuration and detail back, in alphabetical order.
TEST(CompositionBody, WritesTheFullComposition) {
  LoadedComposition c{
      .resource = {.arn = "arn:aws:ivs:us-east-1:123456789012:composition/x", .tags_json = "{}"},
      .body = Sample()};
  c.body.destinations[0].end_time = "2026-01-02T03:05:00Z";
  c.body.end_time = "2026-01-02T03:05:00Z";
  JsonWriter w;
  WriteComposition(w, c);
  EXPECT_EQ(w.str(),
            R"({"arn":"arn:aws:ivs:us-east-1:123456789012:composition/x","destinations":[)"
            R"({"configuration":{"name":"","s3":{}},"detail":{"s3":{"recordingPrefix":"p"}},)"
            R"("endTime":"2026-01-02T03:05:00Z","id":"AabBCcdDEefF",)"
            R"("startTime":"2026-01-02T03:04:07Z","state":"ACTIVE"}],)"
            R"("endTime":"2026-01-02T03:05:00Z","layout":{"grid":{"gridGap":2}},)"
            R"("stageArn":"arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh",)"
            R"("startTime":"2026-01-02T03:04:05Z","state":"ACTIVE","tags":{}})");
}

TEST(CompositionBody, CorruptBodiesAreInternalErrors) {
  EXPECT_TRUE(absl::IsInternal(DecodeCompositionBody("[]").status()));
  EXPECT_TRUE(absl::IsInternal(DecodeCompositionBody(R"({"destinations":[]})").status()));
  EXPECT_TRUE(absl::IsInternal(
      DecodeCompositionBody(R"({"destinations":[{"id":"a"}],"outputs":[]})").status()));
  EXPECT_TRUE(absl::IsInternal(
      DecodeCompositionBody(R"({"destinations":[],"outputs":[],"next":{"due":1,"step":"x"}})")
          .status()));
}

}  // namespace
}  // namespace ivsrt
