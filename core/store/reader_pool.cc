#include "core/store/reader_pool.h"

#include "core/store/thread_slot.h"

namespace ivsrt::store {

MDB_txn* ReaderPool::Take() {
  const size_t first = ThreadSlot(kSlots);
  for (size_t i = 0; i < kSlots; ++i) {
    std::atomic<MDB_txn*>& slot = slots_[(first + i) % kSlots].txn;
    if (slot.load(std::memory_order_relaxed) == nullptr) continue;
    if (MDB_txn* txn = slot.exchange(nullptr, std::memory_order_acquire)) return txn;
  }
  return nullptr;
}

void ReaderPool::Put(MDB_txn* txn) {
  const size_t first = ThreadSlot(kSlots);
  for (size_t i = 0; i < kSlots; ++i) {
    std::atomic<MDB_txn*>& slot = slots_[(first + i) % kSlots].txn;
    MDB_txn* empty = nullptr;
    if (slot.load(std::memory_order_relaxed) == nullptr &&
        slot.compare_exchange_strong(empty, txn, std::memory_order_release)) {
      return;
    }
  }
  mdb_txn_abort(txn);
}

void ReaderPool::Drain() {
  for (Slot& slot : slots_) {
    if (MDB_txn* txn = slot.txn.exchange(nullptr)) mdb_txn_abort(txn);
  }
}

}  // namespace ivsrt::store
