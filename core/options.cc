#include "core/options.h"

#include "core/arn.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

namespace od = simdjson::ondemand;

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

// {"stages": 1000, "storageConfigurations": 5, ...}: any of the resource types' quota names
// (core/resources/resource_types.h), each a non-negative integer.
// The one quota that is not a resource type's.
constexpr std::string_view kStageSubscribersQuota = "stageSubscribers";

absl::Status ReadQuotas(od::value value, resources::Quotas& quotas) {
  constexpr std::string_view kShape = "must be an object such as {\"stages\": 1000}";
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return Invalid("quotas", kShape);
  for (auto field_result : object) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return Invalid("quotas", kShape);
    }
    if (key == kStageSubscribersQuota) {
      int64_t n = 0;
      if (field.value().get_int64().get(n) != simdjson::SUCCESS || n < 0) {
        return Invalid(StrCat("quotas.", key), "must be a non-negative integer");
      }
      quotas.set_stage_subscribers(static_cast<uint64_t>(n));
      continue;
    }
    const resources::ResourceTypeInfo* type = nullptr;
    for (const resources::ResourceTypeInfo& info : resources::kResourceTypes) {
      if (info.quota_name == key) type = &info;
    }
    if (type == nullptr) {
      std::string names;
      for (const resources::ResourceTypeInfo& info : resources::kResourceTypes) {
        StrAppend(&names, names.empty() ? "" : ", ", info.quota_name);
      }
      return Invalid(StrCat("quotas.", Echo(key)),
                     StrCat("unknown quota; the quotas are ", names, ", ", kStageSubscribersQuota));
    }
    int64_t n = 0;
    if (field.value().get_int64().get(n) != simdjson::SUCCESS || n < 0) {
      return Invalid(StrCat("quotas.", key), "must be a non-negative integer");
    }
    quotas.set_limit(type->type, n);
  }
  return absl::OkStatus();
}

absl::Status ReadOption(std::string_view key, od::value value, EngineOptions& options) {
  std::string_view s;
  if (key == "data_dir") {
    if (value.get_string().get(s) != simdjson::SUCCESS || s.empty() ||
        s.find('\0') != std::string_view::npos) {
      return Invalid(key, "must be a non-empty path string");
    }
    options.data_dir = std::string(s);
  } else if (key == "region") {
    if (value.get_string().get(s) != simdjson::SUCCESS || !IsRegionName(s)) {
      return Invalid(key, "must match [a-z0-9-]+, such as \"us-west-2\"");
    }
    options.region = std::string(s);
  } else if (key == "account_id") {
    if (value.get_string().get(s) != simdjson::SUCCESS || !IsAccountId(s)) {
      return Invalid(key, "must be a string of 12 digits");
    }
    options.account_id = std::string(s);
  } else if (key == "durability") {
    if (value.get_string().get(s) != simdjson::SUCCESS || (s != "sync" && s != "nosync")) {
      return Invalid(key, "must be \"sync\" or \"nosync\"");
    }
    options.durability = s == "sync" ? store::Durability::kSync : store::Durability::kNoSync;
  } else if (key == "seed") {
    uint64_t seed = 0;
    if (value.get_uint64().get(seed) != simdjson::SUCCESS) {
      return Invalid(key, "must be an integer from 0 to 18446744073709551615");
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
  } else if (key == "session_end_delay_seconds") {
    int64_t seconds = 0;
    if (value.get_int64().get(seconds) != simdjson::SUCCESS || seconds < 0 || seconds > 86400) {
      return Invalid(key, "must be an integer from 0 to 86400");
    }
    options.session_end_delay_seconds = seconds;
  } else if (key == "strict") {
    bool strict = false;
    if (value.get_bool().get(strict) != simdjson::SUCCESS) return Invalid(key, "must be a boolean");
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
  auto not_an_object = [] { return absl::InvalidArgumentError("options: must be a JSON object"); };
  // On-Demand, not DOM: the DOM parser refuses the whole text at a number
  // beyond 64 bits, where each option's own rule should answer.
  const simdjson::padded_string padded(json.data(), json.size());
  od::parser parser;
  od::document doc;
  od::object object;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS) {
    return not_an_object();
  }
  for (auto field_result : object) {
    od::field field;
    std::string_view key;
    bool is_null = false;
    if (std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS ||
        field.value().is_null().get(is_null) != simdjson::SUCCESS) {
      return not_an_object();
    }
    if (is_null) continue;  // null: the default
    RETURN_IF_ERROR(ReadOption(key, field.value(), options));
  }
  // Anything after the object ("{}{}") is not one JSON document.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS) return not_an_object();
  return options;
}

}  // namespace ivsrt
