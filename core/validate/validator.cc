#include "core/validate/validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "core/errors.h"
#include "core/model/model.h"
#include "core/strings.h"
#include "core/validate/pattern.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

namespace od = simdjson::ondemand;
using model::Shape;
using model::Type;

absl::Status Malformed() { return ValidationError("request body: malformed JSON"); }

absl::Status TooDeep() {
  return ValidationError("request body: must not nest deeper than " +
                         std::to_string(kMaxRequestDepth) + " levels");
}

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimTrailingWhitespace(std::string_view s) {
  while (!s.empty() && IsJsonWhitespace(s.back())) s.remove_suffix(1);
  return s;
}

// AWS length constraints count Unicode scalar values; the text is valid UTF-8
// here.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string FormatNumber(double x) {
  if (std::trunc(x) == x && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<int64_t>(x));
  }
  char buf[32];
  char* end = std::to_chars(buf, buf + sizeof(buf), x).ptr;
  return std::string(buf, end);
}

// A size noun with its plural: "character(s)", "item(s)", "entry/entries".
struct Noun {
  std::string_view one;
  std::string_view many;
};
constexpr Noun kCharacters = {"character", "characters"};
constexpr Noun kItems = {"item", "items"};
constexpr Noun kEntries = {"entry", "entries"};

std::string Count(double n, Noun noun) {
  return FormatNumber(n) + " " + std::string(n == 1 ? noun.one : noun.many);
}

std::string_view TypeRule(Type type) {
  switch (type) {
    case Type::kStructure:
    case Type::kMap:
      return "must be an object";
    case Type::kList:
      return "must be an array";
    case Type::kInteger:
    case Type::kLong:
      return "must be an integer";
    case Type::kFloat:
    case Type::kDouble:
      return "must be a number";
    case Type::kBoolean:
      return "must be a boolean";
    case Type::kString:
    case Type::kTimestamp:
    case Type::kBlob:
      break;
  }
  return "must be a string";
}

// The rule a size (string length, item or entry count) breaks, or "" when
// within bounds.
std::string SizeRule(const Shape& shape, size_t size, Noun noun) {
  const double n = static_cast<double>(size);
  std::string_view verb = shape.type == Type::kString ? "be" : "have";
  if (shape.has_min && shape.has_max && shape.min == shape.max && n != shape.min) {
    return "must " + std::string(verb) + " exactly " + Count(shape.min, noun);
  }
  if (shape.has_min && n < shape.min) {
    return "must " + std::string(verb) + " at least " + Count(shape.min, noun);
  }
  if (shape.has_max && n > shape.max) {
    return "must " + std::string(verb) + " at most " + Count(shape.max, noun);
  }
  return "";
}

std::string RangeRule(const Shape& shape, double value) {
  if ((shape.has_min && value < shape.min) || (shape.has_max && value > shape.max)) {
    if (shape.has_min && shape.has_max) {
      return "must be between " + FormatNumber(shape.min) + " and " + FormatNumber(shape.max);
    }
    return shape.has_min ? "must be at least " + FormatNumber(shape.min)
                         : "must be at most " + FormatNumber(shape.max);
  }
  return "";
}

// A JSON number as read from the body.
struct Number {
  bool integral = false;  // written without fraction or exponent
  bool in_int64 = false;  // integral and representable as int64_t (then `i` holds it)
  int64_t i = 0;
  double d = 0;  // the value, +-inf beyond double's range
};

