// Composition and recording faults (ivsrt:InjectFault) and the 24-hour composition life,
// where the golden walk (tests/golden/composition_faults.json) cannot say it: the messages that
// name the member, a day on the clock, the reconnect a stop cuts short, what a FAILED
// composition frees. Expectations come from the README's "Compositions" ("Faults"), written
// from the user guide (NOTES.md 11, 13) and the quota page (24 h).
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

constexpr std::string_view kChannel =
    R"({"channel": {"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/abcABCdefDEg"}})";

class CompositionFaultsTest : public EngineTest {
 protected:
  // A stage whose one participant (a 14-day token: it outlives a day) publishes; the clock
  // is 2026-01-02T03:04:05Z.
  std::string PublishingStage() {
    Json created =
        Call("CreateStage", R"({"participantTokenConfigurations": [{"duration": 20160}]})");
    const std::string stage = created.Str("stage/arn");
    Call("ivsrt:JoinStage",
         StrCat(R"({"token": )", Quote(created.Str("participantTokens/0/token")), "}"));
    Call("ivsrt:Publish", StrCat(R"({"stageArn": )", Quote(stage), R"(, "participantId": )",
                                 Quote(created.Str("participantTokens/0/participantId")), "}"));
    return stage;
  }
  // An s3 destination on a new storage and encoder configuration (their ARNs in storage_ and
  // encoder_).
  std::string S3Destination() {
    storage_ = Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "bkt"}})")
                   .Str("storageConfiguration/arn");
    encoder_ = Call("CreateEncoderConfiguration", "{}").Str("encoderConfiguration/arn");
    return StrCat(R"({"s3": {"storageConfigurationArn": )", Quote(storage_),
                  R"(, "encoderConfigurationArns": [)", Quote(encoder_), "]}}");
  }
  std::string Start(std::string_view stage, std::string_view destinations) {
    return Call("StartComposition", StrCat(R"({"stageArn": )", Quote(stage),
                                           R"(, "destinations": [)", destinations, "]}"))
        .Str("composition/arn");
  }
  Json Get(std::string_view arn) {
    return Call("GetComposition", StrCat(R"({"arn": )", Quote(arn), "}"));
  }
  void Advance(int64_t seconds) {
    Call("ivsrt:AdvanceClock", StrCat(R"({"seconds": )", seconds, "}"));
  }
  // The event names since `cursor` (which moves on), joined by ", ".
  std::string EventsSince(std::string& cursor) {
    Json events = Call("ivsrt:ReceiveEvents",
                       cursor.empty() ? "{}" : StrCat(R"({"cursor": )", Quote(cursor), "}"));
    cursor = events.Str("cursor");
    std::string names;
    for (size_t i = 0; i < events.Size("events"); ++i) {
      StrAppend(&names, i == 0 ? "" : ", ", events.Str(StrCat("events/", i, "/detail/event_name")),
                "@", events.Str(StrCat("events/", i, "/time")).substr(11, 8));
    }
    return names;
  }
  // The message of a call that must fail with `type`.
  std::string Message(std::string_view body, std::string_view type) {
    absl::StatusOr<std::string> answer = Raw("ivsrt:InjectFault", body);
    EXPECT_FALSE(answer.ok()) << body;
    EXPECT_EQ(ErrorOf("ivsrt:InjectFault", body), type) << body;
    return std::string(answer.status().message());
  }
  std::string storage_, encoder_;
};

