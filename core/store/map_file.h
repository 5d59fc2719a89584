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

  // Holds the lock exclusively for its lifetime (flock LOCK_EX; blocks while
  // another process or thread holds it; a killed holder releases it).
  class Held {
   public:
    explicit Held(int fd);
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    int fd_;
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
// space left on the disk for the store's map of N bytes" when the disk (or the
// file size limit) has no room, leaving the map as it was; LMDB's.
absl::Status MapAtLeast(MDB_env* env, size_t at_least);

// Reserves data.mdb's blocks up to `env`'s map size (fallocate), where the file
// system can; after mdb_env_open, which mapped the file first. Errors: as
// MapAtLeast's.
absl::Status ReserveMap(MDB_env* env);

// The length in bytes of `path` (data.mdb), 0 when it does not exist.
absl::StatusOr<size_t> FileLength(const std::string& path);

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_MAP_FILE_H_
