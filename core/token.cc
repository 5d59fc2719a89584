#include "core/token.h"

#include "core/base64url.h"
#include "core/hmac.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

// AWS's API-issued tokens say "KMS" (NOTES.md 13); the signature is ours all the same.
constexpr std::string_view kHeader = R"({"alg":"KMS","typ":"JWT"})";
// What ivsrt 0.1 wrote: its stores' tokens keep verifying.
constexpr std::string_view kHeaderV0 = R"({"alg":"HS256","typ":"JWT"})";

bool IsJsonObject(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  return parser.parse(text.data(), text.size()).get_object().get(object) == simdjson::SUCCESS;
}

}  // namespace

std::string SignJwt(std::string_view key, std::string_view payload_json) {
  std::string signing_input = StrCat(Base64UrlEncode(kHeader), ".", Base64UrlEncode(payload_json));
  std::string signature = Base64UrlEncode(HmacSha256(key, signing_input));
  return StrCat(signing_input, ".", signature);
}

JwtCheck CheckJwt(std::string_view key, std::string_view token) {
  JwtCheck check;
  size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return check;
  size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return check;
  }
  std::string_view segments[] = {token.substr(0, dot1), token.substr(dot1 + 1, dot2 - dot1 - 1),
                                 token.substr(dot2 + 1)};
  for (std::string_view segment : segments) {
    if (segment.empty()) return check;
  }
  auto header = Base64UrlDecode(segments[0]);
  auto payload = Base64UrlDecode(segments[1]);
  auto signature = Base64UrlDecode(segments[2]);
  // A JWT's header and payload are JSON objects (RFC 7519 section 7.2);
  // anything else is not a token at all, whatever its signature.
  if (!header || !payload || !signature || !IsJsonObject(*header) || !IsJsonObject(*payload)) {
    return check;
  }
  check.payload_json = std::move(*payload);
  check.header_json = *header;
  check.signature = *signature;
  check.signing_input = token.substr(0, dot2);
  std::string expected = HmacSha256(key, token.substr(0, dot2));
  // The header is covered by the signature; one we did not write cannot verify.
  bool ours = *header == kHeader || *header == kHeaderV0;
  check.problem = (ours && ConstantTimeEquals(*signature, expected)) ? JwtProblem::kNone
                                                                     : JwtProblem::kBadSignature;
  return check;
}

}  // namespace ivsrt
