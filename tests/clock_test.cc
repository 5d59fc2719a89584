// The manual clock's bounds: the `clock` option, ivsrt:SetClock and
// ivsrt:AdvanceClock accept only instants every derived timestamp can show, and
// token expiry never overflows.
#include <string>

#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

constexpr std::string_view kRange =
    "an ISO-8601 instant from 0001-01-01T00:00:00Z to 9999-12-17T23:59:59Z";

TEST(ClockOptionTest, RefusesInstantsOutsideFourDigitYears) {
  for (const char* clock :
       {"infinite-future", "infinite-past", "292277026596-12-04T15:30:08Z", "10000-01-01T00:00:00Z",
        "9999-12-31T00:00:00Z", "0000-06-01T00:00:00Z"}) {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Open(StrCat(R"({"clock": ")", clock, R"("})"));
    ASSERT_FALSE(engine.ok()) << clock;
    EXPECT_TRUE(absl::IsInvalidArgument(engine.status()));
    EXPECT_EQ(engine.status().message(), StrCat("option clock: must be \"system\" or ", kRange));
  }
  EXPECT_TRUE(Engine::Open(R"({"clock": "9999-12-17T23:59:59Z"})").ok());
  EXPECT_TRUE(Engine::Open(R"({"clock": "0001-01-01T00:00:00Z"})").ok());
}

class ClockTest : public EngineTest {};

TEST_F(ClockTest, SetClockRefusesInstantsOutsideFourDigitYears) {
  for (const char* time : {"infinite-future", "infinite-past", "-292277022657-01-27T08:29:52Z",
                           "9999-12-18T00:00:00Z"}) {
    absl::StatusOr<std::string> out = Raw("ivsrt:SetClock", StrCat(R"({"time": ")", time, R"("})"));
    ASSERT_FALSE(out.ok()) << time;
    EXPECT_EQ(out.status().message(), StrCat("time: must be ", kRange));
  }
  EXPECT_EQ(Call("ivsrt:GetClock", "{}").Str("time"), "2026-01-02T03:04:05Z");
}

TEST_F(ClockTest, TokensAtTheEdgesExpireWithinFourDigitYears) {
  std::string arn = CreateStageArn();
  std::string body = StrCat(R"({"stageArn": )", Quote(arn), R"(, "duration": 20160})");
  Call("ivsrt:SetClock", R"({"time": "9999-12-17T23:59:59Z"})");
  Json late = Call("CreateParticipantToken", body);
  EXPECT_EQ(late.Str("participantToken/expirationTime"), "9999-12-31T23:59:59Z");
  Call("ivsrt:SetClock", R"({"time": "0001-01-01T00:00:00Z"})");
  Json early = Call("CreateParticipantToken", body);
  EXPECT_EQ(early.Str("participantToken/expirationTime"), "0001-01-15T00:00:00Z");
  Json claims(JwtPayload(early.Str("participantToken/token")));
  EXPECT_EQ(claims.Int("iat"), -62135596800);
  EXPECT_EQ(claims.Int("exp"), -62135596800 + 20160 * 60);
}

TEST_F(ClockTest, AdvanceClockPastTheLatestInstantIsRefusedNotWrapped) {
  Call("ivsrt:SetClock", R"({"time": "9999-12-01T00:00:00Z"})");
  absl::StatusOr<std::string> out = Raw("ivsrt:AdvanceClock", R"({"seconds": 3153600000})");
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(out.status()));
  EXPECT_EQ(out.status().message(),
            "seconds: must not move the clock past 9999-12-17T23:59:59Z (it shows "
            "9999-12-01T00:00:00Z)");
  EXPECT_EQ(Call("ivsrt:GetClock", "{}").Str("time"), "9999-12-01T00:00:00Z");
  EXPECT_EQ(Call("ivsrt:AdvanceClock", R"({"seconds": 1468799})").Str("time"),
            "9999-12-17T23:59:59Z");
  EXPECT_EQ(ErrorOf("ivsrt:AdvanceClock", R"({"seconds": 1})"), "ValidationException");
}

// A number past 64 bits is said to be a number problem, not that the body is
// no object.
TEST_F(ClockTest, ControlBodiesWithNumbersBeyond64BitsSaySo) {
  for (const char* op : {"ivsrt:AdvanceClock", "ivsrt:SetClock", "ivsrt:VerifyParticipantToken"}) {
    absl::StatusOr<std::string> out =
        Raw(op, R"({"seconds": 18446744073709551616, "time": 1, "token": 1})");
    ASSERT_FALSE(out.ok()) << op;
    EXPECT_EQ(out.status().message(),
              "request body: a number is malformed or beyond the 64-bit "
              "integer range")
        << op;
  }
  EXPECT_EQ(Call("ivsrt:GetClock", "{}").Str("time"), "2026-01-02T03:04:05Z");
}

}  // namespace
}  // namespace ivsrt::testing
