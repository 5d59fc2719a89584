// A P-384 key pair and ES384 signing with OpenSSL, as an application signs its own participant
// tokens (NOTES.md 8): for the self-signed token tests and benchmarks.
#ifndef IVSRT_TESTS_P384_KEY_H_
#define IVSRT_TESTS_P384_KEY_H_

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <string>
#include <string_view>

#include "core/base64url.h"
#include "core/strings.h"

namespace ivsrt::testing {

// A fresh P-384 key pair.
class P384Key {
 public:
  P384Key() : key_(EVP_EC_gen("P-384")) {}
  ~P384Key() { EVP_PKEY_free(key_); }
  P384Key(const P384Key&) = delete;
  P384Key& operator=(const P384Key&) = delete;

  std::string PublicPem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key_);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(n));
    BIO_free(bio);
    return pem;
  }
  // header.payload.signature with the JWS ES384 signature (r || s, 48 bytes each).
  std::string Sign(std::string_view header_json, std::string_view payload_json) const {
    std::string input = StrCat(Base64UrlEncode(header_json), ".", Base64UrlEncode(payload_json));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t der_len = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, key_);
    EVP_DigestSign(ctx, nullptr, &der_len, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string der(der_len, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &der_len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len));
    std::string raw(96, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 48);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 48, 48);
    ECDSA_SIG_free(sig);
    return StrCat(input, ".", Base64UrlEncode(raw));
  }

 private:
  EVP_PKEY* key_;
};

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_P384_KEY_H_
