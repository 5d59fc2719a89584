#include "core/store/reader_pool.h"

#include <functional>
#include <thread>

namespace ivsrt::store {
namespace {

size_t FirstSlot(size_t slots) {
  static thread_local const size_t hash = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return hash % slots;
}

}  // namespace

MDB_txn* ReaderPool::Take() {
  const size_t first = FirstSlot(kSlots);
  for (size_t i = 0; i < kSlots; ++i) {
    std::atomic<MDB_txn*>& slot = slots_[(first + i) % kSlots].txn;
    if (slot.load(std::memory_order_relaxed) == nullptr) continue;
    if (MDB_txn* txn = slot.exchange(nullptr, std::memory_order_acquire)) return txn;
  }
  return nullptr;
}

void ReaderPool::Put(MDB_txn* txn) {
  const size_t first = FirstSlot(kSlots);
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
