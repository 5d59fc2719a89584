// The LMDB environment of one data directory: one MDB_env per directory per
// process, shared by every engine that opens it; the map grows by itself, and
// the reader slots of processes that died are reclaimed.
#ifndef IVSRT_CORE_STORE_STORE_H_
#define IVSRT_CORE_STORE_STORE_H_

#include <lmdb.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "core/store/directory.h"
#include "core/store/map_file.h"
#include "core/store/reader_pool.h"
#include "core/store/resize_guard.h"
#include "core/store/txn.h"

namespace ivsrt::store {

// kSync: every commit is flushed to disk before it is acknowledged (MDB
// default). kNoSync: commits are not flushed (MDB_NOSYNC); they are in the
// kernel's page cache, so every process sees them at once and a killed process
// loses none, but a machine crash or power loss may lose the last ones. The
// mode is per process: each process's own commits follow its own choice, and
// processes of both modes may share one store.
enum class Durability { kSync, kNoSync };

class Store {
 public:
  // Opens (creating, mode 0700 / 0600) the store in `dir`. A directory already
  // open in this process, under any path, returns the same Store; its
  // durability is the first opener's. A directory whose Store is closing is
  // opened again once the close is done. Fails (InternalError, naming the path)
  // on a directory that cannot be created, read or written, that is not a
  // directory, whose data.mdb or lock.mdb is not a regular file, or whose
  // data.mdb is not an LMDB file or is shorter than its last page. Reclaims the
  // reader slots of dead processes.
  static absl::StatusOr<std::shared_ptr<Store>> Open(const std::string& dir, Durability durability);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs `body` in one read transaction.
  absl::Status Read(const std::function<absl::Status(const Txn&)>& body);
  // Runs `body` in one write transaction and commits it: all or nothing. When
  // the map is full the transaction is abandoned, the map doubled, and `body`
  // run again, so `body` must have no effect outside the transaction.
  absl::Status Write(const std::function<absl::Status(Txn&)>& body);

  const std::string& dir() const { return dir_; }
  // True in a child of fork() for a Store its parent opened: Read and Write
  // then fail (InternalError) without touching LMDB, and closing it leaves the
  // parent's environment alone. Store::Open in the child opens its own.
  bool inherited() const;
  // The id of the last write transaction any process committed (LMDB's me_last_txnid): while
  // it stays the same, nothing in the store changed. 0 when it cannot be read.
  uint64_t LastTxnId();
  // Bytes of the map in use (last page number x page size), for size reports.
  absl::StatusOr<size_t> UsedBytes();
  // Reader slots taken in the store's reader table, by every process (for tests
  // and diagnostics; LMDB's mdb_reader_list).
  absl::StatusOr<int> ReaderSlots();
  // Frees the reader slots of processes that are gone (mdb_reader_check) and
  // returns how many. Also done at open, when the table is full, and every
  // kReclaimEveryWrites commits: a reader killed mid-read pins its snapshot, so
  // without it freed pages are never reused and the file only grows.
  absl::StatusOr<int> ReclaimDeadReaders();
  static constexpr uint64_t kReclaimEveryWrites = 128;

 private:
  struct EnvCloser {
    void operator()(MDB_env* env) const { mdb_env_close(env); }
  };
  using EnvPtr = std::unique_ptr<MDB_env, EnvCloser>;

  explicit Store(MapLock map_lock) : map_lock_(std::move(map_lock)) {}
  static absl::StatusOr<EnvPtr> OpenEnvironment(const std::string& path, Durability durability,
                                                const MapLock& map_lock, MDB_dbi* dbis);
  absl::StatusOr<MDB_txn*> Begin(unsigned flags);
  // A pooled transaction renewed, else a new one.
  absl::StatusOr<MDB_txn*> BeginRead();
  absl::Status Grow(size_t seen_map_size);

  MapLock map_lock_;  // held across every change of this process's map
  std::string dir_;
  DirectoryId id_;
  uint64_t fork_generation_ = 0;  // the process's fork generation at open
  EnvPtr env_;
  MDB_dbi dbis_[kTableCount] = {};
  // Readers and writers hold it shared; resizing the map holds it exclusively,
  // because LMDB forbids mdb_env_set_mapsize while this process has a
  // transaction open.
  ResizeGuard resize_guard_;
  // The map size this process last set; read without the lock to notice a
  // concurrent grow.
  std::atomic<size_t> map_size_{0};
  // Set when a resize failed after LMDB unmapped the old map: every later call
  // fails (InternalError) instead of touching the missing map.
  std::atomic<bool> unmapped_{false};
  ReaderPool idle_readers_;
  std::atomic<uint64_t> writes_{0};
};

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_STORE_H_
