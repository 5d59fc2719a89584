#include "core/store/resize_guard.h"

#include <thread>

#include "core/store/thread_slot.h"

namespace ivsrt::store {
namespace {

// The guard this thread holds shared, outermost first, and how many times: a
// thread taking it again goes ahead without looking at the resize flag, since
// its first hold already keeps any resize waiting.
thread_local const ResizeGuard* held_guard = nullptr;
thread_local int held_depth = 0;

}  // namespace

// Both sides use sequentially consistent operations (a store, then a load of
// the other side's flag): either the reader sees the resize and steps back, or
// the resize sees the reader's mark and waits for it.
ResizeGuard::Shared::Shared(ResizeGuard& guard) : slot_(guard.slots_[ThreadSlot(kSlots)].readers) {
  if (held_guard == &guard) {
    slot_.fetch_add(1);
    ++held_depth;
    tracked_ = true;
    return;
  }
  for (;;) {
    slot_.fetch_add(1);
    if (!guard.resizing_.load()) break;
    slot_.fetch_sub(1);
    while (guard.resizing_.load()) std::this_thread::yield();
  }
  if (held_guard == nullptr) {
    held_guard = &guard;
    held_depth = 1;
    tracked_ = true;
  }
}

ResizeGuard::Shared::~Shared() {
  slot_.fetch_sub(1);
  if (tracked_ && --held_depth == 0) held_guard = nullptr;
}

ResizeGuard::Exclusive::Exclusive(ResizeGuard& guard)
    : guard_(guard), one_resize_(guard.resize_mu_) {
  guard_.resizing_.store(true);
  for (Slot& slot : guard_.slots_) {
    while (slot.readers.load() != 0) std::this_thread::yield();
  }
}

ResizeGuard::Exclusive::~Exclusive() { guard_.resizing_.store(false); }

}  // namespace ivsrt::store
