// Engine options, read from the JSON given to ivsrt_engine_open.
#ifndef IVSRT_CORE_OPTIONS_H_
#define IVSRT_CORE_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/ops/op_context.h"
#include "core/store/store.h"

namespace ivsrt {

struct EngineOptions {
  std::string data_dir;  // empty: a private temporary store removed at close
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  store::Durability durability = store::Durability::kSync;
  std::optional<uint64_t> seed;
  std::optional<absl::Time> manual_clock_start;  // clock: an ISO-8601 instant
  resources::Quotas quotas;
  bool strict = false;
  // Seconds from the last participant's leaving to the end of the stage session. The user
  // guide says "a few minutes" and documents no number (NOTES.md 13).
  int64_t session_end_delay_seconds = 180;
};

// Unknown members and invalid values are errors naming the option.
absl::StatusOr<EngineOptions> ParseEngineOptions(std::string_view json);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPTIONS_H_
