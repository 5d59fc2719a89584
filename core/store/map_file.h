// How every process sizes the shared map of one store, now that the store is
// opened with MDB_WRITEMAP (commits write their pages in place in the map
// instead of copying them into data.mdb with pwrite).
//
// With MDB_WRITEMAP, LMDB sets data.mdb's length to the process's map size
// (ftruncate) each time it maps the file: at mdb_env_open and at every
// mdb_env_set_mapsize. A process mapping a smaller size than another's would
// cut the file under the other's map, and the other dies of SIGBUS at its next
// write past the cut. So every map change in every process happens under one
// exclusive lock (flock on map.lock in the data directory) and asks for at
// least the file's current length: the file never shrinks. The map's pages are
// then reserved on disk (fallocate), so that a full disk fails the open or the
// grow with an error instead of a SIGBUS on a write into a hole.
#ifndef IVSRT_CORE_STORE_MAP_FILE_H_
#define IVSRT_CORE_STORE_MAP_FILE_H_

#include <lmdb.h>

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ivsrt::store {

// The map lock of one data directory: <dir>/map.lock (mode 0600), open for the
// life of the store. Not copyable; movable.
class MapLock {
 public:
  // Opens (creating) the lock file. Errors: CannotOpenStore naming the
  // directory and errno's text (e.g. "Permission denied").
  static absl::StatusOr<MapLock> Open(const std::string& dir);
  MapLock(MapLock&& other) noexcept;
  MapLock& operator=(MapLock&& other) = delete;
  MapLock(const MapLock&) = delete;
  ~MapLock();

  // Holds the lock exclusively for its lifetime against other processes and
  // other MapLocks (flock LOCK_EX; blocks while one holds it; a killed holder
  // releases it). Not between threads sharing this MapLock: flock belongs to
  // the open file, so the Store also holds its ResizeGuard exclusively
  // whenever it holds this.
  class Held {
   public:
    explicit Held(int fd);
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

    // Not OK (InternalError "cannot lock map.lock: <errno text>", e.g. ENOLCK
    // on a network file system) when the lock was not taken: the caller must
    // then change no map.
    const absl::Status& status() const { return status_; }

   private:
    int fd_;
    absl::Status status_;
  };
  // A process that forked while holding it shares the lock with its child
  // (flock locks belong to the open file description); the child never uses
  // it: its stores are opened anew.
  [[nodiscard]] Held Hold() const { return Held(fd_); }

 private:
  explicit MapLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Maps `env` (already open) at max(`at_least` bytes, data.mdb's current
// length), after reserving that length of the file on disk. Call with the map
// lock held and no transaction of this process open. Errors: InternalError "no
// space left on the disk for the store's map of N bytes" when the disk has no
// room, leaving the map as it was; LMDB's when the new map cannot be made (an
// address-space limit: mmap's ENOMEM), in which case LMDB has already unmapped
// the old one and `*unmapped` is set: `env` must not be used again.
absl::Status MapAtLeast(MDB_env* env, size_t at_least, bool* unmapped);

// Reserves data.mdb's blocks up to `env`'s map size (fallocate), where the file
// system can; after mdb_env_open, which mapped the file first. A file system
// without fallocate (EOPNOTSUPP) reserves nothing, and a copy-on-write one
// (btrfs, ZFS) does not promise room for pages rewritten in place: there a full
// disk can still be a SIGBUS. Errors: InternalError "no space left on the disk
// for the store's map of N bytes" (ENOSPC, EDQUOT).
absl::Status ReserveMap(MDB_env* env);

// The length in bytes of `path` (data.mdb), 0 when it does not exist. Errors:
// InternalError naming the path and stat's reason.
absl::StatusOr<size_t> FileLength(const std::string& path);

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_MAP_FILE_H_
