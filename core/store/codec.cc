#include "core/store/codec.h"

namespace ivsrt::store {

std::string BigEndian64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(v >> (56 - 8 * i));
  return out;
}

std::optional<uint64_t> ParseBigEndian64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

RecordWriter& RecordWriter::U64(uint64_t v) {
  out_ += BigEndian64(v);
  return *this;
}

RecordWriter& RecordWriter::Str(std::string_view s) {
  U64(s.size());
  out_ += s;
  return *this;
}

uint64_t RecordReader::U64() {
  if (!ok_ || in_.size() < 8) {
    ok_ = false;
    return 0;
  }
  uint64_t v = *ParseBigEndian64(in_.substr(0, 8));
  in_.remove_prefix(8);
  return v;
}

std::string_view RecordReader::Str() {
  uint64_t n = U64();
  if (!ok_ || in_.size() < n) {
    ok_ = false;
    return {};
  }
  std::string_view s = in_.substr(0, n);
  in_.remove_prefix(n);
  return s;
}

}  // namespace ivsrt::store
