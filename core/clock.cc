#include "core/clock.h"

#include <string>

#include "absl/time/civil_time.h"
#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt {
absl::Time Clock::Now() const {
  if (manual()) {
    return absl::FromUnixSeconds(manual_unix_seconds_.load(std::memory_order_acquire));
  }
  return absl::Now();
}

void Clock::Set(absl::Time t) {
  manual_unix_seconds_.store(absl::ToUnixSeconds(t), std::memory_order_release);
  manual_.store(true, std::memory_order_release);
}

absl::StatusOr<absl::Time> Clock::Advance(absl::Duration d, std::string_view member) {
  if (!manual()) Set(absl::Now());
  const int64_t seconds = absl::ToInt64Seconds(d);
  int64_t before = manual_unix_seconds_.load(std::memory_order_acquire);
  // Compare-and-swap: concurrent advances add up, and none passes the latest
  // instant.
  do {
    if (seconds > kLatestClockUnixSeconds - before) {
      return ValidationError(StrCat(member, ": must not move the clock past ",
                                    FormatIso8601(absl::FromUnixSeconds(kLatestClockUnixSeconds)),
                                    " (it shows ", FormatIso8601(absl::FromUnixSeconds(before)),
                                    ")"));
    }
  } while (!manual_unix_seconds_.compare_exchange_weak(before, before + seconds,
                                                       std::memory_order_acq_rel));
  return absl::FromUnixSeconds(before + seconds);
}

namespace {
// Writes `value` as exactly `width` decimal digits, zero-padded.
void PutDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}
}  // namespace

std::string FormatIso8601(absl::Time t) {
  // absl's civil-time conversion, then the digits by hand: absl::FormatTime
  // costs four times as much (a strftime-style parse of its format each call),
  // and ListParticipants formats a time per participant.
  const absl::CivilSecond c = absl::ToCivilSecond(t, absl::UTCTimeZone());
  if (c.year() < 0 || c.year() > 9999) {
    return absl::FormatTime("%E4Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
  }
  std::string out = "0000-00-00T00:00:00Z";
  PutDigits(&out[0], static_cast<int>(c.year()), 4);
  PutDigits(&out[5], c.month(), 2);
  PutDigits(&out[8], c.day(), 2);
  PutDigits(&out[11], c.hour(), 2);
  PutDigits(&out[14], c.minute(), 2);
  PutDigits(&out[17], c.second(), 2);
  return out;
}

std::string FormatUnixSeconds(int64_t unix_seconds) {
  return FormatIso8601(absl::FromUnixSeconds(unix_seconds));
}

std::optional<absl::Time> ParseClockTime(std::string_view text) {
  absl::Time t;
  std::string err;
  // absl also reads "infinite-future", "infinite-past" and years of any length.
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), absl::UTCTimeZone(), &t, &err) ||
      t < absl::FromUnixSeconds(kEarliestClockUnixSeconds) ||
      t >= absl::FromUnixSeconds(kLatestClockUnixSeconds + 1)) {
    return std::nullopt;
  }
  return absl::FromUnixSeconds(absl::ToUnixSeconds(t));
}

std::string ClockRange() {
  return StrCat("an ISO-8601 instant from ",
                FormatIso8601(absl::FromUnixSeconds(kEarliestClockUnixSeconds)), " to ",
                FormatIso8601(absl::FromUnixSeconds(kLatestClockUnixSeconds)));
}

}  // namespace ivsrt
