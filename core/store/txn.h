// Move-only RAII LMDB transactions: the destructor aborts, Commit() returns a Status.
// Views returned by Get/Scan point into the map and die with the transaction.
#ifndef IVSRT_CORE_STORE_TXN_H_
#define IVSRT_CORE_STORE_TXN_H_

#include <lmdb.h>

#include <functional>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ivsrt::store {

// The named databases of a store. Those from kFirstLegacyTable on are format 0's (before
// self-describing records): opened only when present, read once by the upgrade, then dropped.
enum class Table {
  kMeta,
  kResources,
  kOrder,
  kReferences,
  kParticipants,         // participant tokens: revocation and expiry (ops/participant_tokens.h)
  kSessions,             // stage sessions (core/media/keys.h has the key forms of these five)
  kSessionParticipants,  // participants of a session
  kParticipantEvents,    // ListParticipantEvents' events
  kEventStream,          // the EventBridge events ivsrt:ReceiveEvents reads
  kDeadlines,            // time-driven transitions: session ends, token expiries
  kReplications,         // participant replications (core/media/keys.h)
  kLegacyStages,
  kLegacyStageOrder,
  kLegacyTags,
};
inline constexpr int kTableCount = 14;
inline constexpr Table kFirstLegacyTable = Table::kLegacyStages;
// The handle of a legacy table the store does not have.
inline constexpr MDB_dbi kAbsentTable = ~MDB_dbi{0};

class Txn {
 public:
  Txn(MDB_txn* txn, const MDB_dbi* dbis) : txn_(txn), dbis_(dbis) {}
  Txn(Txn&& other) noexcept : txn_(other.txn_), dbis_(other.dbis_) { other.txn_ = nullptr; }
  Txn& operator=(Txn&&) = delete;
  Txn(const Txn&) = delete;
  ~Txn() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
  }

  // The transaction's id: for a read transaction, that of the write it sees last.
  uint64_t Id() const { return mdb_txn_id(txn_); }
  // Gives up the handle, unfinished, to the caller (to reset and pool a read transaction).
  MDB_txn* Release() {
    MDB_txn* txn = txn_;
    txn_ = nullptr;
    return txn;
  }

  absl::StatusOr<std::optional<std::string_view>> Get(Table t, std::string_view key) const;
  // Visits keys >= `from` that start with `prefix`, in key order, until `visit` returns
  // false.
  absl::Status Scan(
      Table t, std::string_view prefix, std::string_view from,
      const std::function<bool(std::string_view key, std::string_view value)>& visit) const;

  // False for a legacy table the store does not have (it reads as empty).
  bool Has(Table t) const { return dbis_[static_cast<int>(t)] != kAbsentTable; }

  // Write transactions only.
  // Deletes every key of the table.
  absl::Status Clear(Table t);
  // Deletes the table itself (a legacy one, after the upgrade has read it).
  absl::Status Drop(Table t);
  absl::Status Put(Table t, std::string_view key, std::string_view value);
  absl::Status Delete(Table t, std::string_view key);  // absent keys are fine
  absl::Status Commit();

 private:
  MDB_txn* txn_;
  const MDB_dbi* dbis_;
};

// An LMDB return code as a Status; MDB_MAP_FULL keeps its own code so the store can grow
// the map and retry.
absl::Status LmdbStatus(int rc, std::string_view what);
bool IsMapFull(const absl::Status& status);

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_TXN_H_
