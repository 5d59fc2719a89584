// The public keys of self-signed participant tokens (ImportPublicKey; the user guide's
// "Distribute Participant Tokens": ES384, ECDSA on P-384 with SHA-384), through OpenSSL.
#ifndef IVSRT_CORE_PUBLIC_KEY_H_
#define IVSRT_CORE_PUBLIC_KEY_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ivsrt {

struct PublicKeyInfo {
  std::string der;          // the DER SubjectPublicKeyInfo
  std::string fingerprint;  // MD5 of `der`, 16 lower-case hex bytes joined by ':'
};

// Reads the first PEM "PUBLIC KEY" block of `pem` (text around it is allowed, as the model's
// pattern allows it). ValidationException naming publicKeyMaterial unless it is an EC key on
// P-384 (secp384r1): the only curve ES384 verifies with.
absl::StatusOr<PublicKeyInfo> ReadP384PublicKey(std::string_view pem);

// Whether `signature` (JWS ES384: r and s, 48 bytes each, big-endian) signs `data` under the
// P-384 key `der` (a DER SubjectPublicKeyInfo that ReadP384PublicKey accepted).
bool VerifyEs384(std::string_view der, std::string_view data, std::string_view signature);

}  // namespace ivsrt

#endif  // IVSRT_CORE_PUBLIC_KEY_H_
