#include "core/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace ivsrt {

namespace {

// One-shot HMAC() fetches SHA-256 and derives the key pads on every call, about 1.4 µs, and
// CreateStage makes two MACs, CreateParticipantToken two. A context keeps the pads of its
// key, and re-initialising it with no key reuses them. The engine's keys are few (ids,
// tokens, page seals), so each thread keeps a context for the last few it used.
class MacContexts {
 public:
  MacContexts() : mac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)) {}
  ~MacContexts() {
    for (Slot& s : slots_) EVP_MAC_CTX_free(s.ctx);
    EVP_MAC_free(mac_);
  }
  MacContexts(const MacContexts&) = delete;
  MacContexts& operator=(const MacContexts&) = delete;

  // A context ready for EVP_MAC_update with `key`, or nullptr.
  EVP_MAC_CTX* Ready(std::string_view key) {
    for (Slot& s : slots_) {
      if (s.ctx != nullptr && s.key == key) {
        return EVP_MAC_init(s.ctx, nullptr, 0, nullptr) == 1 ? s.ctx : nullptr;
      }
    }
    if (mac_ == nullptr) return nullptr;
    Slot& s = slots_[next_++ % kSlots];
    EVP_MAC_CTX_free(s.ctx);
    s.key.assign(key.data(), key.size());
    s.ctx = EVP_MAC_CTX_new(mac_);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0),
                           OSSL_PARAM_construct_end()};
    if (s.ctx == nullptr || EVP_MAC_init(s.ctx, reinterpret_cast<const unsigned char*>(key.data()),
                                         key.size(), params) != 1) {
      EVP_MAC_CTX_free(s.ctx);
      s.ctx = nullptr;
      return nullptr;
    }
    return s.ctx;
  }

 private:
  static constexpr size_t kSlots = 4;
  struct Slot {
    std::string key;
    EVP_MAC_CTX* ctx = nullptr;
  };
  EVP_MAC* mac_;
  Slot slots_[kSlots];
  size_t next_ = 0;
};

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t len = 0;
  thread_local MacContexts contexts;
  EVP_MAC_CTX* ctx = contexts.Ready(key);
  if (ctx != nullptr &&
      EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1 &&
      EVP_MAC_final(ctx, out, &len, sizeof out) == 1) {
    return std::string(reinterpret_cast<char*>(out), len);
  }
  unsigned int one_shot_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &one_shot_len);
  return std::string(reinterpret_cast<char*>(out), one_shot_len);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

}  // namespace ivsrt
