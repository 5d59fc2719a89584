#include "cli/shorthand.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

// The character classes of awscli/shorthand.py: a value never starts with
// whitespace, a quote, ',', '=', '[' or '{'; a first value then runs until ',',
// ']', '}' or a quote; a later value of a comma-separated list may not contain
// '=' (that starts the next key).
bool CanStartValue(char c) {
  return !IsSpace(c) && c != '"' && c != '\'' && c != ',' && c != '=' && c != '[' && c != '{';
}
bool CanFollowFirst(char c) { return c != '"' && c != '\'' && c != ',' && c != ']' && c != '}'; }
bool CanFollowSecond(char c) { return c != '"' && c != '\'' && c != ',' && c != '='; }
bool IsKeyChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == '#' || c == '/' || c == ':';
}

class Parser {
 public:
  explicit Parser(std::string_view input) : in_(input) {}

  absl::StatusOr<Json> Parameter() {
    Json params = Json::Object();
    while (true) {
      absl::Status s = KeyVal(params);
      if (!s.ok()) return s;
      if (AtEof()) return params;
      s = Expect(',', true);
      if (!s.ok()) return s;
    }
  }

 private:
  bool AtEof() const { return pos_ >= in_.size(); }
  char Current() const { return AtEof() ? '\0' : in_[pos_]; }
  void SkipSpace() {
    while (!AtEof() && IsSpace(in_[pos_])) ++pos_;
  }

  absl::Status Error(std::string_view expected) const {
    std::string received = AtEof() ? "EOF" : StrCat("'", in_.substr(pos_, 1), "'");
    const Excerpt input = EchoAt(in_, pos_);
    return absl::InvalidArgumentError(StrCat("Expected: ", expected, ", received: ", received,
                                             " for input:\n", input.text, "\n",
                                             std::string(input.column, ' '), "^"));
  }

