// HMAC-SHA256 through OpenSSL libcrypto: token signatures, page-token seals, derived ids.
#ifndef IVSRT_CORE_HMAC_H_
#define IVSRT_CORE_HMAC_H_

#include <string>
#include <string_view>

namespace ivsrt {

inline constexpr size_t kSha256Size = 32;

// The 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// Constant-time equality, for comparing signatures.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// n cryptographically random bytes.
std::string RandomBytes(size_t n);

}  // namespace ivsrt

#endif  // IVSRT_CORE_HMAC_H_
