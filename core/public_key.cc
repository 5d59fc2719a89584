#include "core/public_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <memory>

#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

constexpr size_t kEs384Half = 48;  // bytes of r and of s

absl::Status NotP384(std::string_view why) {
  return ValidationError(StrCat("publicKeyMaterial: ", why,
                                "; it must be an ECDSA P-384 (secp384r1) public key in PEM "
                                "SubjectPublicKeyInfo form (-----BEGIN PUBLIC KEY-----)"));
}

Pkey FromDer(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  // OpenSSL takes the length as a long.
  return Pkey(d2i_PUBKEY(nullptr, &p, static_cast<decltype(LONG_MAX)>(der.size())));
}

}  // namespace

absl::StatusOr<PublicKeyInfo> ReadP384PublicKey(std::string_view pem) {
  // PEM_read_bio_PUBKEY skips text before the block, as the model's pattern (.*...) allows.
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return InternalError("out of memory reading a public key");
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return NotP384("not a public key OpenSSL can read");
  char group[64] = {};
  size_t group_len = 0;
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
      EVP_PKEY_get_utf8_string_param(key.get(), "group", group, sizeof(group), &group_len) != 1 ||
      std::string_view(group, group_len) != "secp384r1") {
    return NotP384("not a key on curve P-384");
  }
  unsigned char* der = nullptr;
  int der_len = i2d_PUBKEY(key.get(), &der);
  if (der_len <= 0) return InternalError("cannot encode a public key");
  PublicKeyInfo info;
  info.der.assign(reinterpret_cast<const char*>(der), static_cast<size_t>(der_len));
  OPENSSL_free(der);
  unsigned char md5[EVP_MAX_MD_SIZE];
  unsigned int md5_len = 0;
  if (EVP_Digest(info.der.data(), info.der.size(), md5, &md5_len, EVP_md5(), nullptr) != 1) {
    return InternalError("cannot hash a public key");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < md5_len; ++i) {
    if (i > 0) info.fingerprint += ':';
    info.fingerprint += kHex[md5[i] >> 4];
    info.fingerprint += kHex[md5[i] & 15];
  }
  return info;
}

bool VerifyEs384(std::string_view der, std::string_view data, std::string_view signature) {
  if (signature.size() != 2 * kEs384Half) return false;
  Pkey key = FromDer(der);
  if (!key) return false;
  // JWS carries r || s; OpenSSL verifies a DER ECDSA-Sig-Value.
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
  BIGNUM* r = BN_bin2bn(raw, kEs384Half, nullptr);
  BIGNUM* s = BN_bin2bn(raw + kEs384Half, kEs384Half, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der_sig = nullptr;
  int der_sig_len = i2d_ECDSA_SIG(sig.get(), &der_sig);
  if (der_sig_len <= 0) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  bool ok = ctx &&
            EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha384(), nullptr, key.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), der_sig, static_cast<size_t>(der_sig_len),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  OPENSSL_free(der_sig);
  return ok;
}

}  // namespace ivsrt