// The quota page: a composition lasts at most 24 hours; still ACTIVE then, it stops itself.
TEST_F(CompositionFaultsTest, ACompositionStopsItselfAfterADay) {
  const std::string arn = Start(PublishingStage(), kChannel);
  std::string cursor;
  Advance(2);
  EXPECT_EQ(Get(arn).Str("composition/state"), "ACTIVE");
  EXPECT_EQ(EventsSince(cursor),
            "Participant Published@03:04:05, Session Start@03:04:07, Destination Start@03:04:07");
  Advance(86400 - 3);  // 2026-01-03T03:04:04Z
  EXPECT_EQ(Get(arn).Str("composition/state"), "ACTIVE");
  Advance(1);
  Json stopping = Get(arn);
  EXPECT_EQ(stopping.Str("composition/state"), "STOPPING");
  EXPECT_EQ(stopping.Str("composition/destinations/0/state"), "STOPPING");
  Advance(2);
  Json stopped = Get(arn);
  EXPECT_EQ(stopped.Str("composition/state"), "STOPPED");
  EXPECT_EQ(stopped.Str("composition/endTime"), "2026-01-03T03:04:07Z");
  EXPECT_EQ(stopped.Str("composition/destinations/0/endTime"), "2026-01-03T03:04:07Z");
  EXPECT_EQ(EventsSince(cursor), "Destination End@03:04:07, Session End@03:04:07");
}

// A composition stopped before its day is up is not stopped again, nor resurrected, when the
// day ends: it has vanished by then, and a newer one on the same stage runs on.
TEST_F(CompositionFaultsTest, AnEndedCompositionsDayEndsQuietly) {
  const std::string stage = PublishingStage();
  const std::string first = Start(stage, kChannel);
  Call("StopComposition", StrCat(R"({"arn": )", Quote(first), "}"));
  Advance(3600);
  const std::string second = Start(stage, kChannel);  // 04:04:05
  Advance(86400 - 3600);                              // the first's day: 03:04:05 next day
  EXPECT_EQ(ErrorOf("GetComposition", StrCat(R"({"arn": )", Quote(first), "}")),
            "ResourceNotFoundException");
  EXPECT_EQ(Get(second).Str("composition/state"), "ACTIVE");
  Advance(3600);
  EXPECT_EQ(Get(second).Str("composition/state"), "STOPPING");
}

// Stopping ends a reconnect: the RECONNECTING destination stops with the composition
// (Destination End), and its 30 s pass with no Destination Failure.
TEST_F(CompositionFaultsTest, StoppingCutsAReconnectShort) {
  const std::string arn = Start(PublishingStage(), kChannel);
  Advance(2);
  std::string cursor;
  EventsSince(cursor);
  Call("ivsrt:InjectFault",
       StrCat(R"({"target": )", Quote(arn), R"(, "fault": "destination_failure"})"));
  Advance(10);
  Call("StopComposition", StrCat(R"({"arn": )", Quote(arn), "}"));
  EXPECT_EQ(Get(arn).Str("composition/destinations/0/state"), "STOPPING");
  Advance(30);
  Json stopped = Get(arn);
  EXPECT_EQ(stopped.Str("composition/state"), "STOPPED");
  EXPECT_EQ(stopped.Str("composition/destinations/0/state"), "STOPPED");
  EXPECT_EQ(stopped.Str("composition/destinations/0/endTime"), "2026-01-02T03:04:19Z");
  EXPECT_EQ(EventsSince(cursor),
            "Destination Reconnecting@03:04:07, Destination End@03:04:19, Session End@03:04:19");
}

// A FAILED composition no longer holds its storage configuration, and keeps its place in the
// stage's quota of 5 until it vanishes, as a STOPPED one does.
TEST_F(CompositionFaultsTest, AFailedCompositionFreesItsConfigurationsAndCountsUntilItVanishes) {
  const std::string stage = CreateStageArn();
  const std::string failed = Start(stage, S3Destination());
  for (int i = 0; i < 4; ++i) Start(stage, kChannel);
  const std::string delete_storage = StrCat(R"({"arn": )", Quote(storage_), "}");
  EXPECT_EQ(ErrorOf("DeleteStorageConfiguration", delete_storage), "ConflictException");
  Call("ivsrt:InjectFault",
       StrCat(R"({"target": )", Quote(failed), R"(, "fault": "session_failure"})"));
  EXPECT_EQ(Get(failed).Str("composition/state"), "FAILED");
  Call("DeleteStorageConfiguration", delete_storage);
  Call("DeleteEncoderConfiguration", StrCat(R"({"arn": )", Quote(encoder_), "}"));
  EXPECT_EQ(ErrorOf("StartComposition", StrCat(R"({"stageArn": )", Quote(stage),
                                               R"(, "destinations": [)", kChannel, "]}")),
            "ServiceQuotaExceededException");
  Advance(300);
  EXPECT_EQ(ErrorOf("GetComposition", StrCat(R"({"arn": )", Quote(failed), "}")),
            "ResourceNotFoundException");
}

