#include "tests/response_checker.h"

#include <string>

#include "core/strings.h"
#include "gtest/gtest.h"

namespace ivsrt::testing {
namespace {

constexpr std::string_view kStage =
    R"({"arn":"arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh","name":"a",)"
    R"("tags":{"k":"v"},"autoParticipantRecordingConfiguration":{"storageConfigurationArn":"",)"
    R"("mediaTypes":["AUDIO_VIDEO"],"thumbnailConfiguration":{"targetIntervalSeconds":60,)"
    R"("storage":["SEQUENTIAL"],"recordingMode":"DISABLED"},"recordingReconnectWindowSeconds":0,)"
    R"("hlsConfiguration":{"targetSegmentDurationSeconds":6},"recordParticipantReplicas":true},)"
    R"("endpoints":{"events":"wss://global.events.live-video.net"}})";

std::string StageResponse(std::string_view stage) { return StrCat(R"({"stage":)", stage, "}"); }

std::string TokenResponse(std::string_view members) {
  return StrCat(R"({"participantToken":{"participantId":"p","token":"t")", members, "}}");
}

// The message of a refusal, or "OK".
std::string Verdict(std::string_view operation, std::string_view response) {
  absl::Status status = CheckResponse(operation, response);
  if (status.ok()) return "OK";
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return std::string(status.message());
}

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return out.replace(at, from.size(), to);
}

TEST(CheckResponse, AcceptsWhatTheModelDescribes) {
  EXPECT_EQ(Verdict("GetStage", StageResponse(kStage)), "OK");
  EXPECT_EQ(Verdict("CreateStage", StrCat(R"({"participantTokens":[],"stage":)", kStage, "}")),
            "OK");
  EXPECT_EQ(Verdict("ListStages", R"({"stages":[{"arn":"x","tags":{}}],"nextToken":"n"})"), "OK");
  EXPECT_EQ(Verdict("DeleteStage", "{}"), "OK");
  EXPECT_EQ(Verdict("CreateParticipantToken",
                    TokenResponse(R"(,"duration":720,"capabilities":["PUBLISH","SUBSCRIBE"],)"
                                  R"("attributes":{"role":"host"},)"
                                  R"("expirationTime":"2026-03-01T12:00:00Z")")),
            "OK");
}

TEST(CheckResponse, RefusesAMissingRequiredMember) {
  EXPECT_EQ(Verdict("ListStages", "{}"), "stages: is required by ListStagesResponse and missing");
  EXPECT_EQ(
      Verdict("GetStage", StageResponse(Replace(kStage, R"("storageConfigurationArn":"",)", ""))),
      "stage.autoParticipantRecordingConfiguration.storageConfigurationArn: is required by "
      "AutoParticipantRecordingConfiguration and missing");
}

TEST(CheckResponse, RefusesAWrongJsonType) {
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, R"("name":"a")", R"("name":7)"))),
            "stage.name: must be a JSON string, got 7");
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, R"("name":"a")", R"("name":null)"))),
            "stage.name: must be a JSON string, got null");
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, "true", R"("true")"))),
            "stage.autoParticipantRecordingConfiguration.recordParticipantReplicas: must be true "
            "or false, got \"true\"");
  EXPECT_EQ(Verdict("ListTagsForResource", R"({"tags":{"k":1}})"),
            "tags.k: must be a JSON string, got 1");
  EXPECT_EQ(Verdict("ListStages", R"({"stages":{}})"),
            "stages: must be a JSON array (StageSummaryList), got {}");
  EXPECT_EQ(Verdict("DeleteStage", "[]"),
            "response: must be a JSON object (DeleteStageResponse), got []");
}

TEST(CheckResponse, IntegersAreWholeAndWithin32Bits) {
  EXPECT_EQ(Verdict("CreateParticipantToken", TokenResponse(R"(,"duration":720.0)")),
            "participantToken.duration: must be a JSON integer within 32 bits, got 720.0");
  EXPECT_EQ(Verdict("CreateParticipantToken", TokenResponse(R"(,"duration":2147483648)")),
            "participantToken.duration: must be a JSON integer within 32 bits, got 2147483648");
  EXPECT_EQ(Verdict("CreateParticipantToken", TokenResponse(R"(,"duration":-2147483648)")), "OK");
}

TEST(CheckResponse, FloatsAreAnyNumber) {
  auto encoder = [](std::string_view framerate) {
    return StrCat(R"({"encoderConfiguration":{"arn":"a","video":{"framerate":)", framerate,
                  R"(,"width":1280,"height":720,"bitrate":2500000}}})");
  };
  EXPECT_EQ(Verdict("GetEncoderConfiguration", encoder("30")), "OK");
  EXPECT_EQ(Verdict("GetEncoderConfiguration", encoder("29.97")), "OK");
  EXPECT_EQ(Verdict("GetEncoderConfiguration", encoder(R"("30")")),
            "encoderConfiguration.video.framerate: must be a JSON number, got \"30\"");
}