// The JSON number grammar (RFC 8259 section 6), for tokens simdjson declines to
// convert.
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// False when the token is not a JSON number.
bool ReadNumber(od::value& v, Number* out) {
  od::number num;
  if (v.get_number().get(num) == simdjson::SUCCESS) {
    switch (num.get_number_type()) {
      case od::number_type::signed_integer:
        *out = {.integral = true, .in_int64 = true, .i = num.get_int64(), .d = num.as_double()};
        return true;
      case od::number_type::unsigned_integer:
        *out = {.integral = true, .d = num.as_double()};
        return true;
      case od::number_type::floating_point_number:
        *out = {.d = num.get_double()};
        return true;
    }
    return false;
  }
  // Valid JSON that simdjson 3.0.1 cannot hold (integers beyond 64 bits,
  // 1e400): still a number, only out of every range.
  const std::string_view token = TrimTrailingWhitespace(v.raw_json_token());
  if (!IsJsonNumber(token)) return false;
  *out = {.integral = token.find_first_of(".eE") == std::string_view::npos};
  // from_chars, unlike strtod, ignores the host's locale. Out of range means
  // the exponent overflowed (+-inf) or underflowed (0).
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), out->d);
  if (ec == std::errc::result_out_of_range) {
    const bool tiny =
        token.find("e-") != std::string_view::npos || token.find("E-") != std::string_view::npos;
    out->d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    if (token[0] == '-') out->d = -out->d;
  }
  return true;
}

// Appends a segment to the member path for the lifetime of the scope.
class PathScope {
 public:
  PathScope(std::string& path, std::string_view segment) : path_(path), size_(path.size()) {
    path_ += segment;
  }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;
  ~PathScope() { path_.resize(size_); }

 private:
  std::string& path_;
  size_t size_;
};

