// The engine's clock: the system clock, or a manual clock that tests set and advance.
#ifndef IVSRT_CORE_CLOCK_H_
#define IVSRT_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ivsrt {

class Clock {
 public:
  Clock() = default;  // the system clock
  explicit Clock(absl::Time manual_start) { Set(manual_start); }

  absl::Time Now() const;
  bool manual() const { return manual_.load(std::memory_order_acquire); }
  // Both switch to (or stay on) the manual clock.
  void Set(absl::Time t);
  absl::Time Advance(absl::Duration d);

 private:
  std::atomic<bool> manual_{false};
  std::atomic<int64_t> manual_unix_seconds_{0};
};

// "2026-01-02T03:04:05Z": whole seconds in UTC, as AWS returns timestamps.
std::string FormatIso8601(absl::Time t);
// Accepts RFC 3339 instants: "2026-01-02T03:04:05Z", fractions, "+hh:mm" offsets.
absl::StatusOr<absl::Time> ParseIso8601(std::string_view text);

}  // namespace ivsrt

#endif  // IVSRT_CORE_CLOCK_H_
