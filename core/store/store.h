// The LMDB environment of one data directory: one MDB_env per directory per process,
// shared by every engine that opens it; the map grows by itself.
#ifndef IVSRT_CORE_STORE_STORE_H_
#define IVSRT_CORE_STORE_STORE_H_

#include <lmdb.h>

#include <atomic>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>

#include "absl/status/statusor.h"
#include "core/store/reader_pool.h"
#include "core/store/txn.h"

namespace ivsrt::store {

enum class Durability { kSync, kNoSync };

class Store {
 public:
  // Opens (creating, mode 0700 / 0600) the store in `dir`. A directory already open in
  // this process returns the same Store; its durability is the first opener's.
  static absl::StatusOr<std::shared_ptr<Store>> Open(const std::string& dir,
                                                     Durability durability);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs `body` in one read transaction.
  absl::Status Read(const std::function<absl::Status(const Txn&)>& body);
  // Runs `body` in one write transaction and commits it: all or nothing. When the map is
  // full the transaction is abandoned, the map doubled, and `body` run again, so `body`
  // must have no effect outside the transaction.
  absl::Status Write(const std::function<absl::Status(Txn&)>& body);

  const std::string& dir() const { return dir_; }
  // Bytes of the map in use (last page number x page size), for size reports.
  absl::StatusOr<size_t> UsedBytes();

 private:
  Store() = default;
  absl::StatusOr<MDB_txn*> Begin(unsigned flags);
  absl::StatusOr<MDB_txn*> BeginRead();  // a pooled transaction renewed, else a new one
  absl::Status Grow(size_t seen_map_size);

  std::string dir_;
  MDB_env* env_ = nullptr;
  MDB_dbi dbis_[kTableCount] = {};
  // Readers and writers hold it shared; resizing the map holds it exclusively, because
  // LMDB forbids mdb_env_set_mapsize while this process has a transaction open.
  std::shared_mutex resize_mu_;
  // The map size this process last set; read without the lock to notice a concurrent grow.
  std::atomic<size_t> map_size_{0};
  ReaderPool idle_readers_;
};

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_STORE_H_
