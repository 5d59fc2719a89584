// The guard between this process's transactions and a resize of its map
// (LMDB forbids mdb_env_set_mapsize while the process has a transaction open).
// Transactions hold it shared, a resize exclusively. It replaces a
// std::shared_mutex, whose reader count is one cache line that every read of
// every thread wrote twice: two reading threads spent a third of a GetStage
// passing that line between their cores. Here a reader marks a slot of its own
// (a cache line per slot; threads spread over the slots by their id), and only
// a resize looks at every slot.
//
// A thread may take it shared again while it holds it (a resize waiting
// between the two would otherwise wait for the first hold forever). Only the
// first guard a thread holds is tracked: holding A, then B, then B again while
// B's resize waits would spin forever; and a thread that holds it shared must
// not take it exclusively. No caller does either. Waiting readers yield in a
// loop for as long as the resize takes, which includes waiting for another
// process's map.lock and for fallocate.
#ifndef IVSRT_CORE_STORE_RESIZE_GUARD_H_
#define IVSRT_CORE_STORE_RESIZE_GUARD_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>

namespace ivsrt::store {

class ResizeGuard {
 public:
  ResizeGuard() = default;
  ResizeGuard(const ResizeGuard&) = delete;
  ResizeGuard& operator=(const ResizeGuard&) = delete;

  // Shared: waits while a resize runs (yielding), then marks the calling
  // thread's slot until the Shared ends.
  class Shared {
   public:
    explicit Shared(ResizeGuard& guard);
    ~Shared();
    Shared(const Shared&) = delete;
    Shared& operator=(const Shared&) = delete;

   private:
    std::atomic<size_t>& slot_;
    bool tracked_ = false;  // counted in this thread's hold of the guard
  };

  // Exclusive: one resize at a time; waits (yielding) until no slot is marked.
  class Exclusive {
   public:
    explicit Exclusive(ResizeGuard& guard);
    ~Exclusive();
    Exclusive(const Exclusive&) = delete;
    Exclusive& operator=(const Exclusive&) = delete;

   private:
    ResizeGuard& guard_;
    std::lock_guard<std::mutex> one_resize_;
  };

 private:
  static constexpr size_t kSlots = 16;
  struct alignas(64) Slot {
    std::atomic<size_t> readers{0};
  };
  std::array<Slot, kSlots> slots_;
  alignas(64) std::atomic<bool> resizing_{false};
  std::mutex resize_mu_;
};

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_RESIZE_GUARD_H_
