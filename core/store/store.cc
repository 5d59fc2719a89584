#include "core/store/store.h"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "core/strings.h"
#include "core/errors.h"
#include "core/store/tsan_order.h"

namespace ivsrt::store {
namespace {

constexpr size_t kInitialMapSize = size_t{64} << 20;
constexpr const char* kTableNames[kTableCount] = {"meta", "stages", "stage_order", "tags",
                                                  "participants"};

// The process-wide registry: one environment per directory (LMDB's rule).
std::mutex registry_mu;
std::map<std::string, std::weak_ptr<Store>>& Registry() {
  static auto* registry = new std::map<std::string, std::weak_ptr<Store>>();
  return *registry;
}

absl::StatusOr<std::string> MakeDirectory(const std::string& dir) {
  if (dir.empty()) return InternalError("data_dir is empty");
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return InternalError(StrCat("cannot create data_dir ", dir, ": ", strerror(errno)));
  }
  char resolved[PATH_MAX];
  if (realpath(dir.c_str(), resolved) == nullptr) {
    return InternalError(StrCat("cannot resolve data_dir ", dir, ": ", strerror(errno)));
  }
  return std::string(resolved);
}

}  // namespace

absl::StatusOr<std::shared_ptr<Store>> Store::Open(const std::string& dir,
                                                   Durability durability) {
  ASSIGN_OR_RETURN(std::string path, MakeDirectory(dir));
  std::lock_guard<std::mutex> lock(registry_mu);
  if (auto existing = Registry()[path].lock()) return existing;

  std::shared_ptr<Store> store(new Store());
  store->dir_ = path;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&store->env_), "create"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxdbs(store->env_, kTableCount), "set_maxdbs"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxreaders(store->env_, 1024), "set_maxreaders"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(store->env_, kInitialMapSize), "mapsize"));
  // NOTLS: read transactions are not tied to threads (Go moves goroutines between them).
  unsigned flags = MDB_NOTLS;
  if (durability == Durability::kNoSync) flags |= MDB_NOSYNC | MDB_WRITEMAP | MDB_MAPASYNC;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_open(store->env_, path.c_str(), flags, 0600), "open"));

  MDB_txn* txn = nullptr;
  RETURN_IF_ERROR(LmdbStatus(mdb_txn_begin(store->env_, nullptr, 0, &txn), "begin"));
  for (int i = 0; i < kTableCount; ++i) {
    int rc = mdb_dbi_open(txn, kTableNames[i], MDB_CREATE, &store->dbis_[i]);
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      return LmdbStatus(rc, "dbi_open");
    }
  }
  RETURN_IF_ERROR(LmdbStatus(mdb_txn_commit(txn), "commit"));
  MDB_envinfo info;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(store->env_, &info), "info"));
  store->map_size_ = info.me_mapsize;
  Registry()[path] = store;
  return store;
}

Store::~Store() {
  idle_readers_.Drain();
  if (env_ != nullptr) mdb_env_close(env_);
  std::lock_guard<std::mutex> lock(registry_mu);
  auto it = Registry().find(dir_);
  if (it != Registry().end() && it->second.expired()) Registry().erase(it);
}

absl::StatusOr<MDB_txn*> Store::Begin(unsigned flags) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_, nullptr, flags, &txn);
  if (rc == MDB_SUCCESS) return txn;
  if (rc == MDB_MAP_RESIZED) return absl::AbortedError("map resized");
  return LmdbStatus(rc, "begin");
}

absl::StatusOr<MDB_txn*> Store::BeginRead() {
  MDB_txn* txn = idle_readers_.Take();
  if (txn == nullptr) return Begin(MDB_RDONLY);
  int rc = mdb_txn_renew(txn);
  if (rc == MDB_SUCCESS) return txn;
  mdb_txn_abort(txn);
  if (rc == MDB_MAP_RESIZED) return absl::AbortedError("map resized");
  return LmdbStatus(rc, "renew");
}

absl::Status Store::Grow(size_t seen_map_size) {
  std::unique_lock<std::shared_mutex> lock(resize_mu_);
  // LMDB wants no transaction of this process open, reset ones included.
  idle_readers_.Drain();
  // Another thread may have grown it already, or (seen_map_size 0) another process did:
  // mdb_env_set_mapsize(0) adopts the size in the file.
  size_t current = map_size_.load();
  size_t size = current > seen_map_size ? 0 : current * 2;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env_, size), "set_mapsize"));
  MDB_envinfo info;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "info"));
  map_size_ = info.me_mapsize;
  return absl::OkStatus();
}

absl::Status Store::Read(const std::function<absl::Status(const Txn&)>& body) {
  for (;;) {
    size_t seen;
    {
      std::shared_lock<std::shared_mutex> lock(resize_mu_);
      seen = map_size_.load();
      absl::StatusOr<MDB_txn*> txn = BeginRead();
      if (txn.ok()) {
        Txn t(*txn, dbis_);
        absl::Status status;
        {
          TsanTxnOrder order(env_);
          status = body(t);
        }
        MDB_txn* done = t.Release();
        mdb_txn_reset(done);  // ends the snapshot; the reader slot stays with the handle
        idle_readers_.Put(done);
        return status;
      }
      if (!absl::IsAborted(txn.status())) return txn.status();
      seen = 0;  // another process grew the map: adopt its size
    }
    RETURN_IF_ERROR(Grow(seen));
  }
}

absl::Status Store::Write(const std::function<absl::Status(Txn&)>& body) {
  for (;;) {
    size_t seen;
    absl::Status status;
    {
      std::shared_lock<std::shared_mutex> lock(resize_mu_);
      seen = map_size_.load();
      absl::StatusOr<MDB_txn*> txn = Begin(0);
      if (txn.ok()) {
        Txn t(*txn, dbis_);
        TsanTxnOrder order(env_);
        status = body(t);
        if (status.ok()) status = t.Commit();
        if (!IsMapFull(status)) return status;
      } else if (!absl::IsAborted(txn.status())) {
        return txn.status();
      } else {
        seen = 0;  // another process grew the map: adopt its size
      }
    }
    RETURN_IF_ERROR(Grow(seen));
  }
}

absl::StatusOr<size_t> Store::UsedBytes() {
  std::shared_lock<std::shared_mutex> lock(resize_mu_);
  MDB_envinfo info;
  MDB_stat stat;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "info"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_stat(env_, &stat), "stat"));
  return (info.me_last_pgno + 1) * size_t{stat.ms_psize};
}

}  // namespace ivsrt::store