TEST(CheckResponse, RefusesAValueOutsideAnEnum) {
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, "DISABLED", "OFF"))),
            "stage.autoParticipantRecordingConfiguration.thumbnailConfiguration.recordingMode: "
            "must be one of the values of ThumbnailRecordingMode, got \"OFF\"");
  EXPECT_EQ(Verdict("CreateParticipantToken", TokenResponse(R"(,"capabilities":["publish"])")),
            "participantToken.capabilities.0: must be one of the values of "
            "ParticipantTokenCapability, got \"publish\"");
}

// The AWS CLI's start-composition example answers videoFillMode "" for an unset fill mode.
TEST(CheckResponse, TakesAnEmptyStringForAnUnsetEnum) {
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, "\"DISABLED\"", "\"\""))), "OK");
}

TEST(CheckResponse, RefusesABadNestedShape) {
  EXPECT_EQ(Verdict("GetStage",
                    StageResponse(Replace(kStage, R"({"targetSegmentDurationSeconds":6})", "[6]"))),
            "stage.autoParticipantRecordingConfiguration.hlsConfiguration: must be a JSON object "
            "(ParticipantRecordingHlsConfiguration), got [6]");
  EXPECT_EQ(Verdict("ListStages", R"({"stages":[{"arn":"x"},{"name":"no arn"}]})"),
            "stages.1.arn: is required by StageSummary and missing");
  EXPECT_EQ(
      Verdict("CreateStage", R"({"participantTokens":[{"token":"t","capabilities":"PUBLISH"}]})"),
      "participantTokens.0.capabilities: must be a JSON array (ParticipantTokenCapabilities), "
      "got \"PUBLISH\"");
}

TEST(CheckResponse, TimestampsAreIso8601Strings) {
  auto expiring = [](std::string_view time) {
    return TokenResponse(StrCat(R"(,"expirationTime":)", time));
  };
  EXPECT_EQ(Verdict("CreateParticipantToken", expiring("1772366400")),
            "participantToken.expirationTime: must be an ISO-8601 date-time string, got "
            "1772366400");
  EXPECT_EQ(Verdict("CreateParticipantToken", expiring(R"("2026-03-01 12:00:00")")),
            "participantToken.expirationTime: must be an ISO-8601 date-time string, got "
            "\"2026-03-01 12:00:00\"");
  EXPECT_EQ(Verdict("CreateParticipantToken", expiring(R"("2026-03-01T12:00:00.250+01:00")")),
            "OK");
}

TEST(CheckResponse, RefusesAMemberTheShapeDoesNotHave) {
  EXPECT_EQ(Verdict("GetStage", StageResponse(Replace(kStage, R"("name":"a")",
                                                      R"("name":"a","state":"ACTIVE")"))),
            "stage.state: is not a member of Stage");
  EXPECT_EQ(Verdict("DeleteStage", R"({"stage":{}})"),
            "stage: is not a member of DeleteStageResponse");
  // A member the model sends as an HTTP header has no place in the body.
  EXPECT_EQ(Verdict("StopParticipantReplication", R"({"cacheControl":"no-store"})"),
            "cacheControl: is not a member of StopParticipantReplicationResponse");
  // ivsrt_invoke's answer holds it beside the others (top level only).
  EXPECT_TRUE(
      CheckResponse("StopParticipantReplication", R"({"cacheControl":"no-store"})", Answer::kInvoke)
          .ok());
  EXPECT_FALSE(
      CheckResponse("StopParticipantReplication", R"({"cacheControl":1})", Answer::kInvoke).ok());
  EXPECT_EQ(Verdict("ListTagsForResource", R"({"tags":{},"tags":{}})"),
            "tags: appears twice in one object");
}

TEST(CheckResponse, RefusesWhatIsNotJsonAndNamesNoUnknownOperation) {
  EXPECT_EQ(Verdict("DeleteStage", "{"), "response: not JSON: {");
  EXPECT_EQ(CheckResponse("ivsrt:GetClock", "{}").code(), absl::StatusCode::kNotFound);
}

TEST(IsIso8601DateTime, TakesAwsFormsAndRefusesImpossibleDates) {
  for (std::string_view ok :
       {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123456Z", "2026-01-02T03:04:05+00:00",
        "2024-02-29T23:59:59-08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_TRUE(IsIso8601DateTime(ok)) << ok;
  }
  for (std::string_view bad :
       {"", "2026-01-02", "2026-01-02T03:04:05", "2026-01-02t03:04:05z", "2026-1-02T03:04:05Z",
        "2026-01-02T03:04Z", "2026-13-02T03:04:05Z", "2025-02-29T03:04:05Z", "2026-01-02T24:00:00Z",
        "2026-01-02T03:60:05Z", "2026-01-02T03:04:60Z", "2026-01-02T03:04:05.Z",
        "2026-01-02T03:04:05+24:00", "2026-01-02T03:04:05+0000", "+12026-01-02T03:04:05Z",
        " 2026-01-02T03:04:05Z"}) {
    EXPECT_FALSE(IsIso8601DateTime(bad)) << bad;
  }
}

}  // namespace
}  // namespace ivsrt::testing
