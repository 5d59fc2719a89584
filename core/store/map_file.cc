#include "core/store/map_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "core/errors.h"
#include "core/store/directory.h"
#include "core/store/txn.h"
#include "core/strings.h"

namespace ivsrt::store {

absl::StatusOr<MapLock> MapLock::Open(const std::string& dir) {
  int fd = open(StrCat(dir, "/map.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return CannotOpenStore(dir, StrCat("map.lock: ", strerror(errno)));
  return MapLock(fd);
}

MapLock::MapLock(MapLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

MapLock::~MapLock() {
  if (fd_ >= 0) close(fd_);
}

MapLock::Held::Held(int fd) : fd_(fd) {
  int rc;
  do {
    rc = flock(fd_, LOCK_EX);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) status_ = InternalError(StrCat("cannot lock map.lock: ", strerror(errno)));
}

MapLock::Held::~Held() {
  if (status_.ok()) flock(fd_, LOCK_UN);
}

absl::StatusOr<size_t> FileLength(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0) return static_cast<size_t>(st.st_size);
  if (errno == ENOENT) return size_t{0};
  return InternalError(StrCat(path, ": ", strerror(errno)));
}

namespace {

// Allocates data.mdb's blocks up to `bytes`, extending the file to that length.
absl::Status Reserve(int fd, size_t bytes) {
  int rc;
  do {
    rc = fallocate(fd, 0, 0, static_cast<off_t>(bytes));
  } while (rc != 0 && errno == EINTR);
  if (rc == 0 || errno == EOPNOTSUPP || errno == ENOSYS) return absl::OkStatus();
  if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG) {
    return InternalError(StrCat("no space left on the disk for the store's map of ", bytes,
                                " bytes (", strerror(errno), ")"));
  }
  return InternalError(StrCat("cannot reserve the store's map: ", strerror(errno)));
}

}  // namespace

absl::Status ReserveMap(MDB_env* env) {
  int fd = -1;
  MDB_envinfo info;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_get_fd(env, &fd), "get_fd"));
  RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env, &info), "info"));
  return Reserve(fd, info.me_mapsize);
}

absl::Status MapAtLeast(MDB_env* env, size_t at_least, bool* unmapped) {
  *unmapped = false;
  int fd = -1;
  RETURN_IF_ERROR(LmdbStatus(mdb_env_get_fd(env, &fd), "get_fd"));
  struct stat st;
  if (fstat(fd, &st) != 0) return InternalError(StrCat("data.mdb: ", strerror(errno)));
  const size_t size = std::max(at_least, static_cast<size_t>(st.st_size));
  // Reserved before the map grows over it: a map is never longer than what is
  // reserved, even when reserving fails.
  RETURN_IF_ERROR(Reserve(fd, size));
  // LMDB unmaps the old map before it maps the new one: when that fails, nothing is mapped.
  const int rc = mdb_env_set_mapsize(env, size);
  *unmapped = rc != MDB_SUCCESS;
  return LmdbStatus(rc, "set_mapsize");
}

}  // namespace ivsrt::store
