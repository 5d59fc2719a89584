#include "core/store/directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
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
  RETURN_IF_ERROR(CheckRegularFileIfPresent(out.path, "map.lock"));
  return out;
}

namespace {

// LMDB 0.9's meta page (lmdb/mdb.c): a 16-byte page header, then MDB_meta, whose mm_magic is
// at byte 16 and whose page size (the free table's md_pad) is at byte 40. The first meta
// page is at 0, the second one page size further.
constexpr size_t kMetaMagicOffset = 16;
constexpr size_t kMetaPageSizeOffset = 40;
constexpr uint32_t kMetaMagic = 0xBEEFC0DE;

// LMDB divides by the page size of a meta page it has accepted (SIGFPE when it is 0) and
// steps through the file by it: a meta page with LMDB's magic must give a power of two
// LMDB could have written, 512 bytes to 64 KiB.
absl::Status CheckMetaPageSizes(const std::string& path) {
  const std::string data = StrCat(path, "/data.mdb");
  int fd = open(data.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return CannotOpenStore(path, StrCat("data.mdb: ", strerror(errno)));
  absl::Status status = absl::OkStatus();
  uint64_t offset = 0;
  for (int meta = 0; meta < 2 && status.ok(); ++meta) {
    std::array<unsigned char, kMetaPageSizeOffset + 4> header;
    if (pread(fd, header.data(), header.size(), static_cast<off_t>(offset)) !=
        static_cast<ssize_t>(header.size())) {
      break;  // shorter than a meta page: LMDB's own checks refuse it
    }
    uint32_t magic;
    uint32_t page_size;
    std::memcpy(&magic, header.data() + kMetaMagicOffset, sizeof magic);
    std::memcpy(&page_size, header.data() + kMetaPageSizeOffset, sizeof page_size);
    if (magic != kMetaMagic) break;  // not LMDB's: mdb_env_open says so
    if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) {
      status = CannotOpenStore(path, StrCat("data.mdb is truncated or damaged: meta page ", meta,
                                            " gives a page size of ", page_size, " bytes"));
    }
    offset = page_size;
  }
  close(fd);
  return status;
}

}  // namespace

absl::Status CheckDataFileComplete(const std::string& path, size_t file_length) {
  if (file_length == 0) return absl::OkStatus();  // a new store: LMDB writes its first pages
  RETURN_IF_ERROR(CheckMetaPageSizes(path));
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
