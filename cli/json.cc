#include "cli/json.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "cli/text.h"
#include "core/json/writer.h"
#include "simdjson.h"

namespace ivsrt::cli {
namespace {

namespace od = simdjson::ondemand;

absl::Status Invalid(simdjson::error_code e) {
  return absl::InvalidArgumentError(simdjson::error_message(e));
}

// `v` is at `depth`: the containers around it, itself included if it is one.
absl::StatusOr<Json> Read(od::value v, int depth) {
  od::json_type type;
  if (auto e = v.type().get(type)) return Invalid(e);
  if ((type == od::json_type::object || type == od::json_type::array) && depth > kMaxJsonDepth) {
    return absl::InvalidArgumentError(
        StrCat("must not nest deeper than ", kMaxJsonDepth, " levels"));
  }
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (auto e = v.get_object().get(object)) return Invalid(e);
      Json out = Json::Object();
      for (auto field_result : object) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return Invalid(e);
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return Invalid(e);
        std::string key_copy(key);
        absl::StatusOr<Json> value = Read(field.value(), depth + 1);
        if (!value.ok()) return value.status();
        out.Set(std::move(key_copy), *std::move(value));
      }
      return out;
    }
    case od::json_type::array: {
      od::array array;
      if (auto e = v.get_array().get(array)) return Invalid(e);
      Json out = Json::Array();
      for (auto item_result : array) {
        od::value item;
        if (auto e = item_result.get(item)) return Invalid(e);
        absl::StatusOr<Json> value = Read(item, depth + 1);
        if (!value.ok()) return value.status();
        out.Append(*std::move(value));
      }
      return out;
    }
    case od::json_type::number: {
      std::string_view raw = v.raw_json_token();
      od::number number;
      if (auto e = v.get_number().get(number)) return Invalid(e);
      return Json::Number(std::string(TrimAsciiWhitespace(raw)));
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return Invalid(e);
      return Json::String(std::string(s));
    }
    case od::json_type::boolean: {
      bool b;
      if (auto e = v.get_bool().get(b)) return Invalid(e);
      return Json::Bool(b);
    }
    case od::json_type::null: {
      bool is_null;
      if (auto e = v.is_null().get(is_null)) return Invalid(e);
      if (!is_null) return absl::InvalidArgumentError("invalid literal");
      return Json();
    }
  }
  return absl::InvalidArgumentError("unexpected JSON value");
}

void Indent(std::string& out, int indent) {
  out.push_back('\n');
  out.append(static_cast<size_t>(indent) * 4, ' ');
}

}  // namespace

Json Json::Bool(bool b) {
  Json j;
  j.kind_ = Kind::kBool;
  j.text_ = b ? "true" : "false";
  return j;
}

Json Json::Number(std::string text) {
  Json j;
  j.kind_ = Kind::kNumber;
  j.text_ = std::move(text);
  return j;
}

Json Json::String(std::string s) {
  Json j;
  j.kind_ = Kind::kString;
  j.text_ = std::move(s);
  return j;
}

Json Json::Array() {
  Json j;
  j.kind_ = Kind::kArray;
  return j;
}

Json Json::Object() {
  Json j;
  j.kind_ = Kind::kObject;
  return j;
}

absl::StatusOr<Json> Json::Parse(std::string_view text) {
  // simdjson reads a scalar document differently from a value inside one;
  // wrapping the text in an array reads every kind of JSON text the same way.
  simdjson::padded_string padded(StrCat("[", text, "\n]"));
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc)) return Invalid(e);
  od::value root;
  if (auto e = doc.get_value().get(root)) return Invalid(e);
  // The wrapper is level 0, so the text's own outermost container is level 1.
  absl::StatusOr<Json> wrapped = Read(root, 0);
  if (!wrapped.ok()) return wrapped.status();
  const char* trailing;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    return absl::InvalidArgumentError("unexpected text after the JSON value");
  }
  if (wrapped->items().size() != 1) {
    return absl::InvalidArgumentError(
        wrapped->items().empty() ? "no JSON value" : "unexpected text after the JSON value");
  }
  return std::move(wrapped->items().front());
}

const Json* Json::Find(std::string_view key) const {
  for (const Member& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

void Json::Set(std::string key, Json value) {
  for (Member& m : members_) {
    if (m.first == key) {
      m.second = std::move(value);
      return;
    }
  }
  members_.emplace_back(std::move(key), std::move(value));
}

void Json::Append(Json value) { items_.push_back(std::move(value)); }

std::string Json::Compact() const {
  std::string out;
  Write(out, -1);
  return out;
}

std::string Json::Pretty() const {
  std::string out;
  Write(out, 0);
  return out;
}

// indent < 0 writes compact JSON; otherwise the current nesting level.
void Json::Write(std::string& out, int indent) const {
  const bool pretty = indent >= 0;
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
    case Kind::kNumber:
      out += text_;
      return;
    case Kind::kString:
      AppendQuoted(out, text_);
      return;
    case Kind::kArray:
      if (items_.empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (pretty) Indent(out, indent + 1);
        items_[i].Write(out, pretty ? indent + 1 : -1);
      }
      if (pretty) Indent(out, indent);
      out.push_back(']');
      return;
    case Kind::kObject:
      if (members_.empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (pretty) Indent(out, indent + 1);
        AppendQuoted(out, members_[i].first);
        out += pretty ? ": " : ":";
        members_[i].second.Write(out, pretty ? indent + 1 : -1);
      }
      if (pretty) Indent(out, indent);
      out.push_back('}');
      return;
  }
}

void AppendQuoted(std::string& out, std::string_view s) {
  // The engine's escaping is Python's with ensure_ascii=False (quotes, backslashes and
  // control characters only); it also turns bytes that are not UTF-8 into U+FFFD.
  AppendJsonString(out, s);
}

}  // namespace ivsrt::cli
