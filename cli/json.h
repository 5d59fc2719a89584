// An ordered JSON document for the command line: option values and
// cli-input-json are read into it, requests are written from it, and responses
// are printed from it as the AWS CLI prints them (Python's json.dumps(indent=4,
// ensure_ascii=False)).
#ifndef IVSRT_CLI_JSON_H_
#define IVSRT_CLI_JSON_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/validate/validator.h"

namespace ivsrt::cli {

// Containers nested deeper than this (the outermost is level 1) are refused
// when text is read: the engine's own cap, so the command refuses nothing the
// engine would accept. It also bounds every recursion over a Json read from the
// user (writing, Coerce, FormatTimestamps, destruction): an unbounded reader
// overflowed the stack at about 15,000 levels.
inline constexpr int kMaxJsonDepth = kMaxRequestDepth;

class Json {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  static Json Bool(bool b);
  // `text` is a JSON number literal, kept verbatim so output shows what the
  // engine sent.
  static Json Number(std::string text);
  static Json String(std::string s);
  static Json Array();
  static Json Object();

  // Parses one JSON text (trailing whitespace allowed, nothing else), nested at
  // most kMaxJsonDepth levels.
  static absl::StatusOr<Json> Parse(std::string_view text);

  Kind kind() const { return kind_; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_string() const { return kind_ == Kind::kString; }
  // The string value, the number literal, or "true"/"false".
  const std::string& text() const { return text_; }
  const std::vector<Json>& items() const { return items_; }
  std::vector<Json>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  // Objects: the member's value, or nullptr.
  const Json* Find(std::string_view key) const;
  // Objects: sets key, replacing an earlier value in place.
  void Set(std::string key, Json value);
  // Arrays.
  void Append(Json value);

  std::string Compact() const;
  // 4-space indent, ", " never used: items end their line with ",".
  std::string Pretty() const;

 private:
  void Write(std::string& out, int indent) const;

  Kind kind_ = Kind::kNull;
  std::string text_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

// Appends `s` as a JSON string literal, escaping as Python's json module does
// with ensure_ascii=False: quotes, backslashes and control characters only.
void AppendQuoted(std::string& out, std::string_view s);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_JSON_H_
