#include "core/clock.h"

#include <string>

#include "core/strings.h"
#include "core/errors.h"

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

absl::Time Clock::Advance(absl::Duration d) {
  if (!manual()) Set(absl::Now());
  int64_t after = manual_unix_seconds_.fetch_add(absl::ToInt64Seconds(d)) +
                  absl::ToInt64Seconds(d);
  return absl::FromUnixSeconds(after);
}

std::string FormatIso8601(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

absl::StatusOr<absl::Time> ParseIso8601(std::string_view text) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), absl::UTCTimeZone(), &t, &err)) {
    return ValidationError(StrCat("not an ISO-8601 instant: ", text));
  }
  return t;
}

}  // namespace ivsrt
