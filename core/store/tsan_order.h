// Tells ThreadSanitizer how LMDB orders transactions. LMDB (Debian's build, not
// instrumented) publishes a commit through its meta page, and frees pages for
// reuse through its reader table, with memory ordering TSan cannot see. Without
// these edges TSan reports a reader of a committed page as racing with the
// writer that filled it.
//   - a write transaction releases just before mdb_txn_commit publishes it
//     (ReleaseBeforeCommit), and every transaction acquires once begun, so
//     whoever sees a commit also sees the writes made before it;
//   - a read transaction releases when it ends (before its reader slot is
//   cleared); a
//     writer reusing a page it read is inside liblmdb, covered by
//     tools/tsan.supp.
// One sync object per environment; all of it compiles away outside TSan builds.
#ifndef IVSRT_CORE_STORE_TSAN_ORDER_H_
#define IVSRT_CORE_STORE_TSAN_ORDER_H_

#if defined(__SANITIZE_THREAD__)
#define IVSRT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define IVSRT_TSAN 1
#endif
#endif

#ifdef IVSRT_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace ivsrt::store {

inline void TsanAcquire([[maybe_unused]] void* sync) {
#ifdef IVSRT_TSAN
  __tsan_acquire(sync);
#endif
}

inline void TsanRelease([[maybe_unused]] void* sync) {
#ifdef IVSRT_TSAN
  __tsan_release(sync);
#endif
}

// Acquires on construction (after the transaction began) and releases on
// destruction.
class TsanTxnOrder {
 public:
  explicit TsanTxnOrder(void* sync) : sync_(sync) { TsanAcquire(sync_); }
  ~TsanTxnOrder() { TsanRelease(sync_); }
  TsanTxnOrder(const TsanTxnOrder&) = delete;
  TsanTxnOrder& operator=(const TsanTxnOrder&) = delete;

 private:
  void* sync_;
};

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_TSAN_ORDER_H_
