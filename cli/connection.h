// One client connection of `ivsrt serve` as httplib's Stream, reading each
// request head itself first so that its bounds (request_head.h) hold before
// httplib parses it.
#ifndef IVSRT_CLI_CONNECTION_H_
#define IVSRT_CLI_CONNECTION_H_

#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "cli/request_head.h"

namespace ivsrt::cli {

class Connection : public httplib::Stream {
 public:
  // `timeout` bounds each wait to read or write, and the whole of a request
  // head once its first byte has come. The socket stays the caller's.
  Connection(int sock, std::chrono::milliseconds timeout) : sock_(sock), timeout_(timeout) {}

  // Waits for the next request's head and judges it (CheckRequestHead); it is
  // kept to be read again through read(). Waits up to `idle` for the first byte
  // (bytes already received count), polling `keep_waiting` meanwhile; then up
  // to the timeout for the rest. kIncomplete: the client closed or stalled, or
  // `keep_waiting` said no.
  HeadCheck ReadHead(std::chrono::milliseconds idle, const std::function<bool()>& keep_waiting);

  // Answers `status` (414 or 431) with an AWS-shaped JSON message and
  // "Connection: close", then drains what the client still sends for up to a
  // second, so that closing does not reset the connection before the answer
  // is read.
  void Refuse(HeadVerdict verdict);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  // Whether `events` come within `wait` (poll(2)).
  bool Wait(short events, std::chrono::milliseconds wait) const;
  std::string_view Pending() const { return std::string_view(pending_).substr(consumed_); }

  int sock_;
  std::chrono::milliseconds timeout_;
  std::string pending_;  // received, of which the first consumed_ bytes are read
  size_t consumed_ = 0;
};

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_CONNECTION_H_
