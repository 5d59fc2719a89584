// A small streaming JSON writer for responses: commas and escaping handled, nothing else.
#ifndef IVSRT_CORE_JSON_WRITER_H_
#define IVSRT_CORE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ivsrt {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t i);
  JsonWriter& Double(double d);
  // The shortest text that reads back as the same 32-bit float (the model's "float" members:
  // 29.97f is 29.97, not 29.969999313354492).
  JsonWriter& Float(float f);
  JsonWriter& Bool(bool b);
  // A value that is already JSON text.
  JsonWriter& Raw(std::string_view json);
  // The members of `object_json`, a compact JSON object ("{}" or "{\"a\":1,...}") the engine
  // wrote itself, spliced into the object being written (a stored record's members).
  JsonWriter& RawMembers(std::string_view object_json);

  // Key and value in one call.
  JsonWriter& Field(std::string_view key, std::string_view s) { return Key(key).String(s); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  // The shortest text that reads back as `n` (std::to_chars).
  template <typename Number>
  JsonWriter& ShortestNumber(Number n);

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace ivsrt

#endif  // IVSRT_CORE_JSON_WRITER_H_
