// Resource and participant ids: 12 alphanumerics, derived from a per-store key and a
// persisted counter, so a seeded store replays the same ids and no two draws collide.
#ifndef IVSRT_CORE_IDS_H_
#define IVSRT_CORE_IDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ivsrt {

class IdGenerator {
 public:
  explicit IdGenerator(std::string key) : key_(std::move(key)) {}
  // 12 characters of [A-Za-z0-9] for draw number `counter`.
  std::string Alnum12(uint64_t counter) const;
  // 12 lowercase hex characters derived from `label` (stage endpoint host names).
  std::string Hex12(std::string_view label) const;
  // `n` (at most 16) characters of [A-Za-z0-9] derived from `label` (stage session ids).
  std::string Alnum(std::string_view label, size_t n) const;
  // A version-4-shaped UUID derived from `label` (EventBridge event ids).
  std::string Uuid(std::string_view label) const;

 private:
  std::string key_;
};

}  // namespace ivsrt

#endif  // IVSRT_CORE_IDS_H_
