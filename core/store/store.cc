#include "core/store/store.h"

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>

#include "core/errors.h"
#include "core/store/tsan_order.h"
#include "core/strings.h"

namespace ivsrt::store {
namespace {

// Small, because with MDB_WRITEMAP the file is as long as the map and its
// blocks are reserved: an engine of a few stages costs 8 MiB of disk. The map
// doubles as it fills.
constexpr size_t kInitialMapSize = size_t{8} << 20;
constexpr unsigned kMaxReaders = 1024;
constexpr const char* kTableNames[kTableCount] = {"meta",
                                                  "resources",
                                                  "order",
                                                  "references",
                                                  "participants",
                                                  "sessions",
                                                  "session_participants",
                                                  "participant_events",
                                                  "event_stream",
                                                  "deadlines",
                                                  "replications",
                                                  "stages",
                                                  "stage_order",
                                                  "tags"};

// The process-wide registry: at most one environment per directory, LMDB's
// rule. Two MDB_envs on one directory share this process's POSIX locks on
// lock.mdb, so closing either drops the other's, and another process's reader
// check then frees its readers. An entry lives from the open until
// mdb_env_close has returned, so an Open that finds an expired entry waits for
// that close to end rather than opening beside it.
std::mutex registry_mu;
std::condition_variable registry_closed;
std::map<DirectoryId, std::weak_ptr<Store>>& Registry() {
  static auto* registry = new std::map<DirectoryId, std::weak_ptr<Store>>();
  return *registry;
}

// Bumped in every child of fork(). An environment belongs to the process that
// opened it (LMDB's rule): a child that used one it inherited would read under
// its parent's reader slots, and closing it would clear them and drop the
// child's own locks on lock.mdb. The registry's lock is held across fork() so
// that the child never inherits it locked.
std::atomic<uint64_t> fork_generation{0};

void WatchForks() {
  static std::once_flag once;
  std::call_once(once, [] {
    pthread_atfork([] { registry_mu.lock(); }, [] { registry_mu.unlock(); },
                   [] {
                     fork_generation.fetch_add(1, std::memory_order_relaxed);
                     registry_mu.unlock();
                   });
  });
}

absl::Status InheritedError() {
  return InternalError(
      "this engine was opened by the parent of this process before fork(); "
      "open a new engine in this process");
}

// After a resize whose new map could not be made (LMDB had unmapped the old one).
absl::Status UnmappedError() {
  return InternalError(
      "the store's map could not be resized, and this process has no map of it left; "
      "open a new engine");
}

absl::Status OpenError(const std::string& path, int rc) {
  return CannotOpenStore(path, mdb_strerror(rc));
}

}  // namespace

absl::StatusOr<Store::EnvPtr> Store::OpenEnvironment(const std::string& path, Durability durability,
                                                     const MapLock& map_lock, MDB_dbi* dbis) {
  MDB_env* raw = nullptr;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&raw), "create"));
  EnvPtr env(raw);
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxdbs(raw, kTableCount), "set_maxdbs"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_set_maxreaders(raw, kMaxReaders), "set_maxreaders"));
  // NOTLS: read transactions are not tied to threads (Go moves goroutines
  // between them). WRITEMAP in both modes (LMDB forbids mixing processes with
  // and without it on one store): a commit writes its pages in place instead
  // of copying them into the file (map_file.h says what that asks of a map).
  unsigned flags = MDB_NOTLS | MDB_WRITEMAP;
  if (durability == Durability::kNoSync) flags |= MDB_NOSYNC;
  {
    MapLock::Held held = map_lock.Hold();
    if (!held.status().ok()) return CannotOpenStore(path, ToStd(held.status().message()));
    ASSIGN_OR_RETURN(size_t length, FileLength(StrCat(path, "/data.mdb")));
    RETURN_IF_ERROR(CheckDataFileComplete(path, length));
    RETURN_IF_ERROR(
        LmdbStatus(mdb_env_set_mapsize(raw, std::max(kInitialMapSize, length)), "mapsize"));
    int rc = mdb_env_open(raw, path.c_str(), flags, 0600);
    if (rc != MDB_SUCCESS) return OpenError(path, rc);
    absl::Status reserved = ReserveMap(raw);
    if (!reserved.ok()) return CannotOpenStore(path, ToStd(reserved.message()));
  }
  int dead = 0;
  int rc = mdb_reader_check(raw, &dead);
  if (rc != MDB_SUCCESS) return OpenError(path, rc);

  MDB_txn* txn = nullptr;
  rc = mdb_txn_begin(raw, nullptr, 0, &txn);
  // Another process may grow the map between mdb_env_open and here: adopt its
  // size.
  for (int tries = 0; rc == MDB_MAP_RESIZED && tries < 100; ++tries) {
    MapLock::Held held = map_lock.Hold();
    RETURN_IF_ERROR(held.status());
    bool unmapped = false;
    RETURN_IF_ERROR(MapAtLeast(raw, 0, &unmapped));  // the env is closed either way
    rc = mdb_txn_begin(raw, nullptr, 0, &txn);
  }
  if (rc != MDB_SUCCESS) return OpenError(path, rc);
  for (int i = 0; i < kTableCount; ++i) {
    const bool legacy = i >= static_cast<int>(kFirstLegacyTable);
    rc = mdb_dbi_open(txn, kTableNames[i], legacy ? 0 : MDB_CREATE, &dbis[i]);
    if (legacy && rc == MDB_NOTFOUND) {
      dbis[i] = kAbsentTable;
      continue;
    }
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      return OpenError(path, rc);
    }
  }
  rc = mdb_txn_commit(txn);
  if (rc != MDB_SUCCESS) return OpenError(path, rc);
  return env;
}

