// base64url without padding (RFC 4648 §5), as JWTs and page tokens use it.
#ifndef IVSRT_CORE_BASE64URL_H_
#define IVSRT_CORE_BASE64URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace ivsrt {

std::string Base64UrlEncode(std::string_view data);
// nullopt on any character outside the alphabet, padding, or an impossible length.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace ivsrt

#endif  // IVSRT_CORE_BASE64URL_H_
