#include "core/ids.h"

#include "core/hmac.h"

namespace ivsrt {

std::string IdGenerator::Alnum12(uint64_t counter) const {
  static constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char be[8];
  for (int i = 0; i < 8; ++i) be[i] = static_cast<char>(counter >> (56 - 8 * i));
  std::string mac = HmacSha256(key_, std::string_view(be, 8));
  std::string id(12, 'A');
  // Two MAC bytes per character keep the modulo bias below 0.1%.
  for (int i = 0; i < 12; ++i) {
    unsigned v = (static_cast<uint8_t>(mac[size_t{2} * i]) << 8) | static_cast<uint8_t>(mac[size_t{2} * i + 1]);
    id[i] = kAlnum[v % 62];
  }
  return id;
}

std::string IdGenerator::Hex12(std::string_view label) const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string mac = HmacSha256(key_, label);
  std::string out(12, '0');
  for (int i = 0; i < 6; ++i) {
    out[size_t{2} * i] = kHex[static_cast<uint8_t>(mac[i]) >> 4];
    out[size_t{2} * i + 1] = kHex[static_cast<uint8_t>(mac[i]) & 15];
  }
  return out;
}

}  // namespace ivsrt
