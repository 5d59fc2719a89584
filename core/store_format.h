// The store's format version, kept in the meta table, and the upgrade of older stores.
//   0  (ivsrt 0.1.0; no version key) positional stage records in tables "stages",
//      "stage_order", "tags"
//   1  the resource layer's self-describing records (core/resources/resources.h)
// Opening a store upgrades it to kStoreFormatVersion in one write transaction (so another
// process sees either format, never half of one); a store of a later format is refused.
#ifndef IVSRT_CORE_STORE_FORMAT_H_
#define IVSRT_CORE_STORE_FORMAT_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/store/store.h"

namespace ivsrt {

inline constexpr uint64_t kStoreFormatVersion = 1;

// Upgrades `store` to kStoreFormatVersion. An error (InternalServerException, "cannot open
// the store in <dir>: ...") when the store has a later format than this library reads.
absl::Status UpgradeStoreFormat(store::Store& store);

}  // namespace ivsrt

#endif  // IVSRT_CORE_STORE_FORMAT_H_