const model::Member* FindMember(const Shape& shape, std::string_view name) {
  for (const model::Member& m : shape.members) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// Walks one request body in document order; the first violation found is the
// answer.
class Walker {
 public:
  explicit Walker(bool strict) : strict_(strict) {}

  // The members of the structure `obj` (a container at `depth`) into `out`, an
  // object.
  absl::Status WalkStructure(od::object& obj, const Shape& shape, int depth, Value* out) {
    // One slot per member, kept in the order members first appear. A repeated
    // member keeps its last value (see value.h; the HTTP router relies on it
    // to let the URI's resourceArn win), and a null empties its slot.
    // Inline for the usual few members: two allocations per structure were a tenth of
    // validating a GetStage.
    absl::InlinedVector<Value, 4> slots(shape.members.size());
    absl::InlinedVector<size_t, 8> order;
    for (auto field_result : obj) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
        return Malformed();
      }
      PathScope scope(path_, path_.empty() ? Echo(key) : StrCat(".", Echo(key)));
      const model::Member* member = FindMember(shape, key);
      if (member == nullptr) {
        if (strict_) return Violation("unknown member");
        RETURN_IF_ERROR(Skip(field.value(), depth + 1));
        continue;
      }
      const size_t index = member - shape.members.data();
      if (std::find(order.begin(), order.end(), index) == order.end()) {
        order.push_back(index);
      }
      // JSON null stands for an absent member, as the AWS SDKs omit None/nil.
      RETURN_IF_ERROR(Walk(field.value(), model::ShapeAt(member->shape), depth + 1, &slots[index]));
    }
    for (size_t i = 0; i < shape.members.size(); ++i) {
      const model::Member& m = shape.members[i];
      if (m.required && slots[i].is_null()) {
        PathScope scope(path_, path_.empty() ? std::string(m.name) : "." + std::string(m.name));
        return Violation("is required");
      }
    }
    for (size_t index : order) {
      if (slots[index].is_null()) continue;
      out->AppendUnique(std::string(shape.members[index].name), std::move(slots[index]));
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Violation(std::string_view rule) const {
    return ValidationError((path_.empty() ? "request body" : path_) + ": " + std::string(rule));
  }

  // `v` against `shape_index`; a JSON null comes back as a null Value for the
  // caller to judge.
  absl::Status Walk(od::value v, const Shape& shape, int depth, Value* out) {
    od::json_type type;
    if (v.type().get(type)) return Malformed();
    if (type == od::json_type::null) {
      bool is_null = false;
      if (v.is_null().get(is_null) || !is_null) return Malformed();
      *out = Value();
      return absl::OkStatus();
    }
    switch (shape.type) {
      case Type::kStructure: {
        if (type != od::json_type::object) {
          return Violation(TypeRule(shape.type));
        }
        if (depth > kMaxRequestDepth) return TooDeep();
        od::object obj;
        if (v.get_object().get(obj)) return Malformed();
        *out = Value::Object();
        return WalkStructure(obj, shape, depth, out);
      }
      case Type::kMap:
        if (type != od::json_type::object) {
          return Violation(TypeRule(shape.type));
        }
        return WalkMap(v, shape, depth, out);
      case Type::kList:
        if (type != od::json_type::array) {
          return Violation(TypeRule(shape.type));
        }
        return WalkList(v, shape, depth, out);
      case Type::kString:
      case Type::kTimestamp:
      case Type::kBlob: {
        if (type != od::json_type::string) {
          return Violation(TypeRule(shape.type));
        }
        std::string_view s;
        if (v.get_string().get(s)) return Malformed();
        RETURN_IF_ERROR(CheckString(s, shape));
        *out = Value::String(std::string(s));
        return absl::OkStatus();
      }
      case Type::kInteger:
      case Type::kLong:
        if (type != od::json_type::number) {
          return Violation(TypeRule(shape.type));
        }
        return WalkInteger(v, shape, out);
      case Type::kFloat:
      case Type::kDouble:
        if (type != od::json_type::number) {
          return Violation(TypeRule(shape.type));
        }
        return WalkFloat(v, shape, out);
      case Type::kBoolean: {
        if (type != od::json_type::boolean) {
          return Violation(TypeRule(shape.type));
        }
        bool b = false;
        if (v.get_bool().get(b)) return Malformed();
        *out = Value::Bool(b);
        return absl::OkStatus();
      }
    }
    return InternalError("validator: unhandled shape type");
  }

  absl::Status WalkList(od::value v, const Shape& shape, int depth, Value* out) {
    if (depth > kMaxRequestDepth) return TooDeep();
    od::array arr;
    if (v.get_array().get(arr)) return Malformed();
    const Shape& item_shape = model::ShapeAt(shape.member_shape);
    *out = Value::List();
    size_t count = 0;
    for (auto item_result : arr) {
      if (item_result.error()) return Malformed();
      od::value item_value = item_result.value_unsafe();
      ++count;
      // Stop at the first item too many rather than reading a huge list.
      if (shape.has_max && static_cast<double>(count) > shape.max) {
        return Violation(SizeRule(shape, count, kItems));
      }
      PathScope scope(path_, StrCat("[", count - 1, "]"));
      Value item;
      RETURN_IF_ERROR(Walk(item_value, item_shape, depth + 1, &item));
      if (item.is_null()) return Violation(TypeRule(item_shape.type));
      out->Append(std::move(item));
    }
    std::string rule = SizeRule(shape, count, kItems);
    return rule.empty() ? absl::OkStatus() : Violation(rule);
  }

  absl::Status WalkMap(od::value v, const Shape& shape, int depth, Value* out) {
    if (depth > kMaxRequestDepth) return TooDeep();
    od::object obj;
    if (v.get_object().get(obj)) return Malformed();
    const Shape& key_shape = model::ShapeAt(shape.key_shape);
    const Shape& value_shape = model::ShapeAt(shape.value_shape);
    // A repeated key keeps its first position and its last value, as
    // Value::Set would; found by hash so that a large map costs linear time.
    std::vector<Value::Entry> entries;
    absl::flat_hash_map<std::string, size_t> position;
    for (auto field_result : obj) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
        return Malformed();
      }
      // Debian's absl::string_view is its own type: convert for the lookup.
      auto it = position.find(absl::string_view(key.data(), key.size()));
      // Stop at the first entry too many rather than reading a huge map.
      if (it == position.end() && shape.has_max &&
          static_cast<double>(entries.size() + 1) > shape.max) {
        return Violation(SizeRule(shape, entries.size() + 1, kEntries));
      }
      {
        PathScope scope(path_, " (key \"" + Echo(key) + "\")");
        RETURN_IF_ERROR(CheckString(key, key_shape));
      }
      Value value;
      {
        PathScope scope(path_, "." + Echo(key));
        RETURN_IF_ERROR(Walk(field.value(), value_shape, depth + 1, &value));
        if (value.is_null()) return Violation(TypeRule(value_shape.type));
      }
      if (it == position.end()) {
        position.emplace(std::string(key), entries.size());
        entries.emplace_back(std::string(key), std::move(value));
      } else {
        entries[it->second].second = std::move(value);
      }
    }
    std::string rule = SizeRule(shape, entries.size(), kEntries);
    if (!rule.empty()) return Violation(rule);
    *out = Value::Object();
    for (Value::Entry& e : entries) {
      out->AppendUnique(std::move(e.first), std::move(e.second));
    }
    return absl::OkStatus();
  }

  absl::Status CheckString(std::string_view s, const Shape& shape) const {
    if (shape.has_min || shape.has_max) {
      std::string rule = SizeRule(shape, CodePoints(s), kCharacters);
      if (!rule.empty()) return Violation(rule);
    }
    if (!shape.enum_values.empty()) {
      bool found = false;
      for (std::string_view allowed : shape.enum_values) {
        found = found || allowed == s;
      }
      if (!found) {
        std::string rule = "must be one of ";
        for (size_t i = 0; i < shape.enum_values.size(); ++i) {
          if (i > 0) rule += ", ";
          rule += shape.enum_values[i];
        }
        return Violation(rule);
      }
    }
    if (shape.pattern != model::kNoPattern && !MatchesPattern(shape.pattern, s)) {
      return Violation("must match " + std::string(model::Patterns()[shape.pattern]));
    }
    return absl::OkStatus();
  }

  absl::Status WalkInteger(od::value& v, const Shape& shape, Value* out) const {
    Number n;
    if (!ReadNumber(v, &n)) return Malformed();
    if (!n.integral) return Violation(TypeRule(shape.type));
    std::string rule = RangeRule(shape, n.in_int64 ? static_cast<double>(n.i) : n.d);
    if (!rule.empty()) return Violation(rule);
    if (shape.type == Type::kInteger && (!n.in_int64 || n.i < std::numeric_limits<int32_t>::min() ||
                                         n.i > std::numeric_limits<int32_t>::max())) {
      return Violation("must be a 32-bit integer");
    }
    if (!n.in_int64) return Violation("must be a 64-bit integer");
    *out = Value::Int(n.i);
    return absl::OkStatus();
  }

  absl::Status WalkFloat(od::value& v, const Shape& shape, Value* out) const {
    Number n;
    if (!ReadNumber(v, &n)) return Malformed();
    std::string rule = RangeRule(shape, n.d);
    if (!rule.empty()) return Violation(rule);
    if (shape.type == Type::kFloat && !(std::fabs(n.d) <= std::numeric_limits<float>::max())) {
      return Violation("must be a 32-bit float");
    }
    if (!std::isfinite(n.d)) return Violation("must be a finite number");
    *out = Value::Double(n.d);
    return absl::OkStatus();
  }

 public:
  // Reads an unmodeled value at `depth` to its end: On-Demand would skip it
  // without checking its syntax.
  absl::Status Skip(od::value v, int depth) {
    od::json_type type;
    if (v.type().get(type)) return Malformed();
    switch (type) {
      case od::json_type::object: {
        if (depth > kMaxRequestDepth) return TooDeep();
        od::object obj;
        if (v.get_object().get(obj)) return Malformed();
        for (auto field_result : obj) {
          od::field field;
          std::string_view key;
          if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
            return Malformed();
          }
          RETURN_IF_ERROR(Skip(field.value(), depth + 1));
        }
        return absl::OkStatus();
      }
      case od::json_type::array: {
        if (depth > kMaxRequestDepth) return TooDeep();
        od::array arr;
        if (v.get_array().get(arr)) return Malformed();
        for (auto item_result : arr) {
          if (item_result.error()) return Malformed();
          od::value item = item_result.value_unsafe();
          RETURN_IF_ERROR(Skip(item, depth + 1));
        }
        return absl::OkStatus();
      }
      case od::json_type::string: {
        std::string_view s;
        return v.get_string().get(s) ? Malformed() : absl::OkStatus();
      }
      case od::json_type::number: {
        Number n;
        return ReadNumber(v, &n) ? absl::OkStatus() : Malformed();
      }
      case od::json_type::boolean: {
        bool b = false;
        return v.get_bool().get(b) ? Malformed() : absl::OkStatus();
      }
      case od::json_type::null: {
        bool is_null = false;
        return v.is_null().get(is_null) || !is_null ? Malformed() : absl::OkStatus();
      }
    }
    return Malformed();
  }

 private:
  std::string path_;
  const bool strict_;
};

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsJsonWhitespace(c)) return false;
  }
  return true;
}

}  // namespace

