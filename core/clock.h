// The engine's clock: the system clock, or a manual clock that tests set and
// advance.
#ifndef IVSRT_CORE_CLOCK_H_
#define IVSRT_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ivsrt {

// The longest a participant token lives, in seconds
// (ParticipantTokenDurationMinutes max: 20160).
inline constexpr int64_t kMaxTokenLifetimeSeconds = int64_t{20160} * 60;
// The instants the manual clock may show. Every timestamp the API returns is an
// ISO-8601 string with a four-digit year (and botocore reads it into a Python
// datetime, years 1..9999), so the clock stays within years 0001..9999 and
// stops 14 days short of the end: a token issued at the latest instant still
// expires within year 9999.
inline constexpr int64_t kEarliestClockUnixSeconds = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr int64_t kLatestClockUnixSeconds =
    253402300799 - kMaxTokenLifetimeSeconds;  // 9999-12-17T23:59:59Z

class Clock {
 public:
  Clock() = default;  // the system clock

  absl::Time Now() const;
  bool manual() const { return manual_.load(std::memory_order_acquire); }
  // Both switch to (or stay on) the manual clock. Set takes an instant from
  // ParseClockTime; Advance refuses (ValidationException naming `member`) to
  // pass the latest instant.
  void Set(absl::Time t);
  absl::StatusOr<absl::Time> Advance(absl::Duration d, std::string_view member);

 private:
  std::atomic<bool> manual_{false};
  std::atomic<int64_t> manual_unix_seconds_{0};
};

// "2026-01-02T03:04:05Z": whole seconds in UTC, four-digit years, as AWS
// returns timestamps.
std::string FormatIso8601(absl::Time t);
// The same for a time in whole unix seconds (the media plane's records keep them so).
std::string FormatUnixSeconds(int64_t unix_seconds);
// An RFC 3339 instant ("2026-01-02T03:04:05Z", fractions, "+hh:mm" offsets) the
// manual clock may show, fractions dropped; nullopt for any other text.
std::optional<absl::Time> ParseClockTime(std::string_view text);
// "an ISO-8601 instant from 0001-01-01T00:00:00Z to 9999-12-17T23:59:59Z", for
// messages.
std::string ClockRange();

}  // namespace ivsrt

#endif  // IVSRT_CORE_CLOCK_H_