absl::StatusOr<std::shared_ptr<Store>> Store::Open(const std::string& dir, Durability durability) {
  ASSIGN_OR_RETURN(StoreDirectory directory, PrepareDirectory(dir));
  WatchForks();
  // Declared before the lock, so released after it: a last reference dropped
  // here runs ~Store, which takes registry_mu.
  std::shared_ptr<Store> existing;
  std::unique_lock<std::mutex> lock(registry_mu);
  auto& registry = Registry();
  // Taking the reference is the test: a Store can expire between a check and
  // a later lock(), and its environment is then still closing.
  registry_closed.wait(lock, [&] {
    auto it = registry.find(directory.id);
    if (it == registry.end()) return true;
    existing = it->second.lock();
    return existing != nullptr;  // expired: wait until ~Store has closed it
  });
  // One inherited from the parent process is left alone: this process opens
  // its own.
  if (existing && !existing->inherited()) return existing;
  // Nothing that can fail after the Store exists: its destructor takes
  // registry_mu.
  MDB_dbi dbis[kTableCount] = {};
  ASSIGN_OR_RETURN(MapLock map_lock, MapLock::Open(directory.path));
  ASSIGN_OR_RETURN(EnvPtr env, OpenEnvironment(directory.path, durability, map_lock, dbis));
  MDB_envinfo info;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env.get(), &info), "info"));
  std::shared_ptr<Store> store(new Store(std::move(map_lock)));
  store->dir_ = directory.path;
  store->id_ = directory.id;
  store->fork_generation_ = fork_generation.load(std::memory_order_relaxed);
  store->env_ = std::move(env);
  std::copy(std::begin(dbis), std::end(dbis), store->dbis_);
  store->map_size_ = info.me_mapsize;
  registry[directory.id] = store;
  return store;
}

bool Store::inherited() const {
  return fork_generation_ != fork_generation.load(std::memory_order_relaxed);
}

Store::~Store() {
  if (inherited()) {
    // The parent's: no LMDB call may touch it here (an abort or a close would
    // clear reader slots and drop locks). Its memory and descriptors are left
    // to this process's exit.
    (void)env_.release();
  } else {
    idle_readers_.Drain();
    env_.reset();
  }
  std::lock_guard<std::mutex> lock(registry_mu);
  auto it = Registry().find(id_);
  if (it != Registry().end() && it->second.expired()) Registry().erase(it);
  registry_closed.notify_all();
}

