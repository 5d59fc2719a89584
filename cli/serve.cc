#include "cli/serve.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "cli/authentication.h"
#include "cli/connection.h"
#include "cli/json.h"
#include "cli/request_head.h"
#include "cli/text.h"
#include "core/dispatcher.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::cli {
namespace {

constexpr std::string_view kControlPath = "/_ivsrt/";
// httplib serves a connection on one pool thread until it closes or idles out,
// so this bounds the connections served at once; later ones wait for a thread.
constexpr size_t kThreads = 32;
constexpr size_t kRequestsPerConnection = 1000;
// A connection idle this long between requests, or a read or write stalled this
// long within one, or a request head not whole this long after it began, is
// closed.
constexpr std::chrono::milliseconds kTimeout = std::chrono::seconds(5);

// httplib's server with the backlog its listen() lacks (5: clients connecting
// at once would see SYNs dropped and retried a second later), and connections
// served through Connection, which bounds each request head before httplib
// reads it.
class HttpServer : public httplib::Server {
 public:
  void WidenBacklog() { ::listen(svr_sock_, SOMAXCONN); }

 private:
  // Replaces httplib's loop over a connection's requests (httplib calls it on a
  // pool thread for each accepted socket). An idle connection is closed at once
  // when the server stops.
  bool process_and_close_socket(socket_t sock) override {
    Connection connection(sock, kTimeout);
    bool ok = false;
    for (size_t served = 0; served < kRequestsPerConnection; ++served) {
      HeadCheck head =
          connection.ReadHead(kTimeout, [this] { return svr_sock_ != INVALID_SOCKET; });
      if (head.verdict == HeadVerdict::kIncomplete) break;
      if (head.verdict != HeadVerdict::kComplete) {
        connection.Refuse(head.verdict);
        break;
      }
      bool closed = false;
      ok = process_request(connection, served + 1 == kRequestsPerConnection, closed, nullptr);
      if (!ok || closed) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }
};

// Everything of an answer but the body goes into `res`; the body through a
// sized content provider, because httplib compresses a plain res.body for a
// client that accepts gzip or br, which AWS's endpoint does not do.
void Send(httplib::Response& res, int status, std::string_view header_lines, std::string body) {
  res.status = status;
  std::string content_type = "application/json";
  for (auto& [name, value] : ParseHeaderLines(header_lines)) {
    if (EqualsIgnoreAsciiCase(name, "Content-Type")) {
      content_type = std::move(value);
    } else if (!EqualsIgnoreAsciiCase(name, "Content-Length") &&
               !EqualsIgnoreAsciiCase(name, "Connection")) {
      res.set_header(name, value);
    }
  }
  if (body.empty()) {
    res.set_header("Content-Type", content_type);
    return;
  }
  auto shared = std::make_shared<const std::string>(std::move(body));
  res.set_content_provider(shared->size(), content_type,
                           [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(shared->data() + offset, length);
                           });
}

void SendError(httplib::Response& res, int status, std::string_view type,
               std::string_view message) {
  std::string headers = type.empty() ? "" : StrCat("x-amzn-ErrorType: ", type, "\r\n");
  Send(res, status, headers, ErrorBody(message));
}

// The request body, or nullopt with the error answered. A body over the
// engine's limit is read and dropped as it arrives, never held whole (with
// Content-Length httplib drops it itself), so the connection stays usable.
std::optional<std::string> ReadBody(const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
  std::string body;
  bool chunked = EqualsIgnoreAsciiCase(req.get_header_value("Transfer-Encoding"), "chunked");
  // Neither header: no body (RFC 9112 6.3), where httplib would read until the
  // client closes.
  if (!chunked && !req.has_header("Content-Length")) return body;
  size_t total = 0;
  auto keep = [&](const char* data, size_t n) {
    total += n;
    if (total <= kMaxRequestBytes) body.append(data, n);
    return true;
  };
  bool multipart = req.is_multipart_form_data();
  bool read = multipart ? reader([](const httplib::MultipartFormData&) { return true; }, keep)
                        : reader(keep);
  if (res.status == 413 || total > kMaxRequestBytes) {
    SendError(res, 413, "", StrCat("request body: must be at most ", kMaxRequestBytes, " bytes"));
    return std::nullopt;
  }
  if (multipart) {
    SendError(res, 415, "", "request body: multipart/form-data is not accepted; send JSON");
    return std::nullopt;
  }
  if (!read) {
    SendError(res, 400, "", "the request body could not be read");
    return std::nullopt;
  }
  return body;
}

void Control(const Engine& engine, const httplib::Request& req, std::string_view body,
             httplib::Response& res) {
  std::string_view name = std::string_view(req.path).substr(kControlPath.size());
  if (name == "health") {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET");
      SendError(res, 405, "", "GET /_ivsrt/health");
      return;
    }
    Json health = Json::Object();
    health.Set("status", Json::String("ok"));
    health.Set("version", Json::String(ivsrt_version()));
    Send(res, 200, "", health.Compact());
    return;
  }
  if (req.method != "POST") {
    res.set_header("Allow", "POST");
    SendError(res, 405, "", StrCat("test control is POST /_ivsrt/<Operation>, not ", req.method));
    return;
  }
  InvokeResult result = engine.Invoke(StrCat(kControlPrefix, name), body);
  if (result.code == IVSRT_OK) {
    Send(res, 200, "", std::move(result.response));
  } else {
    SendError(res, result.http_status, result.error_type, result.error_message);
  }
}

void Answer(const Engine& engine, const httplib::Request& req, std::string body,
            httplib::Response& res) {
  if (std::string_view(req.path).starts_with(kControlPath)) {
    Control(engine, req, body, res);
    return;
  }
  std::string headers = RequestHeaderLines(req.headers);
  if (std::optional<Refusal> refusal = UnsignedRefusal(ParseHeaderLines(headers))) {
    Send(res, refusal->status, StrCat("x-amzn-ErrorType: ", refusal->type, "\r\n"),
         RefusalBody(refusal->message));
    return;
  }
  HttpResult result = engine.Http(req.method, req.target, headers, body);
  Send(res, result.status, result.headers, std::move(result.body));
}

void Configure(HttpServer& server, const Engine& engine) {
  server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  // SO_REUSEADDR alone: httplib's default adds SO_REUSEPORT, with which a second
  // server on the same port would bind too and share its connections.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Small responses on kept-alive connections: Nagle's delay would stall each.
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(kMaxRequestBytes);
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, 500, "InternalServerException", "the server failed to answer");
      });
  auto with_body = [&engine](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
    std::optional<std::string> body = ReadBody(req, res, reader);
    if (body) Answer(engine, req, *std::move(body), res);
  };
  auto without_body = [&engine](const httplib::Request& req, httplib::Response& res) {
    Answer(engine, req, "", res);
  };
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);
  server.Get(".*", without_body);
  server.Options(".*", without_body);
}

}  // namespace