  absl::Status Expect(char c, bool skip_space = false) {
    if (skip_space) SkipSpace();
    if (Current() != c || AtEof()) {
      return Error(StrCat("'", std::string(1, c), "'"));
    }
    ++pos_;
    if (skip_space) SkipSpace();
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> Key() {
    size_t start = pos_;
    while (!AtEof() && IsKeyChar(in_[pos_])) ++pos_;
    if (pos_ == start) return Error("a key");
    return std::string(in_.substr(start, pos_ - start));
  }

  absl::Status KeyVal(Json& into) {
    absl::StatusOr<std::string> key = Key();
    if (!key.ok()) return key.status();
    absl::Status s = Expect('=', true);
    if (!s.ok()) return s;
    absl::StatusOr<Json> value = Values();
    if (!value.ok()) return value.status();
    if (into.Find(*key) != nullptr) {
      return absl::InvalidArgumentError(
          StrCat("Second instance of key \"", Echo(*key), "\" encountered for input:\n", Echo(in_),
                 "\nThis is often because there is a preceding \",\" instead of a "
                 "space."));
    }
    into.Set(*std::move(key), *std::move(value));
    return absl::OkStatus();
  }

  // values = csv-list / explicit-list / hash-literal
  absl::StatusOr<Json> Values() {
    if (AtEof()) return Json::String("");
    if (AtContainer()) return Container();
    return CsvValue();
  }

  bool AtContainer() const { return Current() == '[' || Current() == '{'; }

  // An explicit list or hash literal, one level deeper than the value holding
  // it.
  absl::StatusOr<Json> Container() {
    if (depth_ == kMaxJsonDepth) {
      return absl::InvalidArgumentError(
          StrCat("must not nest deeper than ", kMaxJsonDepth, " levels for input:\n", Echo(in_)));
    }
    ++depth_;
    absl::StatusOr<Json> out = Current() == '[' ? ExplicitList() : HashLiteral();
    --depth_;
    return out;
  }

  // "a" is a string; "a,b,c" a list, unless what follows a comma is the next
  // "key=".
  absl::StatusOr<Json> CsvValue() {
    absl::StatusOr<std::string> first = FirstValue();
    if (!first.ok()) return first.status();
    SkipSpace();
    if (AtEof() || Current() != ',') return Json::String(*std::move(first));
    Json list = Json::Array();
    list.Append(Json::String(*std::move(first)));
    while (Current() == ',') {
      size_t comma = pos_;
      ++pos_;
      SkipSpace();
      absl::StatusOr<std::string> next = SecondValue();
      SkipSpace();
      if (!next.ok() || (!AtEof() && Current() != ',')) {
        pos_ = comma;  // "key=" follows: that comma separates key-value pairs
        break;
      }
      list.Append(Json::String(*std::move(next)));
    }
    if (list.items().size() == 1) return std::move(list.items().front());
    return list;
  }

  absl::StatusOr<Json> ExplicitList() {
    absl::Status s = Expect('[', true);
    if (!s.ok()) return s;
    Json list = Json::Array();
    while (Current() != ']') {
      if (AtEof()) return Error("']'");
      absl::StatusOr<Json> value = ExplicitValue();
      if (!value.ok()) return value.status();
      list.Append(*std::move(value));
      SkipSpace();
      if (Current() != ']') {
        s = Expect(',', true);
        if (!s.ok()) return s;
      }
    }
    ++pos_;
    return list;
  }

  absl::StatusOr<Json> HashLiteral() {
    absl::Status s = Expect('{', true);
    if (!s.ok()) return s;
    Json object = Json::Object();
    while (Current() != '}') {
      if (AtEof()) return Error("'}'");
      absl::StatusOr<std::string> key = Key();
      if (!key.ok()) return key.status();
      s = Expect('=', true);
      if (!s.ok()) return s;
      absl::StatusOr<Json> value = ExplicitValue();
      if (!value.ok()) return value.status();
      object.Set(*std::move(key), *std::move(value));
      SkipSpace();
      if (Current() != '}') {
        s = Expect(',', true);
        if (!s.ok()) return s;
      }
    }
    ++pos_;
    return object;
  }

  absl::StatusOr<Json> ExplicitValue() {
    if (AtContainer()) return Container();
    absl::StatusOr<std::string> v = FirstValue();
    if (!v.ok()) return v.status();
    return Json::String(*std::move(v));
  }

  absl::StatusOr<std::string> FirstValue() {
    if (Current() == '\'' || Current() == '"') return Quoted();
    return Unquoted(CanFollowFirst, /*required=*/false);
  }

  absl::StatusOr<std::string> SecondValue() {
    if (Current() == '\'' || Current() == '"') return Quoted();
    return Unquoted(CanFollowSecond, /*required=*/true);
  }

  // A run of value characters; "\," stands for a comma. Trailing whitespace is
  // dropped.
  absl::StatusOr<std::string> Unquoted(bool (*can_follow)(char), bool required) {
    size_t start = pos_;
    std::string out;
    while (!AtEof()) {
      char c = in_[pos_];
      if (c == '\\' && pos_ + 1 < in_.size() && in_[pos_ + 1] == ',') {
        out.push_back(',');
        pos_ += 2;
        continue;
      }
      if (pos_ == start ? !CanStartValue(c) : !can_follow(c)) break;
      out.push_back(c);
      ++pos_;
    }
    if (required && pos_ == start) return Error("a value");
    return std::string(TrimAsciiWhitespace(out));
  }

  absl::StatusOr<std::string> Quoted() {
    const char quote = in_[pos_];
    size_t start = pos_;
    std::string out;
    ++pos_;
    while (!AtEof() && in_[pos_] != quote) {
      if (in_[pos_] == '\\' && pos_ + 1 < in_.size() &&
          (in_[pos_ + 1] == quote || in_[pos_ + 1] == '\\')) {
        ++pos_;
      }
      out.push_back(in_[pos_]);
      ++pos_;
    }
    if (AtEof()) {
      pos_ = start;
      return Error(StrCat("a closing ", std::string(1, quote)));
    }
    ++pos_;
    return out;
  }

  std::string_view in_;
  size_t pos_ = 0;
  int depth_ = 1;  // the containers around pos_: the parameter's object is 1
};

}  // namespace

absl::StatusOr<Json> ParseShorthand(std::string_view input) { return Parser(input).Parameter(); }

}  // namespace ivsrt::cli