// Two destinations fail one after the other: the composition lives while one has not failed,
// and fails with the last, at the moment it fails.
TEST_F(CompositionFaultsTest, TheLastDestinationToFailFailsTheComposition) {
  const std::string stage = PublishingStage();
  const std::string arn = Start(stage, StrCat(kChannel, ", ", S3Destination()));
  Advance(2);
  const std::string first = Get(arn).Str("composition/destinations/0/id");
  const std::string second = Get(arn).Str("composition/destinations/1/id");
  std::string cursor;
  EventsSince(cursor);
  auto fail = [&](const std::string& destination) {
    Call("ivsrt:InjectFault", StrCat(R"({"target": )", Quote(arn), R"(, "destinationId": )",
                                     Quote(destination), R"(, "fault": "destination_failure"})"));
  };
  fail(first);
  Advance(10);
  fail(second);
  Advance(20);  // 03:04:37: the first has failed
  Json one = Get(arn);
  EXPECT_EQ(one.Str("composition/state"), "ACTIVE");
  EXPECT_EQ(one.Str("composition/destinations/0/state"), "FAILED");
  EXPECT_EQ(one.Str("composition/destinations/1/state"), "RECONNECTING");
  Advance(10);  // 03:04:47: the second too
  Json both = Get(arn);
  EXPECT_EQ(both.Str("composition/state"), "FAILED");
  EXPECT_EQ(both.Str("composition/endTime"), "2026-01-02T03:04:47Z");
  EXPECT_EQ(both.Str("composition/destinations/0/endTime"), "2026-01-02T03:04:37Z");
  EXPECT_EQ(both.Str("composition/destinations/1/endTime"), "2026-01-02T03:04:47Z");
  EXPECT_EQ(EventsSince(cursor),
            "Destination Reconnecting@03:04:07, Destination Reconnecting@03:04:17, "
            "Destination Failure@03:04:37, Destination Failure@03:04:47, "
            "Session Failure@03:04:47");
}