// A request body read to its root object: the checks every body gets before its
// members.
class Body {
 public:
  // `json` must outlive the Body.
  absl::Status Open(std::string_view json) {
    if (IsBlank(json)) json = "{}";
    if (!simdjson::validate_utf8(json.data(), json.size())) {
      return ValidationError("request body: must be valid UTF-8");
    }
    // On-Demand reads up to SIMDJSON_PADDING bytes past the end: give it a
    // padded copy that outlives the document.
    padded_ = simdjson::padded_string(json.data(), json.size());
    // One parser per thread: reused buffers, and no lock shared between
    // requests.
    thread_local od::parser parser;
    if (parser.iterate(padded_).get(doc_)) return Malformed();
    od::json_type type;
    if (doc_.type().get(type)) return Malformed();
    if (type != od::json_type::object) {
      return ValidationError("request body: must be an object");
    }
    if (doc_.get_object().get(root_)) return Malformed();
    return absl::OkStatus();
  }
  od::object& root() { return root_; }
  // Where the reader stands: once the root is read, anything left ("{}{}",
  // "{}]") means the body is not one JSON document.
  const char* Position() {
    const char* at = nullptr;
    return doc_.current_location().get(at) == simdjson::OUT_OF_BOUNDS ? nullptr : at;
  }

