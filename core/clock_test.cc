#include "core/clock.h"

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"

namespace ivsrt {
namespace {

TEST(ParseClockTime, AcceptsFourDigitYearsUpToFourteenDaysBeforeTheEnd) {
  EXPECT_EQ(FormatIso8601(*ParseClockTime("0001-01-01T00:00:00Z")), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(*ParseClockTime("9999-12-17T23:59:59.999Z")), "9999-12-17T23:59:59Z");
  EXPECT_EQ(FormatIso8601(*ParseClockTime("2026-01-02T04:04:05+01:00")), "2026-01-02T03:04:05Z");
  EXPECT_EQ(ClockRange(), "an ISO-8601 instant from 0001-01-01T00:00:00Z to 9999-12-17T23:59:59Z");
}

// The hand-written digits agree with absl::FormatTime over the whole clock
// range: leap days, century years, the first and last instants, and a stride
// of odd seconds across the years between.
TEST(FormatIso8601, MatchesAbslFormatTimeAcrossTheClockRange) {
  auto absl_format = [](int64_t s) {
    return absl::FormatTime("%E4Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(s), absl::UTCTimeZone());
  };
  for (int64_t s : {kEarliestClockUnixSeconds, int64_t{-1}, int64_t{0}, int64_t{951782400},
                    int64_t{4107456000}, kLatestClockUnixSeconds, int64_t{253402300799}}) {
    EXPECT_EQ(FormatUnixSeconds(s), absl_format(s)) << s;
  }
  for (int64_t s = kEarliestClockUnixSeconds; s < kLatestClockUnixSeconds; s += 86399 * 97 + 13) {
    ASSERT_EQ(FormatUnixSeconds(s), absl_format(s)) << s;
  }
  EXPECT_EQ(FormatUnixSeconds(951782400), "2000-02-29T00:00:00Z");
}

TEST(ParseClockTime, RefusesWhatNoTimestampCanShow) {
  for (const char* text :
       {"infinite-future", "infinite-past", "9999-12-18T00:00:00Z", "9999-12-31T23:59:59Z",
        "10000-01-01T00:00:00Z", "292277026596-12-04T15:30:08Z", "-292277022657-01-27T08:29:52Z",
        "0000-12-31T23:59:59Z", "0001-01-01T00:30:00+01:00", "9999-12-17T23:59:59-00:01",
        "yesterday", ""}) {
    EXPECT_FALSE(ParseClockTime(text).has_value()) << text;
  }
}

TEST(Clock, AdvanceStopsAtTheLatestInstantWithoutWrapping) {
  Clock clock;
  clock.Set(*ParseClockTime("9999-12-17T23:59:00Z"));
  ASSERT_TRUE(clock.Advance(absl::Seconds(59), "seconds").ok());
  EXPECT_EQ(FormatIso8601(clock.Now()), "9999-12-17T23:59:59Z");
  absl::StatusOr<absl::Time> past = clock.Advance(absl::Seconds(1), "seconds");
  ASSERT_FALSE(past.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(past.status()));
  EXPECT_EQ(past.status().message(),
            "seconds: must not move the clock past 9999-12-17T23:59:59Z (it shows "
            "9999-12-17T23:59:59Z)");
  // The largest step from the earliest instant cannot overflow either.
  clock.Set(*ParseClockTime("0001-01-01T00:00:00Z"));
  EXPECT_FALSE(clock.Advance(absl::Seconds(std::numeric_limits<int64_t>::max()), "seconds").ok());
  EXPECT_EQ(FormatIso8601(clock.Now()), "0001-01-01T00:00:00Z");
  ASSERT_TRUE(clock.Advance(absl::Seconds(0), "seconds").ok());
  EXPECT_EQ(FormatIso8601(clock.Now()), "0001-01-01T00:00:00Z");
}

}  // namespace
}  // namespace ivsrt
