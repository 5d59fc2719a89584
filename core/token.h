// Participant tokens: JWTs (base64url header.payload.signature) signed with
// HMAC-SHA256 under the store's key. AWS signs API-issued tokens with its own keys
// and calls them opaque; the header is AWS's ({"alg":"KMS","typ":"JWT"}).
#ifndef IVSRT_CORE_TOKEN_H_
#define IVSRT_CORE_TOKEN_H_

#include <optional>
#include <string>
#include <string_view>

namespace ivsrt {

std::string SignJwt(std::string_view key, std::string_view payload_json);

enum class JwtProblem { kNone, kMalformed, kBadSignature };

struct JwtCheck {
  JwtProblem problem = JwtProblem::kMalformed;
  std::string payload_json;  // set when the payload decodes, even if the
                             // signature is bad
  std::string header_json;   // set with payload_json
  std::string signature;     // the decoded signature, set with payload_json
  std::string_view signing_input;  // header.payload as in the token, set with payload_json
};
// Checks the form (three non-empty base64url segments, the first two JSON
// objects: else kMalformed), then the header (the one SignJwt writes, or the
// {"alg":"HS256","typ":"JWT"} of ivsrt 0.1) and the signature (else kBadSignature).
JwtCheck CheckJwt(std::string_view key, std::string_view token);

}  // namespace ivsrt

#endif  // IVSRT_CORE_TOKEN_H_
