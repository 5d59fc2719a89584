#include "cli/skeleton.h"

#include <gtest/gtest.h>

namespace ivsrt::cli {
namespace {

TEST(SkeletonTest, InputHasEveryMemberWithPlaceholders) {
  const Command* create = FindCommand("create-stage");
  ASSERT_NE(create, nullptr);
  Json s = Skeleton(*create, /*output=*/false);
  EXPECT_EQ(s.Compact(), R"({"name":"",)"
                         R"("participantTokenConfigurations":[{"duration":0,"userId":"",)"
                         R"("attributes":{"KeyName":""},"capabilities":["PUBLISH"]}],)"
                         R"("tags":{"KeyName":""},)"
                         R"("autoParticipantRecordingConfiguration":{"storageConfigurationArn":"",)"
                         R"("mediaTypes":["AUDIO_VIDEO"],"thumbnailConfiguration":)"
                         R"({"targetIntervalSeconds":0,"storage":["SEQUENTIAL"],)"
                         R"("recordingMode":"INTERVAL"},"recordingReconnectWindowSeconds":0,)"
                         R"("hlsConfiguration":{"targetSegmentDurationSeconds":0},)"
                         R"("recordParticipantReplicas":true}})");
}

TEST(SkeletonTest, OutputAndTestControlSkeletons) {
  const Command* get = FindCommand("get-participant");
  ASSERT_NE(get, nullptr);
  Json out = Skeleton(*get, /*output=*/true);
  ASSERT_NE(out.Find("participant"), nullptr);
  EXPECT_EQ(out.Find("participant")->Find("firstJoinTime")->text(), "1970-01-01T00:00:00");
  EXPECT_EQ(Skeleton(*FindCommand("delete-stage"), true).Compact(), "{}");
  EXPECT_EQ(Skeleton(*FindCommand("verify-participant-token"), false).Compact(), R"({"token":""})");
  EXPECT_EQ(Skeleton(*FindCommand("join-stage"), false).Compact(),
            R"({"token":"","protocol":"","client":{}})");
  EXPECT_EQ(Skeleton(*FindCommand("receive-events"), false).Compact(),
            R"({"cursor":"","maxEvents":0})");
}

}  // namespace
}  // namespace ivsrt::cli
