#include "core/media/deadlines.h"

#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/errors.h"
#include "core/store/store.h"
#include "core/strings.h"
#include "gtest/gtest.h"

namespace ivsrt::media {
namespace {

class DeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           StrCat("ivsrt-deadlines-",
                  ::testing::UnitTest::GetInstance()->current_test_info()->name(), "-", getpid());
    std::filesystem::remove_all(dir_);
    store_ = *store::Store::Open(dir_.string(), store::Durability::kNoSync);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::optional<Deadline> First() {
    std::optional<Deadline> first;
    EXPECT_TRUE(store_
                    ->Read([&](const store::Txn& txn) -> absl::Status {
                      absl::StatusOr<std::optional<Deadline>> d = FirstDeadline(txn);
                      if (!d.ok()) return d.status();
                      first = *d;
                      return absl::OkStatus();
                    })
                    .ok());
    return first;
  }
  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;
};

constexpr std::string_view kComposition =
    "arn:aws:ivs:us-east-1:123456789012:composition/abcdABCDefgh";

// Every kind reads back as written, the earliest first, composition steps keyed by the
// composition's ARN alone.
TEST_F(DeadlinesTest, KindsComeBackInDueOrder) {
  Deadline step{.due = 100,
                .kind = DeadlineKind::kCompositionStep,
                .composition_arn = std::string(kComposition)};
  Deadline end{.due = 200,
               .kind = DeadlineKind::kSessionEnd,
               .stage_arn = "arn:aws:ivs:us-east-1:123456789012:stage/s",
               .session_id = "st-ABCDEFGHIJKLM"};
  ASSERT_TRUE(store_
                  ->Write([&](store::Txn& txn) -> absl::Status {
                    RETURN_IF_ERROR(AddDeadline(txn, end));
                    return AddDeadline(txn, step);
                  })
                  .ok());
  std::optional<Deadline> first = First();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->due, 100);
  EXPECT_EQ(first->kind, DeadlineKind::kCompositionStep);
  EXPECT_EQ(first->composition_arn, kComposition);
  EXPECT_EQ(first->stage_arn, "");
  ASSERT_TRUE(store_->Write([&](store::Txn& txn) { return RemoveDeadline(txn, step); }).ok());
  first = First();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, DeadlineKind::kSessionEnd);
  EXPECT_EQ(first->session_id, "st-ABCDEFGHIJKLM");
  EXPECT_EQ(first->composition_arn, "");
}

// A recording step reads back with its stage, session and participant.
TEST_F(DeadlinesTest, RecordingStepKeepsItsParticipant) {
  Deadline step{.due = 50,
                .kind = DeadlineKind::kRecordingStep,
                .stage_arn = "arn:aws:ivs:us-east-1:123456789012:stage/s",
                .session_id = "st-ABCDEFGHIJKLM",
                .participant_id = "p1"};
  ASSERT_TRUE(store_->Write([&](store::Txn& txn) { return AddDeadline(txn, step); }).ok());
  std::optional<Deadline> first = First();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->due, 50);
  EXPECT_EQ(first->kind, DeadlineKind::kRecordingStep);
  EXPECT_EQ(first->stage_arn, "arn:aws:ivs:us-east-1:123456789012:stage/s");
  EXPECT_EQ(first->session_id, "st-ABCDEFGHIJKLM");
  EXPECT_EQ(first->participant_id, "p1");
}

// A destination's reconnect deadline reads back with its composition and destination; the
// life limit with its composition alone.
TEST_F(DeadlinesTest, DestinationReconnectKeepsItsDestination) {
  Deadline life{.due = 80,
                .kind = DeadlineKind::kCompositionLife,
                .composition_arn = std::string(kComposition)};
  Deadline reconnect{.due = 30,
                     .kind = DeadlineKind::kDestinationReconnect,
                     .composition_arn = std::string(kComposition),
                     .destination_id = "dEsTiNaTiOn1"};
  ASSERT_TRUE(store_
                  ->Write([&](store::Txn& txn) -> absl::Status {
                    RETURN_IF_ERROR(AddDeadline(txn, life));
                    return AddDeadline(txn, reconnect);
                  })
                  .ok());
  std::optional<Deadline> first = First();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->due, 30);
  EXPECT_EQ(first->kind, DeadlineKind::kDestinationReconnect);
  EXPECT_EQ(first->composition_arn, kComposition);
  EXPECT_EQ(first->destination_id, "dEsTiNaTiOn1");
  ASSERT_TRUE(store_->Write([&](store::Txn& txn) { return RemoveDeadline(txn, reconnect); }).ok());
  first = First();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, DeadlineKind::kCompositionLife);
  EXPECT_EQ(first->composition_arn, kComposition);
  EXPECT_EQ(first->destination_id, "");
}

}  // namespace
}  // namespace ivsrt::media
