#include "core/store/directory.h"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/errors.h"
#include "core/strings.h"

namespace ivsrt::store {
namespace {

// LMDB opens both files with O_RDWR | O_CREAT: on a FIFO its first read would
// wait forever, on a directory or a device it fails later and less clearly.
absl::Status CheckRegularFileIfPresent(const std::string& dir, const char* name) {
  std::string path = StrCat(dir, "/", name);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return CannotOpenStore(dir, StrCat(name, ": ", strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) return CannotOpenStore(dir, StrCat(name, " is not a regular file"));
  return absl::OkStatus();
}

}  // namespace

absl::Status CannotOpenStore(const std::string& path, std::string_view why) {
  return InternalError(StrCat("cannot open the store in ", path, ": ", why));
}

absl::StatusOr<StoreDirectory> PrepareDirectory(const std::string& dir) {
  if (dir.empty()) return InternalError("data_dir is empty");
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return InternalError(StrCat("cannot create data_dir ", dir, ": ", strerror(errno)));
  }
  char resolved[PATH_MAX];
  if (realpath(dir.c_str(), resolved) == nullptr) {
    return InternalError(StrCat("cannot resolve data_dir ", dir, ": ", strerror(errno)));
  }
  StoreDirectory out{.path = resolved, .id = {}};
  struct stat st;
  if (stat(out.path.c_str(), &st) != 0) return CannotOpenStore(out.path, strerror(errno));
  if (!S_ISDIR(st.st_mode)) return CannotOpenStore(out.path, "data_dir is not a directory");
  out.id = DirectoryId{st.st_dev, st.st_ino};
  RETURN_IF_ERROR(CheckRegularFileIfPresent(out.path, "data.mdb"));
  RETURN_IF_ERROR(CheckRegularFileIfPresent(out.path, "lock.mdb"));
  return out;
}

absl::Status CheckDataFileComplete(const std::string& path, size_t file_length) {
  if (file_length == 0) return absl::OkStatus();  // a new store: LMDB writes its first pages
  // A read-only environment without the lock file (so this process's locks on
  // lock.mdb are not touched) reads the meta pages and maps nothing writable.
  MDB_env* raw = nullptr;
  if (mdb_env_create(&raw) != MDB_SUCCESS) return CannotOpenStore(path, "out of memory");
  std::unique_ptr<MDB_env, void (*)(MDB_env*)> env(raw, mdb_env_close);
  int rc = mdb_env_open(raw, path.c_str(), MDB_RDONLY | MDB_NOLOCK, 0600);
  if (rc != MDB_SUCCESS) return CannotOpenStore(path, mdb_strerror(rc));
  MDB_envinfo info;
  MDB_stat stat_out;
  if (mdb_env_info(raw, &info) != MDB_SUCCESS || mdb_env_stat(raw, &stat_out) != MDB_SUCCESS) {
    return CannotOpenStore(path, "cannot read the store's header");
  }
  // Overflow-safe: a damaged header may claim any page number.
  const uint64_t page_size = stat_out.ms_psize;
  const uint64_t pages = static_cast<uint64_t>(info.me_last_pgno) + 1;
  if (page_size == 0 || pages > file_length / page_size) {
    return CannotOpenStore(
        path, StrCat("data.mdb is truncated or damaged: its last committed page is ", pages - 1,
                     " (", page_size, " bytes each), but the file holds ", file_length, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace ivsrt::store
