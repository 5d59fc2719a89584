// A small streaming JSON writer for responses: commas and escaping handled, nothing else.
#ifndef IVSRT_CORE_JSON_WRITER_H_
#define IVSRT_CORE_JSON_WRITER_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/container/inlined_vector.h"

namespace ivsrt {

class JsonWriter {
 public:
  // Room for a typical response up front: growing from empty copied a GetStage answer six
  // times.
  JsonWriter() { out_.reserve(kInitialCapacity); }

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  // One string value written from consecutive pieces (an endpoint URL around a host name),
  // without joining them first. Each piece is escaped and checked as UTF-8 on its own, so a
  // piece with invalid UTF-8, or a character split across two pieces, has its bytes
  // replaced by U+FFFD as AppendJsonString does.
  JsonWriter& StringOfPieces(std::initializer_list<std::string_view> pieces);
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

  static constexpr size_t kInitialCapacity = 1024;

  std::string out_;
  absl::InlinedVector<bool, 16> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view s);
// Appends `s` escaped for the inside of a JSON string, without quotes; bytes that are not
// UTF-8 become U+FFFD.
void AppendJsonStringContent(std::string& out, std::string_view s);

}  // namespace ivsrt

#endif  // IVSRT_CORE_JSON_WRITER_H_
