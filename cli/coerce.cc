#include "cli/coerce.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

absl::Status Invalid(std::string_view path, std::string_view expected, const Json& got) {
  return absl::InvalidArgumentError(StrCat("Invalid type for parameter ", path, ", value: ",
                                           Echo(got.Compact()), ", valid types: ", expected));
}

std::string Item(std::string_view path, size_t i) { return StrCat(path, "[", i, "]"); }
std::string Field(std::string_view path, std::string_view key) {
  return StrCat(path, ".", Echo(key));
}

}  // namespace

absl::StatusOr<Json> CoerceScalar(std::string_view text, model::Type type) {
  switch (type) {
    case model::Type::kInteger:
    case model::Type::kLong: {
      int64_t i;
      if (!absl::SimpleAtoi(ToAbsl(text), &i)) {
        return absl::InvalidArgumentError(
            StrCat("invalid literal for int() with base 10: '", Echo(text), "'"));
      }
      return Json::Number(StrCat(i));
    }
    case model::Type::kFloat:
    case model::Type::kDouble: {
      absl::StatusOr<Json> number = Json::Parse(text);
      if (!number.ok() || number->kind() != Json::Kind::kNumber) {
        return absl::InvalidArgumentError(
            StrCat("could not convert string to float: '", Echo(text), "'"));
      }
      return number;
    }
    case model::Type::kBoolean: {
      std::string lower = absl::AsciiStrToLower(ToAbsl(text));
      if (lower == "true") return Json::Bool(true);
      if (lower == "false") return Json::Bool(false);
      return absl::InvalidArgumentError(
          StrCat("expected true or false, received '", Echo(text), "'"));
    }
    default:
      return Json::String(std::string(text));
  }
}

absl::StatusOr<Json> Coerce(const Json& value, int shape_index, std::string_view path) {
  if (shape_index == model::kNoShape) return value;
  const model::Shape& shape = model::ShapeAt(shape_index);
  switch (shape.type) {
    case model::Type::kStructure: {
      if (!value.is_object()) return Invalid(path, "structure", value);
      Json out = Json::Object();
      for (const Json::Member& m : value.members()) {
        const model::Member* member = nullptr;
        for (const model::Member& candidate : shape.members) {
          if (candidate.name == m.first) member = &candidate;
        }
        if (member == nullptr) {
          std::vector<std::string_view> names;
          for (const model::Member& candidate : shape.members) {
            names.push_back(candidate.name);
          }
          return absl::InvalidArgumentError(StrCat("Unknown parameter in ", path, ": \"",
                                                   Echo(m.first),
                                                   "\", must be one of: ", Join(names, ", ")));
        }
        absl::StatusOr<Json> v = Coerce(m.second, member->shape, Field(path, m.first));
        if (!v.ok()) return v.status();
        out.Set(m.first, *std::move(v));
      }
      return out;
    }
    case model::Type::kMap: {
      if (!value.is_object()) return Invalid(path, "map", value);
      Json out = Json::Object();
      for (const Json::Member& m : value.members()) {
        absl::StatusOr<Json> v = Coerce(m.second, shape.value_shape, Field(path, m.first));
        if (!v.ok()) return v.status();
        out.Set(m.first, *std::move(v));
      }
      return out;
    }
    case model::Type::kList: {
      Json out = Json::Array();
      if (!value.is_array()) {
        absl::StatusOr<Json> v = Coerce(value, shape.member_shape, Item(path, 0));
        if (!v.ok()) return v.status();
        out.Append(*std::move(v));
        return out;
      }
      for (size_t i = 0; i < value.items().size(); ++i) {
        absl::StatusOr<Json> v = Coerce(value.items()[i], shape.member_shape, Item(path, i));
        if (!v.ok()) return v.status();
        out.Append(*std::move(v));
      }
      return out;
    }
    default: {
      if (!value.is_string()) return Invalid(path, "a single value", value);
      absl::StatusOr<Json> v = CoerceScalar(value.text(), shape.type);
      if (!v.ok()) {
        return absl::InvalidArgumentError(StrCat(path, ": ", Msg(v.status().message())));
      }
      return v;
    }
  }
}

}  // namespace ivsrt::cli
