#include "tests/response_checker.h"

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "absl/time/civil_time.h"
#include "core/errors.h"
#include "core/model/model.h"
#include "core/strings.h"
#include "re2/re2.h"
#include "simdjson.h"

namespace ivsrt::testing {
namespace {

using simdjson::dom::element;

std::string Join(std::string_view path, std::string_view name) {
  return path.empty() ? std::string(name) : StrCat(path, ".", name);
}

absl::Status Wrong(std::string_view path, std::string_view rule, element value) {
  return absl::InvalidArgumentError(StrCat(path.empty() ? "response" : path, ": ", rule, ", got ",
                                           Echo(simdjson::minify(value))));
}

// simdjson reads 30.0 as a double and 2^63 as an unsigned: neither is an int64.
bool IsInteger(element value, int64_t min, int64_t max) {
  int64_t n;
  return value.get_int64().get(n) == simdjson::SUCCESS && n >= min && n <= max;
}

// The keys of `object` once each (a JSON object with a repeated key has no one meaning).
absl::Status CheckKeysUnique(simdjson::dom::object object, std::string_view path) {
  std::set<std::string_view> seen;
  for (auto field : object) {
    if (!seen.insert(field.key).second) {
      return absl::InvalidArgumentError(
          StrCat(Join(path, field.key), ": appears twice in one object"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckValue(element value, const model::Shape& shape, std::string_view path);

absl::Status CheckStructure(element value, const model::Shape& shape, std::string_view path,
                            Answer answer = Answer::kHttpBody) {
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return Wrong(path, StrCat("must be a JSON object (", shape.name, ")"), value);
  }
  RETURN_IF_ERROR(CheckKeysUnique(object, path));
  // Members bound to HTTP headers or the URI never travel in the JSON body; ivsrt_invoke's
  // answer holds the output's header members beside the others, as an SDK reads them.
  auto in_body = [&](const model::Member& m) {
    return m.location == model::Location::kBody ||
           (answer == Answer::kInvoke && m.location == model::Location::kHeader);
  };
  for (auto field : object) {
    const model::Member* member = nullptr;
    for (const model::Member& m : shape.members) {
      if (in_body(m) && m.name == std::string_view(field.key)) member = &m;
    }
    std::string member_path = Join(path, field.key);
    if (member == nullptr) {
      return absl::InvalidArgumentError(StrCat(member_path, ": is not a member of ", shape.name));
    }
    RETURN_IF_ERROR(CheckValue(field.value, model::ShapeAt(member->shape), member_path));
  }
  for (const model::Member& m : shape.members) {
    element ignored;
    if (in_body(m) && m.required && object[m.name].get(ignored) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(
          StrCat(Join(path, m.name), ": is required by ", shape.name, " and missing"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckValue(element value, const model::Shape& shape, std::string_view path) {
  switch (shape.type) {
    case model::Type::kStructure:
      return CheckStructure(value, shape, path);
    case model::Type::kString:
    case model::Type::kBlob: {  // base64 text
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) {
        return Wrong(path, "must be a JSON string", value);
      }
      // "" stands for an unset enum: AWS answers a grid layout that sets no fill mode with
      // videoFillMode "" (the AWS CLI's start-composition examples), and SDKs keep enum
      // values as the strings they get.
      if (shape.enum_values.empty() || s.empty()) return absl::OkStatus();
      for (std::string_view allowed : shape.enum_values) {
        if (s == allowed) return absl::OkStatus();
      }
      return Wrong(path, StrCat("must be one of the values of ", shape.name), value);
    }
    case model::Type::kInteger:
      if (!IsInteger(value, std::numeric_limits<int32_t>::min(),
                     std::numeric_limits<int32_t>::max())) {
        return Wrong(path, "must be a JSON integer within 32 bits", value);
      }
      return absl::OkStatus();
    case model::Type::kLong:
      if (!IsInteger(value, std::numeric_limits<int64_t>::min(),
                     std::numeric_limits<int64_t>::max())) {
        return Wrong(path, "must be a JSON integer within 64 bits", value);
      }
      return absl::OkStatus();
    case model::Type::kFloat:
    case model::Type::kDouble:  // 30.0 may be written 30
      if (!value.is_number()) return Wrong(path, "must be a JSON number", value);
      return absl::OkStatus();
    case model::Type::kBoolean:
      if (!value.is_bool()) return Wrong(path, "must be true or false", value);
      return absl::OkStatus();
    case model::Type::kTimestamp: {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS || !IsIso8601DateTime(s)) {
        return Wrong(path, "must be an ISO-8601 date-time string", value);
      }
      return absl::OkStatus();
    }
    case model::Type::kList: {
      simdjson::dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) {
        return Wrong(path, StrCat("must be a JSON array (", shape.name, ")"), value);
      }
      size_t index = 0;
      for (element item : array) {
        std::string item_path = Join(path, std::to_string(index++));
        RETURN_IF_ERROR(CheckValue(item, model::ShapeAt(shape.member_shape), item_path));
      }
      return absl::OkStatus();
    }
    case model::Type::kMap: {
      simdjson::dom::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) {
        return Wrong(path, StrCat("must be a JSON object (", shape.name, ")"), value);
      }
      RETURN_IF_ERROR(CheckKeysUnique(object, path));
      // Keys are JSON strings by construction; this model has no map keyed by an enum.
      for (auto field : object) {
        std::string entry_path = Join(path, field.key);
        RETURN_IF_ERROR(CheckValue(field.value, model::ShapeAt(shape.value_shape), entry_path));
      }
      return absl::OkStatus();
    }
  }
  return absl::InternalError(StrCat(path, ": shape ", shape.name, " has an unknown type"));
}

}  // namespace

bool IsIso8601DateTime(std::string_view text) {
  static const LazyRE2 kForm = {
      R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2})))"};
  int year, month, day, hour, minute, second;
  std::string zone;
  std::string offset_hour, offset_minute;  // empty with Z
  if (!RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *kForm, &year, &month, &day,
                      &hour, &minute, &second, &zone, &offset_hour, &offset_minute)) {
    return false;
  }
  // A civil time normalizes out-of-range fields (February 30 -> March 2): equal only when none.
  absl::CivilSecond t(year, month, day, hour, minute, second);
  if (t.year() != year || t.month() != month || t.day() != day || t.hour() != hour ||
      t.minute() != minute || t.second() != second) {
    return false;
  }
  return zone == "Z" || (std::stoi(offset_hour) <= 23 && std::stoi(offset_minute) <= 59);
}

absl::Status CheckResponse(std::string_view operation, std::string_view response, Answer answer) {
  const model::Operation* op = model::FindOperation(operation);
  if (op == nullptr) {
    return absl::NotFoundError(StrCat("the model has no operation ", Echo(operation)));
  }
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(response.data(), response.size()).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(StrCat("response: not JSON: ", Echo(response)));
  }
  if (op->output_shape == model::kNoShape) {
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS || object.size() != 0) {
      return Wrong("", "must be {} (the operation has no output shape)", root);
    }
    return absl::OkStatus();
  }
  return CheckStructure(root, model::ShapeAt(op->output_shape), "", answer);
}

}  // namespace ivsrt::testing
