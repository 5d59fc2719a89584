#include "core/options.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

bool IsRegion(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  }
  return true;
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

absl::Status Invalid(std::string_view option, std::string_view rule) {
  return absl::InvalidArgumentError(StrCat("option ", option, ": ", rule));
}

absl::Status ReadQuotas(simdjson::dom::element value, Quotas& quotas) {
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return Invalid("quotas", "must be an object such as {\"stages\": 1000}");
  }
  for (auto field : object) {
    if (field.key != "stages") {
      return Invalid(StrCat("quotas.", std::string_view(field.key)),
                     "unknown quota");
    }
    int64_t n = 0;
    if (field.value.get_int64().get(n) != simdjson::SUCCESS || n < 0) {
      return Invalid("quotas.stages", "must be a non-negative integer");
    }
    quotas.stages = n;
  }
  return absl::OkStatus();
}

absl::Status ReadOption(std::string_view key, simdjson::dom::element value,
                        EngineOptions& options) {
  std::string_view s;
  if (key == "data_dir") {
    if (value.get_string().get(s) != simdjson::SUCCESS || s.empty() ||
        s.find('\0') != std::string_view::npos) {
      return Invalid(key, "must be a non-empty path string");
    }
    options.data_dir = std::string(s);
  } else if (key == "region") {
    if (value.get_string().get(s) != simdjson::SUCCESS || !IsRegion(s)) {
      return Invalid(key, "must match [a-z0-9-]+, such as \"us-west-2\"");
    }
    options.region = std::string(s);
  } else if (key == "account_id") {
    if (value.get_string().get(s) != simdjson::SUCCESS || !IsAccountId(s)) {
      return Invalid(key, "must be a string of 12 digits");
    }
    options.account_id = std::string(s);
  } else if (key == "durability") {
    if (value.get_string().get(s) != simdjson::SUCCESS ||
        (s != "sync" && s != "nosync")) {
      return Invalid(key, "must be \"sync\" or \"nosync\"");
    }
    options.durability =
        s == "sync" ? store::Durability::kSync : store::Durability::kNoSync;
  } else if (key == "seed") {
    uint64_t seed = 0;
    if (value.get_uint64().get(seed) != simdjson::SUCCESS) {
      return Invalid(key, "must be a non-negative integer");
    }
    options.seed = seed;
  } else if (key == "clock") {
    std::optional<absl::Time> start;
    if (value.get_string().get(s) != simdjson::SUCCESS ||
        (s != "system" && !(start = ParseClockTime(s)))) {
      return Invalid(key, StrCat("must be \"system\" or ", ClockRange()));
    }
    options.manual_clock_start = start;
  } else if (key == "quotas") {
    return ReadQuotas(value, options.quotas);
  } else if (key == "strict") {
    bool strict = false;
    if (value.get_bool().get(strict) != simdjson::SUCCESS)
      return Invalid(key, "must be a boolean");
    options.strict = strict;
  } else {
    return Invalid(key, "unknown option");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<EngineOptions> ParseEngineOptions(std::string_view json) {
  EngineOptions options;
  if (json.empty()) return options;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("options: must be a JSON object");
  }
  for (auto field : object) {
    if (field.value.is_null()) continue;  // null: the default
    RETURN_IF_ERROR(ReadOption(field.key, field.value, options));
  }
  return options;
}

}  // namespace ivsrt