absl::Status Serve(const Engine& engine, const std::string& host, int port) {
  // Blocked in this thread and so in every thread started from here on
  // (httplib's pool), so that only sigwait() below takes them: stopping the
  // server is not async-signal-safe.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  HttpServer server;
  Configure(server, engine);
  int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    return absl::FailedPreconditionError(
        StrCat("cannot listen on ", ListenUrl(host, port),
               ": the port is in use, or the address is not one of this machine's"));
  }
  server.WidenBacklog();
  if (!IsLoopback(host)) {
    std::fprintf(stderr,
                 "ivsrt: warning: %s is not a loopback address: whoever can reach it can read "
                 "and change the store (requests are not authenticated)\n",
                 host.c_str());
  }
  // The socket listens from bind on: a client that connects now is served.
  std::printf("ivsrt: listening on %s\n", ListenUrl(host, bound).c_str());
  std::fflush(stdout);

  std::atomic<bool> listening_ended = false;
  std::atomic<bool> signalled = false;
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    // A signal that comes before listen_after_bind() has started would be lost
    // by stop(), which acts only on a running server.
    while (!listening_ended) {
      if (server.is_running()) {
        server.stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  // Returns once stopped and every connection's thread has finished.
  bool clean = server.listen_after_bind();
  listening_ended = true;
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!clean) return absl::InternalError("the server stopped accepting connections");
  return absl::OkStatus();
}

absl::StatusOr<int> ParsePort(std::string_view text) {
  int port = 0;
  if (!absl::SimpleAtoi(ToAbsl(text), &port) || port < 0 || port > 65535 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        StrCat("argument --port: must be a number from 0 to 65535, not '", Echo(text), "'"));
  }
  return port;
}

absl::StatusOr<std::string> WithEngineOptions(std::string_view base, std::string_view extra) {
  absl::StatusOr<Json> options = Json::Parse(base);
  absl::StatusOr<Json> more = Json::Parse(extra);
  if (!options.ok()) return options.status();
  if (!more.ok() || !more->is_object()) {
    return absl::InvalidArgumentError("argument --engine-options: must be a JSON object");
  }
  constexpr std::pair<std::string_view, std::string_view> kOwnFlags[] = {
      {"data_dir", "--data-dir"}, {"region", "--region"}, {"account_id", "--account-id"}};
  for (const auto& [name, value] : more->members()) {
    for (const auto& [option, flag] : kOwnFlags) {
      if (name == option) {
        return absl::InvalidArgumentError(
            StrCat("argument --engine-options: give ", option, " with ", flag));
      }
    }
    options->Set(name, value);
  }
  return options->Compact();
}

bool IsLoopback(std::string_view host) {
  if (host == "localhost") return true;
  std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::string ListenUrl(std::string_view host, int port) {
  bool v6 = host.find(':') != std::string_view::npos;
  return StrCat("http://", v6 ? "[" : "", host, v6 ? "]" : "", ":", port);
}

std::string RequestHeaderLines(const httplib::Headers& headers) {
  std::string lines;
  for (const auto& [name, value] : headers) {
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    StrAppend(&lines, name, ": ", value, "\r\n");
  }
  return lines;
}

std::vector<std::pair<std::string, std::string>> ParseHeaderLines(std::string_view lines) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (std::string_view line : Split(lines, '\n', /*skip_empty=*/true)) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers.emplace_back(std::string(TrimAsciiWhitespace(line.substr(0, colon))),
                         std::string(TrimAsciiWhitespace(line.substr(colon + 1))));
  }
  return headers;
}

}  // namespace ivsrt::cli