absl::StatusOr<MDB_txn*> Store::Begin(unsigned flags) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_.get(), nullptr, flags, &txn);
  if (rc == MDB_READERS_FULL) {
    // Slots of killed processes fill the table until someone reclaims them.
    absl::StatusOr<int> reclaimed = ReclaimDeadReaders();
    if (reclaimed.ok() && *reclaimed > 0) rc = mdb_txn_begin(env_.get(), nullptr, flags, &txn);
  }
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
  ResizeGuard::Exclusive exclusive(resize_guard_);
  // LMDB wants no transaction of this process open, reset ones included.
  idle_readers_.Drain();
  // Another thread may have grown it already, or (seen_map_size 0) another
  // process did: its map is no longer than the file, which MapAtLeast adopts.
  size_t current = map_size_.load();
  size_t size = current > seen_map_size ? current : current * 2;
  {
    MapLock::Held held = map_lock_.Hold();
    RETURN_IF_ERROR(held.status());
    bool unmapped = false;
    absl::Status mapped = MapAtLeast(env_.get(), size, &unmapped);
    if (unmapped) unmapped_ = true;
    RETURN_IF_ERROR(mapped);
  }
  MDB_envinfo info;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_.get(), &info), "info"));
  map_size_ = info.me_mapsize;
  return absl::OkStatus();
}

absl::Status Store::Read(const std::function<absl::Status(const Txn&)>& body) {
  if (inherited()) return InheritedError();
  for (;;) {
    size_t seen;
    {
      ResizeGuard::Shared shared(resize_guard_);
      if (unmapped_) return UnmappedError();  // read under the guard: no resize runs
      seen = map_size_.load();
      absl::StatusOr<MDB_txn*> txn = BeginRead();
      if (txn.ok()) {
        Txn t(*txn, dbis_);
        absl::Status status;
        {
          TsanTxnOrder order(env_.get());
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
  if (inherited()) return InheritedError();
  for (;;) {
    size_t seen;
    absl::Status status;
    {
      ResizeGuard::Shared shared(resize_guard_);
      if (unmapped_) return UnmappedError();  // read under the guard: no resize runs
      seen = map_size_.load();
      absl::StatusOr<MDB_txn*> txn = Begin(0);
      if (txn.ok()) {
        Txn t(*txn, dbis_);
        TsanTxnOrder order(env_.get());
        status = body(t);
        if (status.ok()) status = t.Commit();
        if (status.ok() && ++writes_ % kReclaimEveryWrites == 0) {
          ReclaimDeadReaders().IgnoreError();  // best effort; the next period retries
        }
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

uint64_t Store::LastTxnId() {
  if (inherited()) return 0;
  // The meta pages live in the map, which a resize replaces.
  ResizeGuard::Shared shared(resize_guard_);
  if (unmapped_) return 0;
  MDB_envinfo info;
  if (mdb_env_info(env_.get(), &info) != MDB_SUCCESS) return 0;
  return info.me_last_txnid;
}

absl::StatusOr<size_t> Store::UsedBytes() {
  ResizeGuard::Shared shared(resize_guard_);
  if (unmapped_) return UnmappedError();
  MDB_envinfo info;
  MDB_stat stat;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_.get(), &info), "info"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_stat(env_.get(), &stat), "stat"));
  return (info.me_last_pgno + 1) * size_t{stat.ms_psize};
}

absl::StatusOr<int> Store::ReaderSlots() {
  int lines = 0;
  int rc = mdb_reader_list(
      env_.get(),
      [](const char*, void* ctx) -> int {
        ++*static_cast<int*>(ctx);
        return 0;
      },
      &lines);
  RETURN_IF_ERROR(LmdbStatus(rc < 0 ? rc : MDB_SUCCESS, "reader_list"));
  return lines > 0 ? lines - 1 : 0;  // the first line is a header ("(no active
                                     // readers)" when none)
}

absl::StatusOr<int> Store::ReclaimDeadReaders() {
  int dead = 0;
  RETURN_IF_ERROR(LmdbStatus(mdb_reader_check(env_.get(), &dead), "reader_check"));
  return dead;
}

}  // namespace ivsrt::store
