// What an operation handler sees: the engine's services and the caller's
// partition.
#ifndef IVSRT_CORE_OPS_OP_CONTEXT_H_
#define IVSRT_CORE_OPS_OP_CONTEXT_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/json/value.h"
#include "core/resources/resource_types.h"
#include "core/store/store.h"

namespace ivsrt {

// The meta key of the store's signing key (kept across ivsrt:Reset).
inline constexpr std::string_view kSigningKeyMetaKey = "signing_key";
// The meta key of the store's format version (core/store_format.h; kept across ivsrt:Reset).
inline constexpr std::string_view kFormatVersionMetaKey = "format_version";

struct DeadlineCache {
  DeadlineCache() = default;
  // Moving (Services is built as a temporary) makes a fresh, empty cache.
  DeadlineCache(DeadlineCache&& /*unused*/) noexcept {}
  DeadlineCache& operator=(DeadlineCache&&) = delete;

  std::mutex mu;
  uint64_t txn_id = 0;    // 0: nothing known
  int64_t first_due = 0;  // unix seconds; kNone when there is none
  static constexpr int64_t kNone = INT64_MAX;
};

// Shared by every request of one engine; immutable but for the clock.
struct Services {
  store::Store* store;
  Clock* clock;
  std::string signing_key;  // never leaves the engine
  IdGenerator ids;
  std::string page_key;  // seals nextToken values
  resources::Quotas quotas;
  // How long a stage session outlives its last participant (engine option
  // session_end_delay_seconds; core/media/live_session.h).
  int64_t session_end_delay_seconds = 180;
  // The earliest media-plane deadline as of a store transaction id, so that a call finds
  // nothing due without a read transaction while nothing was written (core/media/).
  DeadlineCache deadlines;
};

struct OpContext {
  Services* services;
  std::string_view account;
  std::string_view region;
  absl::Time now;

  // Key prefix of this (account, region) partition.
  std::string Partition() const;
};

struct DrawnId {
  uint64_t counter;  // strictly increasing across the store: also a creation order
  std::string id;    // 12 alphanumerics
};
// Draws the next id from the store's persisted counter (inside the caller's
// write txn).
absl::StatusOr<DrawnId> NextId(store::Txn& txn, const OpContext& ctx);

// Draws the next value (0, 1, ...) of the persisted counter under meta key `key` (inside
// the caller's write txn).
absl::StatusOr<uint64_t> NextCounter(store::Txn& txn, std::string_view key);

// The store's generation: 0 when new, one more after each ivsrt:Reset (which
// replays ids and positions), so state from before a reset (a nextToken) can
// tell it is stale.
absl::StatusOr<uint64_t> StoreGeneration(const store::Txn& txn);
// Empties the meta table but for the signing key and the format version, and moves to the
// next generation.
absl::Status ResetMeta(store::Txn& txn);

// Request accessors for validated members.
std::string_view StringOr(const Value& request, std::string_view member, std::string_view fallback);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_OP_CONTEXT_H_
