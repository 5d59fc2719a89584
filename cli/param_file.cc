#include "cli/param_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "cli/text.h"
#include "core/dispatcher.h"

namespace ivsrt::cli {
namespace {

constexpr std::string_view kScheme = "file://";

// Closes the descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Up to `limit` bytes of `file`, stopping early at end of file; false with
// errno set if a read fails.
bool ReadUpTo(const FileDescriptor& file, size_t limit, std::string& out) {
  char buffer[64 * 1024];
  while (out.size() < limit) {
    const size_t want = std::min(sizeof buffer, limit - out.size());
    const ssize_t n = read(file.get(), buffer, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> ReadParamFile(std::string_view value) {
  if (!value.starts_with(kScheme)) return std::string(value);
  const std::string path(value.substr(kScheme.size()));
  auto unable = [&](std::string_view why) {
    return absl::InvalidArgumentError(StrCat("Unable to load paramfile ", Echo(value), ": ", why));
  };
  // Opened non-blocking so that a FIFO nobody writes to cannot hang the open;
  // reads then block as usual, and find such a FIFO empty.
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) return unable(std::strerror(errno));
  const int flags = fcntl(fd.get(), F_GETFL);
  if (flags < 0 || fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) < 0) {
    return unable(std::strerror(errno));
  }
  std::string contents;
  if (!ReadUpTo(fd, kMaxRequestBytes + 1, contents)) {
    return unable(std::strerror(errno));
  }
  if (contents.size() > kMaxRequestBytes) {
    return unable(
        StrCat("larger than ", kMaxRequestBytes, " bytes, the largest request the engine accepts"));
  }
  return contents;
}

}  // namespace ivsrt::cli
