// What must hold of a data directory's files before and after LMDB opens them,
// so that a store that cannot be used fails its open with a clear error instead
// of hanging (a FIFO read), crashing (a page past the end of a truncated
// data.mdb) or opening a second environment on a directory already open under
// another path.
#ifndef IVSRT_CORE_STORE_DIRECTORY_H_
#define IVSRT_CORE_STORE_DIRECTORY_H_

#include <lmdb.h>
#include <sys/types.h>

#include <compare>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ivsrt::store {

// A directory's identity: every path to one directory (a symlink, "a/../a", a
// bind mount) has the same one.
struct DirectoryId {
  dev_t device = 0;
  ino_t inode = 0;
  auto operator<=>(const DirectoryId&) const = default;  // NOLINT(modernize-use-nullptr): tidy 14 misreads <=>
};

struct StoreDirectory {
  std::string path;  // canonical (realpath)
  DirectoryId id;
};

// "cannot open the store in <path>: <why>": every open failure says this.
absl::Status CannotOpenStore(const std::string& path, std::string_view why);

// Creates `dir` (mode 0700) when it is missing, then checks that it is a
// directory and that data.mdb, lock.mdb and map.lock, where present, are
// regular files.
// Errors name the path.
absl::StatusOr<StoreDirectory> PrepareDirectory(const std::string& dir);

// Before mdb_env_open, with the map lock held: data.mdb, `file_length` bytes
// long (0: absent or empty, a new store), is an LMDB file that holds every page
// its last commit counts. A copy cut short would otherwise open, then die of
// SIGBUS on the first read of a missing page; and a writable open extends the
// file to its map size with zeros, which would hide the cut from a later check.
// Errors: CannotOpenStore with LMDB's reason ("not an LMDB file") or "data.mdb
// is truncated or damaged".
absl::Status CheckDataFileComplete(const std::string& path, size_t file_length);

}  // namespace ivsrt::store

#endif  // IVSRT_CORE_STORE_DIRECTORY_H_
