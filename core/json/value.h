// A validated request: the modeled members of a request body, as the validator kept them.
#ifndef IVSRT_CORE_JSON_VALUE_H_
#define IVSRT_CORE_JSON_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ivsrt {

// Structures and maps are kObject (members in input order; a duplicate key keeps its last
// value), lists are kList, integers and longs kInt, floats and doubles kDouble, strings and
// timestamps kString.
class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kString, kList, kObject };
  using Entry = std::pair<std::string, Value>;

  Value() = default;
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Double(double d);
  static Value String(std::string s);
  static Value List();
  static Value Object();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool as_bool() const { return bool_; }
  int64_t as_int() const { return int_; }
  double as_double() const { return double_; }
  const std::string& as_string() const { return string_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<Entry>& entries() const { return entries_; }

  // Objects: the member's value, or nullptr when absent.
  const Value* Find(std::string_view key) const;
  // Objects: sets key (replacing an earlier value of the same key).
  void Set(std::string key, Value v);
  // Objects: adds key, which the caller knows is absent (Set without its linear search, so
  // building a large object stays linear).
  void AppendUnique(std::string key, Value v);
  // Lists.
  void Append(Value v);

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<Entry> entries_;
};

}  // namespace ivsrt

#endif  // IVSRT_CORE_JSON_VALUE_H_
