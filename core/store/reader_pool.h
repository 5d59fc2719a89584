// Idle read transactions of one environment, kept reset (mdb_txn_reset) for
// mdb_txn_renew. A renewed transaction keeps its reader slot, so a read skips
// the reader-table mutex that mdb_txn_begin takes on every read under MDB_NOTLS
// (a cache line every reading thread writes), and the handle's calloc and free.
// Lock-free: each slot is a cache line of its own, and a thread starts at the
// slot its id hashes to, so threads reading at once touch different lines.
#ifndef IVSRT_CORE_STORE_READER_POOL_H_
#define IVSRT_CORE_STORE_READER_POOL_H_

#include <lmdb.h>

#include <atomic>
#include <cstddef>

namespace ivsrt::store {

class ReaderPool {
 public:
  // The owner drains the pool before it closes the environment.
  ReaderPool() = default;
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // A reset read transaction to renew, or nullptr when none is idle.
  MDB_txn* Take();
  // Keeps a reset read transaction for later; aborts it when every slot is
  // taken.
  void Put(MDB_txn* txn);
  // Aborts every idle transaction. Callers make sure no Take or Put runs at the
  // same time (the map is about to be resized, or the environment closed).
  void Drain();

 private:
  static constexpr size_t kSlots = 16;
  struct alignas(64) Slot {
    std::atomic<MDB_txn*> txn{nullptr};
  };
  Slot slots_[kSlots];
};

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_READER_POOL_H_
