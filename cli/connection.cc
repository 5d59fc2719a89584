#include "cli/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include "cli/engine.h"
#include "core/strings.h"

namespace ivsrt::cli {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr size_t kReceiveBytes = 16384;
// How often an idle connection looks whether the server is stopping.
constexpr milliseconds kIdleSlice{50};

void AddressOf(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

}  // namespace

bool Connection::Wait(short events, milliseconds wait) const {
  pollfd fd{sock_, events, 0};
  int ready;
  do {
    ready = ::poll(&fd, 1, static_cast<int>(std::max(wait.count(), milliseconds::rep{0})));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

HeadCheck Connection::ReadHead(milliseconds idle, const std::function<bool()>& keep_waiting) {
  if (consumed_ == pending_.size()) {
    pending_.clear();
    consumed_ = 0;
  }
  for (auto idle_end = Clock::now() + idle; Pending().empty();) {
    if (!keep_waiting() || Clock::now() >= idle_end) return {};
    if (Wait(POLLIN, kIdleSlice)) break;
  }
  auto end = Clock::now() + timeout_;
  char buffer[kReceiveBytes];
  for (;;) {
    HeadCheck check = CheckRequestHead(Pending());
    if (check.verdict != HeadVerdict::kIncomplete) return check;
    if (!Wait(POLLIN, std::chrono::duration_cast<milliseconds>(end - Clock::now()))) return {};
    ssize_t n = ::recv(sock_, buffer, sizeof(buffer), 0);
    if (n <= 0) return {};
    pending_.append(buffer, static_cast<size_t>(n));
  }
}

void Connection::Refuse(HeadVerdict verdict) {
  bool uri = verdict == HeadVerdict::kUriTooLong;
  std::string body =
      ErrorBody(uri ? StrCat("request line: must be at most ", kMaxRequestLine, " bytes")
                    : StrCat("request header fields: at most ", kMaxFields, " fields of at most ",
                             kMaxFieldLine, " bytes each, at most ", kMaxLineAndValues,
                             " bytes of request line and values together, and at most ",
                             kMaxHeadBytes, " bytes in all"));
  std::string response =
      StrCat("HTTP/1.1 ", uri ? "414 URI Too Long" : "431 Request Header Fields Too Large",
             "\r\nContent-Type: application/json\r\nContent-Length: ", body.size(),
             "\r\nConnection: close\r\n\r\n", body);
  for (std::string_view rest = response; !rest.empty();) {
    ssize_t n = write(rest.data(), rest.size());
    if (n <= 0) return;
    rest.remove_prefix(static_cast<size_t>(n));
  }
  ::shutdown(sock_, SHUT_WR);
  char buffer[kReceiveBytes];
  for (auto end = Clock::now() + std::chrono::seconds(1);
       Wait(POLLIN, std::chrono::duration_cast<milliseconds>(end - Clock::now()));) {
    if (::recv(sock_, buffer, sizeof(buffer), 0) <= 0) return;
  }
}

bool Connection::is_readable() const { return !Pending().empty() || Wait(POLLIN, timeout_); }

bool Connection::is_writable() const { return Wait(POLLOUT, timeout_); }

ssize_t Connection::read(char* ptr, size_t size) {
  if (!Pending().empty()) {
    size_t n = std::min(size, Pending().size());
    std::copy_n(Pending().data(), n, ptr);
    consumed_ += n;
    return static_cast<ssize_t>(n);
  }
  if (!Wait(POLLIN, timeout_)) return -1;
  ssize_t n;
  do {
    n = ::recv(sock_, ptr, size, 0);
  } while (n < 0 && errno == EINTR);
  return n;
}

ssize_t Connection::write(const char* ptr, size_t size) {
  if (!is_writable()) return -1;
  ssize_t n;
  do {
    n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void Connection::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    AddressOf(address, ip, port);
  }
}

void Connection::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    AddressOf(address, ip, port);
  }
}

}  // namespace ivsrt::cli
