// Which of a per-thread table's slots the calling thread starts at: a hash of
// its id, computed once per thread, so that threads working at once touch
// different cache lines (ReaderPool, ResizeGuard).
#ifndef IVSRT_CORE_STORE_THREAD_SLOT_H_
#define IVSRT_CORE_STORE_THREAD_SLOT_H_

#include <cstddef>
#include <functional>
#include <thread>

namespace ivsrt::store {

inline size_t ThreadSlot(size_t slots) {
  static thread_local const size_t hash = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return hash % slots;
}

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_THREAD_SLOT_H_
