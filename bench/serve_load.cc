// ivsrt_serve_load: drives an HTTP/1.1 server on loopback with one request, over N kept-alive
// connections (one thread each) for a fixed time, and prints one JSON line: requests answered
// 200, requests per second, latency percentiles. tools/bench.sh runs it against `ivsrt serve`
// and moto's ThreadedMotoServer (bench/python/bench_serve.py), so that both are measured by
// the same client.
//
//   ivsrt_serve_load --port=4567 --connections=4 --seconds=3 --target=/GetStage
//                    --body='{"arn":"..."}' --service=ivs
//
// Output: {"connections":4,"seconds":3.0,"requests":N,"failures":F,"reconnects":R,
//          "per_second":X,"p50_us":A,"p90_us":B,"p99_us":C,"max_us":D}
// Latency is from the request's first byte sent to its response's last byte read (µs).
// A response other than 200 counts as a failure (and the run exits 1); a connection the
// server closes (keep-alive limit) is reopened, and counted within the measured window.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  int port = 0;
  int connections = 1;
  double seconds = 3;
  double warmup = 0.5;  // requests sent before the measured window are not counted
  std::string target = "/GetStage";
  std::string body = "{}";
  std::string service = "ivs-realtime";  // the credential scope's service (moto routes by it)
};

struct Tally {
  std::vector<uint32_t> micros;
  uint64_t failures = 0;
  uint64_t reconnects = 0;
  bool broken = false;  // could not connect, or the server answered nonsense
};

bool Flag(std::string_view arg, std::string_view name, std::string& value) {
  if (!arg.starts_with(name) || arg.size() <= name.size() || arg[name.size()] != '=') return false;
  value = std::string(arg.substr(name.size() + 1));
  return true;
}

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  return fd;
}

// The value of header `name` (lower case) in `head`, or "".
std::string_view HeaderValue(std::string_view head, std::string_view name) {
  size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string_view::npos) {
    at += 2;
    std::string_view line = head.substr(at, head.find("\r\n", at) - at);
    if (line.size() <= name.size() || line[name.size()] != ':') continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    }
    if (!same) continue;
    std::string_view value = line.substr(name.size() + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
  }
  return {};
}

// Reads one response from `fd`: its status, and whether the server keeps the connection.
// `buffer` keeps bytes read past the response. Status 0: the connection ended or is unusable.
int ReadResponse(int fd, std::string& buffer, bool& keep) {
  size_t end;
  char chunk[65536];
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  std::string_view head(buffer.data(), end + 2);
  int status = head.size() > 12 ? std::atoi(buffer.c_str() + 9) : 0;
  std::string_view length = HeaderValue(head, "content-length");
  if (length.empty()) return 0;  // both servers always send it
  size_t total = end + 4 + std::strtoul(std::string(length).c_str(), nullptr, 10);
  while (buffer.size() < total) {
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  std::string_view connection = HeaderValue(head, "connection");
  keep = head.starts_with("HTTP/1.1") ? connection != "close" && connection != "Close"
                                      : connection == "keep-alive" || connection == "Keep-Alive";
  buffer.erase(0, total);
  return status;
}

void Drive(const Args& args, const std::string& request, Clock::time_point start,
           Clock::time_point end, Tally& tally) {
  int fd = Connect(args.port);
  std::string buffer;
  while (fd >= 0) {
    Clock::time_point sent = Clock::now();
    if (sent >= end) break;
    bool keep = false;
    int status = 0;
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      status = ReadResponse(fd, buffer, keep);
    }
    Clock::time_point done = Clock::now();
    if (status == 0) {
      tally.broken = true;
      break;
    }
    if (sent >= start) {
      if (status == 200) {
        tally.micros.push_back(static_cast<uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(done - sent).count()));
      } else {
        ++tally.failures;
      }
    }
    if (!keep) {
      ::close(fd);
      buffer.clear();
      fd = Connect(args.port);
      if (sent >= start) ++tally.reconnects;
    }
  }
  if (fd >= 0) ::close(fd);
  if (fd < 0) tally.broken = true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    std::string_view arg = argv[i];
    if (Flag(arg, "--port", value)) {
      args.port = std::atoi(value.c_str());
    } else if (Flag(arg, "--connections", value)) {
      args.connections = std::max(1, std::atoi(value.c_str()));
    } else if (Flag(arg, "--seconds", value)) {
      args.seconds = std::atof(value.c_str());
    } else if (Flag(arg, "--warmup", value)) {
      args.warmup = std::atof(value.c_str());
    } else if (!Flag(arg, "--target", args.target) && !Flag(arg, "--body", args.body) &&
               !Flag(arg, "--service", args.service)) {
      std::fprintf(stderr, "ivsrt_serve_load: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  if (args.port <= 0) {
    std::fprintf(stderr, "ivsrt_serve_load: --port is required\n");
    return 2;
  }
  // A well-formed SigV4 header (the servers check that one is there, not that it is right).
  std::string request = "POST " + args.target +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(args.port) +
                        "\r\nContent-Type: application/json\r\nX-Amz-Date: 20260102T030405Z\r\n"
                        "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260102/us-east-1/" +
                        args.service +
                        "/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n"
                        "Content-Length: " +
                        std::to_string(args.body.size()) + "\r\n\r\n" + args.body;

  auto start = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(args.warmup));
  auto end = start + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(args.seconds));
  std::vector<Tally> tallies(static_cast<size_t>(args.connections));
  std::vector<std::thread> threads;
  for (Tally& tally : tallies) {
    threads.emplace_back(Drive, std::cref(args), std::cref(request), start, end, std::ref(tally));
  }
  for (std::thread& t : threads) t.join();

  std::vector<uint32_t> all;
  uint64_t failures = 0, reconnects = 0;
  bool broken = false;
  for (const Tally& t : tallies) {
    all.insert(all.end(), t.micros.begin(), t.micros.end());
    failures += t.failures;
    reconnects += t.reconnects;
    broken = broken || t.broken;
  }
  std::sort(all.begin(), all.end());
  auto at = [&all](double q) -> uint32_t {
    return all.empty() ? 0 : all[std::min(all.size() - 1, static_cast<size_t>(q * all.size()))];
  };
  std::printf(
      "{\"connections\":%d,\"seconds\":%.3f,\"requests\":%zu,\"failures\":%llu,"
      "\"reconnects\":%llu,\"per_second\":%.1f,\"p50_us\":%u,\"p90_us\":%u,\"p99_us\":%u,"
      "\"max_us\":%u}\n",
      args.connections, args.seconds, all.size(), static_cast<unsigned long long>(failures),
      static_cast<unsigned long long>(reconnects), all.size() / args.seconds, at(0.50), at(0.90),
      at(0.99), all.empty() ? 0 : all.back());
  return broken || failures > 0 || all.empty() ? 1 : 0;
}