// Each bad input is refused with its error type and a message naming the member.
TEST_F(CompositionFaultsTest, BadInputNamesTheMember) {
  const std::string stage = CreateStageArn();
  const std::string arn = Start(stage, kChannel);
  const std::string target = StrCat(R"({"target": )", Quote(arn));
  EXPECT_TRUE(Message("{}", "ValidationException").starts_with("target:"));
  EXPECT_TRUE(Message(R"({"target": 7, "fault": "session_failure"})", "ValidationException")
                  .starts_with("target:"));
  EXPECT_TRUE(Message(StrCat(target, "}"), "ValidationException").starts_with("fault:"));
  EXPECT_TRUE(Message(StrCat(target, R"(, "fault": "fire"})"), "ValidationException")
                  .starts_with("fault:"));
  EXPECT_TRUE(Message(R"({"target": "arn:aws:ivs:us-east-1:123456789012:composition/x!", )"
                      R"("fault": "session_failure"})",
                      "ValidationException")
                  .starts_with("target:"));
  EXPECT_TRUE(
      Message(StrCat(target, R"(, "fault": "recording_end_failure", "participantId": "p"})"),
              "ValidationException")
          .starts_with("target:"));
  EXPECT_TRUE(Message(StrCat(R"({"target": )", Quote(stage),
                             R"(, "fault": "recording_end_failure", "participantId": "p!"})"),
                      "ValidationException")
                  .starts_with("participantId:"));
  EXPECT_TRUE(Message(StrCat(target, R"(, "fault": "destination_failure", "destinationId": ""})"),
                      "ValidationException")
                  .starts_with("destinationId:"));
  EXPECT_TRUE(Message(StrCat(target, R"(, "fault": "session_failure", "destinationId": "d"})"),
                      "ValidationException")
                  .starts_with("destinationId:"));
  EXPECT_TRUE(Message(StrCat(target, R"(, "fault": "session_failure", "participantId": "p"})"),
                      "ValidationException")
                  .starts_with("participantId:"));
  EXPECT_TRUE(Message(StrCat(R"({"target": )", Quote(stage),
                             R"(, "fault": "recording_start_failure", "participantId": "p"})"),
                      "ResourceNotFoundException")
                  .starts_with("participantId:"));
  EXPECT_TRUE(Message(StrCat(target, R"(, "fault": "destination_failure", "destinationId": "d"})"),
                      "ResourceNotFoundException")
                  .starts_with("destinationId:"));
  EXPECT_EQ(Message(R"({"target": "arn:aws:ivs:us-east-1:123456789012:stage/AAAAAAAAAAAA", )"
                    R"("fault": "recording_start_failure", "participantId": "p"})",
                    "ResourceNotFoundException")
                .empty(),
            false);
  EXPECT_TRUE(
      Message(StrCat(target, R"(, "fault": "destination_reconnecting"})"), "ConflictException")
          .starts_with("target:"));
  // A participant that never published has no recording to fail.
  Json joined = Call("CreateStage", R"({"participantTokenConfigurations": [{}]})");
  const std::string id = joined.Str("participantTokens/0/participantId");
  Call("ivsrt:JoinStage",
       StrCat(R"({"token": )", Quote(joined.Str("participantTokens/0/token")), "}"));
  EXPECT_EQ(
      Message(StrCat(R"({"target": )", Quote(joined.Str("stage/arn")),
                     R"(, "fault": "recording_start_failure", "participantId": )", Quote(id), "}"),
              "ConflictException"),
      StrCat("participantId: ", id,
             " has no recording; recording_start_failure applies while STARTING"));
  // Refusals change nothing.
  Json after = Get(arn);
  EXPECT_EQ(after.Str("composition/state"), "STARTING");
  EXPECT_EQ(after.Str("composition/destinations/0/state"), "STARTING");
}

// recording_end_failure while STOPPING (a reconnect window of 10 s): the end fails when the
// window closes; publishing again meanwhile would have carried the recording on.
TEST_F(CompositionFaultsTest, ARecordingEndFailsWhenTheWindowCloses) {
  const std::string storage = Call("CreateStorageConfiguration", R"({"s3": {"bucketName": "bkt"}})")
                                  .Str("storageConfiguration/arn");
  Json created =
      Call("CreateStage",
           StrCat(R"({"autoParticipantRecordingConfiguration": {"storageConfigurationArn": )",
                  Quote(storage), R"(, "recordingReconnectWindowSeconds": 10}, )",
                  R"("participantTokenConfigurations": [{}]})"));
  const std::string stage = created.Str("stage/arn");
  const std::string session =
      Call("ivsrt:JoinStage",
           StrCat(R"({"token": )", Quote(created.Str("participantTokens/0/token")), "}"))
          .Str("sessionId");
  const std::string who = StrCat(R"({"stageArn": )", Quote(stage), R"(, "participantId": )",
                                 Quote(created.Str("participantTokens/0/participantId")));
  Call("ivsrt:Publish", StrCat(who, "}"));
  Advance(2);
  Call("ivsrt:Unpublish", StrCat(who, "}"));
  const std::string get = StrCat(who, R"(, "sessionId": )", Quote(session), "}");
  EXPECT_EQ(Call("GetParticipant", get).Str("participant/recordingState"), "STOPPING");
  std::string cursor;
  EventsSince(cursor);
  Call("ivsrt:InjectFault", StrCat(R"({"target": )", Quote(stage), R"(, "participantId": )",
                                   Quote(created.Str("participantTokens/0/participantId")),
                                   R"(, "fault": "recording_end_failure"})"));
  Advance(9);
  EXPECT_EQ(Call("GetParticipant", get).Str("participant/recordingState"), "STOPPING");
  Advance(1);
  EXPECT_EQ(Call("GetParticipant", get).Str("participant/recordingState"), "FAILED");
  EXPECT_EQ(EventsSince(cursor), "Recording End Failure@03:04:17");
}

}  // namespace
}  // namespace ivsrt::testing
