#include "core/media/records.h"

#include <string>

#include "core/store/codec.h"
#include "gtest/gtest.h"

namespace ivsrt::media {
namespace {

SessionParticipant Recorded() {
  SessionParticipant p;
  p.seq = 3;
  p.participant_id = "abcdABCD1234";
  p.user_id = "alice";
  p.protocol = "WHIP";
  p.first_join = 1000;
  p.token_exp = 2000;
  p.connected = true;
  p.published = true;
  p.publishing = true;
  p.can_publish = true;
  p.recording_state = "ACTIVE";
  p.recording_bucket = "rec-bucket";
  p.recording_prefix = "stage/st-ABCDEFGHIJKLM/abcdABCD1234/2026-04-01T10-00-00Z";
  p.recording_due = 1234;
  p.recording_started = true;
  return p;
}

// The recording members survive the store.
TEST(RecordsTest, RecordingMembersRoundTrip) {
  absl::StatusOr<SessionParticipant> p = DecodeParticipant(EncodeParticipant(Recorded()));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->recording_state, "ACTIVE");
  EXPECT_EQ(p->recording_bucket, "rec-bucket");
  EXPECT_EQ(p->recording_prefix, "stage/st-ABCDEFGHIJKLM/abcdABCD1234/2026-04-01T10-00-00Z");
  EXPECT_EQ(p->recording_due, 1234);
  EXPECT_TRUE(p->recording_started);
  EXPECT_TRUE(p->publishing);
}

// A record a release without recording wrote (no trailing recording members) reads as a
// participant that is not recorded.
TEST(RecordsTest, ARecordWithoutRecordingMembersIsNotRecorded) {
  SessionParticipant p = Recorded();
  std::string bytes = EncodeParticipant(p);
  const size_t tail = 8 + p.recording_state.size() + 8 + p.recording_bucket.size() + 8 +
                      p.recording_prefix.size() + 8;
  bytes.resize(bytes.size() - tail);
  absl::StatusOr<SessionParticipant> old = DecodeParticipant(bytes);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->participant_id, "abcdABCD1234");
  EXPECT_EQ(old->recording_state, "");
  EXPECT_EQ(old->recording_bucket, "");
  EXPECT_EQ(old->recording_prefix, "");
  EXPECT_EQ(old->recording_due, 0);
}

// Participant and ParticipantSummary carry the recording members in the model's
// alphabetical places, and leave them out when the participant is not recorded.
TEST(RecordsTest, WritersPlaceOrOmitTheRecordingMembers) {
  JsonWriter full;
  WriteParticipant(full, Recorded());
  EXPECT_NE(full.str().find(R"("published":true,"recordingS3BucketName":"rec-bucket",)"
                            R"("recordingS3Prefix":"stage/st-ABCDEFGHIJKLM/abcdABCD1234/)"
                            R"(2026-04-01T10-00-00Z","recordingState":"ACTIVE","sdkVersion")"),
            std::string::npos)
      << full.str();
  JsonWriter summary;
  WriteParticipantSummary(summary, Recorded());
  EXPECT_NE(summary.str().find(R"("published":true,"recordingState":"ACTIVE","state")"),
            std::string::npos)
      << summary.str();
  SessionParticipant plain = Recorded();
  plain.recording_state.clear();
  plain.recording_bucket.clear();
  plain.recording_prefix.clear();
  JsonWriter none;
  WriteParticipant(none, plain);
  EXPECT_EQ(none.str().find("recording"), std::string::npos) << none.str();
}

// ParticipantSubscribesTo reads the subscriptions where DecodeParticipant does, whatever the
// strings before them hold, and in records of every age (without the recording members, or
// without the replication and ingest ones).
TEST(RecordsTest, SubscribesToReadsOnlyTheSubscriptions) {
  SessionParticipant p = Recorded();
  p.attributes_json = R"({"k":"v"})";
  p.client = {"Chrome", "120", "isp", "Linux", "6.1", "1.2.3"};
  p.subscriptions = {"pubAAAAAAAAA", "pubBBBBBBBBB"};
  p.replication_type = "SOURCE";
  p.ingest_configuration_arn = "arn:aws:ivs:us-east-1:123456789012:ingest-configuration/x";
  const std::string full = EncodeParticipant(p);
  const size_t later = 5 * 8 + p.replication_type.size() + p.ingest_configuration_arn.size();
  const size_t recording =
      4 * 8 + p.recording_state.size() + p.recording_bucket.size() + p.recording_prefix.size();
  for (const std::string& bytes : {full, full.substr(0, full.size() - later),
                                   full.substr(0, full.size() - later - recording)}) {
    ASSERT_TRUE(DecodeParticipant(bytes).ok());
    EXPECT_TRUE(ParticipantSubscribesTo(bytes, "pubAAAAAAAAA").value_or(false));
    EXPECT_TRUE(ParticipantSubscribesTo(bytes, "pubBBBBBBBBB").value_or(false));
    EXPECT_FALSE(ParticipantSubscribesTo(bytes, "pubCCCCCCCCC").value_or(true));
    EXPECT_FALSE(ParticipantSubscribesTo(bytes, "pubAAAA").value_or(true));
  }
  p.subscriptions.clear();
  EXPECT_FALSE(ParticipantSubscribesTo(EncodeParticipant(p), "pubAAAAAAAAA").value_or(true));
}

// A record DecodeParticipant finds corrupt (cut inside the subscriptions, or before them) is
// corrupt for ParticipantSubscribesTo too, even when the wanted id is read before the cut.
TEST(RecordsTest, SubscribesToFailsWhereDecodeFails) {
  SessionParticipant p = Recorded();
  p.subscriptions = {"pubAAAAAAAAA", "pubBBBBBBBBB"};
  const std::string full = EncodeParticipant(p);
  const size_t tail = 4 * 8 + p.recording_state.size() + p.recording_bucket.size() +
                      p.recording_prefix.size() + 5 * 8;
  const std::string cut_in_subscriptions = full.substr(0, full.size() - tail - 3);
  const std::string cut_before = full.substr(0, 20);
  for (const std::string& bytes : {cut_in_subscriptions, cut_before}) {
    EXPECT_FALSE(DecodeParticipant(bytes).ok());
    EXPECT_FALSE(ParticipantSubscribesTo(bytes, "pubAAAAAAAAA").ok());
  }
}

}  // namespace
}  // namespace ivsrt::media
