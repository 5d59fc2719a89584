// What an operation handler sees: the engine's services and the caller's
// partition.
#ifndef IVSRT_CORE_OPS_OP_CONTEXT_H_
#define IVSRT_CORE_OPS_OP_CONTEXT_H_

#include <atomic>
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

// The first deadline as of one committed transaction, so that a call that finds the store
// unchanged needs no read transaction to know nothing is due. Read on every call by every
// thread, so reading writes nothing (a seqlock: a mutex here was a cache line every call of
// every thread wrote); a change is rare (after a write) and takes `update_mu`.
class DeadlineCache {
 public:
  static constexpr int64_t kNone = INT64_MAX;  // no deadline at all

  DeadlineCache() = default;
  // Moving (Services is built as a temporary) makes a fresh, empty cache.
  DeadlineCache(DeadlineCache&& /*unused*/) noexcept {}
  DeadlineCache& operator=(DeadlineCache&&) = delete;

  // True when the cache is about transaction `txn_id` (not 0) and its first deadline is after
  // `now` (unix seconds).
  bool NothingDueAt(uint64_t txn_id, int64_t now) const {
    const uint64_t before = seq_.load(std::memory_order_acquire);
    if ((before & 1) != 0) return false;  // being updated
    const uint64_t cached_txn = txn_id_.load(std::memory_order_relaxed);
    const int64_t first_due = first_due_.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (seq_.load(std::memory_order_relaxed) != before) return false;
    return txn_id != 0 && cached_txn == txn_id && first_due > now;
  }

  // Remembers the first deadline (`first_due`, or kNone) as of transaction `txn_id`.
  void Remember(uint64_t txn_id, int64_t first_due) {
    std::lock_guard<std::mutex> lock(update_mu_);
    const uint64_t seq = seq_.load(std::memory_order_relaxed);
    seq_.store(seq + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    txn_id_.store(txn_id, std::memory_order_relaxed);
    first_due_.store(first_due, std::memory_order_relaxed);
    seq_.store(seq + 2, std::memory_order_release);
  }

 private:
  std::mutex update_mu_;
  std::atomic<uint64_t> seq_{0};  // odd while an update runs
  std::atomic<uint64_t> txn_id_{0};
  std::atomic<int64_t> first_due_{kNone};
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