 private:
  simdjson::padded_string padded_;
  od::document doc_;
  od::object root_;
};

absl::StatusOr<Value> ValidateRequest(std::string_view json, int input_shape, bool strict) {
  if (input_shape < 0 || static_cast<size_t>(input_shape) >= model::Shapes().size() ||
      model::ShapeAt(input_shape).type != Type::kStructure) {
    return InternalError("validator: input shape is not a structure");
  }
  Body body;
  RETURN_IF_ERROR(body.Open(json));
  Value out = Value::Object();
  Walker walker(strict);
  RETURN_IF_ERROR(walker.WalkStructure(body.root(), model::ShapeAt(input_shape), 1, &out));
  if (body.Position() != nullptr) return Malformed();
  return out;
}

absl::StatusOr<std::vector<RawMember>> ReadRequestMembers(std::string_view json) {
  Body body;
  RETURN_IF_ERROR(body.Open(json));
  std::vector<RawMember> members;
  Walker walker(/*strict=*/false);
  for (auto field_result : body.root()) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) {
      return Malformed();
    }
    RawMember member{std::string(key), ""};
    const char* start = field.value().raw_json_token().data();
    RETURN_IF_ERROR(walker.Skip(field.value(), 2));
    // Skip stops at the token after the value: the ',' or '}' that ends it.
    const char* end = body.Position();
    if (end == nullptr) return Malformed();
    member.json.assign(start, end - start);
    members.push_back(std::move(member));
  }
  if (body.Position() != nullptr) return Malformed();
  return members;
}

}  // namespace ivsrt
