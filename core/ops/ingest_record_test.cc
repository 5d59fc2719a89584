#include "core/ops/ingest_record.h"

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

// The body is the output's members but arn and tags, alphabetical (WriteResource puts "tags"
// between streamKey and userId); the credentials only while redundantIngest.
TEST(IngestBody, IsTheOutputMembersInAlphabeticalOrder) {
  IngestBody body;
  body.ingest_protocol = "RTMPS";
  body.name = "obs";
  body.primary = {"AbCdEfGh1234", "rt_1_us-east-1_Id_s"};
  body.stage_arn = "";
  body.user_id = "u";
  EXPECT_EQ(EncodeIngestBody(body),
            R"({"attributes":{},"ingestProtocol":"RTMPS","name":"obs",)"
            R"("participantId":"AbCdEfGh1234","redundantIngest":false,"stageArn":"",)"
            R"("state":"INACTIVE","streamKey":"rt_1_us-east-1_Id_s","userId":"u"})");
  body.redundant_ingest = true;
  body.redundant = {{"Second123456", "rt_1_us-east-1_Id_t"}};
  body.active = true;
  body.attributes_json = R"({"k":"v"})";
  EXPECT_EQ(EncodeIngestBody(body),
            R"({"attributes":{"k":"v"},"ingestProtocol":"RTMPS","name":"obs",)"
            R"("participantId":"AbCdEfGh1234","redundantIngest":true,)"
            R"("redundantIngestCredentials":[{"participantId":"Second123456",)"
            R"("streamKey":"rt_1_us-east-1_Id_t"}],"stageArn":"","state":"ACTIVE",)"
            R"("streamKey":"rt_1_us-east-1_Id_s","userId":"u"})");
  absl::StatusOr<IngestBody> decoded = DecodeIngestBody(EncodeIngestBody(body));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->attributes_json, R"({"k":"v"})");
  EXPECT_EQ(decoded->primary.stream_key, "rt_1_us-east-1_Id_s");
  ASSERT_EQ(decoded->redundant.size(), 1u);
  EXPECT_EQ(decoded->redundant[0].participant_id, "Second123456");
  EXPECT_TRUE(decoded->active);
  EXPECT_TRUE(decoded->redundant_ingest);
}

TEST(IngestBody, CorruptBodiesAreInternalErrors) {
  EXPECT_TRUE(absl::IsInternal(DecodeIngestBody("[]").status()));
  EXPECT_TRUE(absl::IsInternal(DecodeIngestBody(R"({"name":5})").status()));
  EXPECT_TRUE(absl::IsInternal(DecodeIngestBody(R"({"redundantIngestCredentials":{}})").status()));
}

// rt_{account}_{region}_{id}_{secret} (NOTES.md 6): the secret may hold '_' (the model's
// pattern ends in `_.+`); anything else names no configuration.
TEST(IngestArnOfStreamKey, ReadsTheConfigurationFromTheKey) {
  EXPECT_EQ(IngestArnOfStreamKey("rt_123456789012_us-west-2_AbCdEfGh1234_abcd1234efgh"),
            "arn:aws:ivs:us-west-2:123456789012:ingest-configuration/AbCdEfGh1234");
  EXPECT_EQ(IngestArnOfStreamKey("rt_1_eu-west-1_Id_a_b"),
            "arn:aws:ivs:eu-west-1:1:ingest-configuration/Id");
  EXPECT_EQ(IngestArnOfStreamKey("rt_1_eu-west-1_Id_"), "");
  EXPECT_EQ(IngestArnOfStreamKey("sk_1_eu-west-1_Id_secret"), "");
  EXPECT_EQ(IngestArnOfStreamKey("rt_x1_eu-west-1_Id_secret"), "");
  EXPECT_EQ(IngestArnOfStreamKey("rt__eu-west-1_Id_secret"), "");
  EXPECT_EQ(IngestArnOfStreamKey("not-a-key"), "");
  EXPECT_EQ(IngestArnOfStreamKey(""), "");
}

}  // namespace
}  // namespace ivsrt
