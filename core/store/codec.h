// Record encoding: fixed 8-byte big-endian integers and length-prefixed strings.
#ifndef IVSRT_CORE_STORE_CODEC_H_
#define IVSRT_CORE_STORE_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ivsrt::store {

class RecordWriter {
 public:
  RecordWriter& U64(uint64_t v);
  RecordWriter& Str(std::string_view s);
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what RecordWriter wrote; any short read makes ok() false from then on.
class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  uint64_t U64();
  std::string_view Str();
  bool ok() const { return ok_; }

 private:
  std::string_view in_;
  bool ok_ = true;
};

// 8 bytes, big-endian, so that keys sort numerically.
std::string BigEndian64(uint64_t v);
std::optional<uint64_t> ParseBigEndian64(std::string_view bytes);

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_CODEC_H_
