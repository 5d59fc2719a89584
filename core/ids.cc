#include "core/ids.h"

#include "core/hmac.h"

namespace ivsrt {

namespace {

// `n` (at most 16) alphanumerics from a 32-byte MAC.
std::string AlnumFromMac(std::string_view mac, size_t n) {
  static constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string id(n, 'A');
  // Two MAC bytes per character keep the modulo bias below 0.1%.
  for (size_t i = 0; i < n; ++i) {
    unsigned v = (static_cast<uint8_t>(mac[2 * i]) << 8) | static_cast<uint8_t>(mac[2 * i + 1]);
    id[i] = kAlnum[v % 62];
  }
  return id;
}

}  // namespace

std::string IdGenerator::Alnum12(uint64_t counter) const {
  char be[8];
  for (int i = 0; i < 8; ++i) be[i] = static_cast<char>(counter >> (56 - 8 * i));
  return AlnumFromMac(HmacSha256(key_, std::string_view(be, 8)), 12);
}

std::string IdGenerator::Alnum(std::string_view label, size_t n) const {
  return AlnumFromMac(HmacSha256(key_, label), n > 16 ? 16 : n);
}

std::string IdGenerator::Uuid(std::string_view label) const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string mac = HmacSha256(key_, label);
  mac[6] = static_cast<char>((mac[6] & 0x0f) | 0x40);  // version 4
  mac[8] = static_cast<char>((mac[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[static_cast<uint8_t>(mac[i]) >> 4];
    out += kHex[static_cast<uint8_t>(mac[i]) & 15];
  }
  return out;
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
