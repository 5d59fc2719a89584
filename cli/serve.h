// `ivsrt serve`: the engine over HTTP/1.1 (cpp-httplib), for the AWS CLI and any
// SDK that takes an endpoint URL. AWS requests are answered by ivsrt_http as the
// bindings answer them; POST /_ivsrt/<Operation> reaches the test-control
// operations through ivsrt_invoke, on a path no AWS route can take, and
// GET /_ivsrt/health says the server is up.
#ifndef IVSRT_CLI_SERVE_H_
#define IVSRT_CLI_SERVE_H_

#include <httplib.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/engine.h"

namespace ivsrt::cli {

// Binds host:port (0: a free port), prints "ivsrt: listening on URL" on stdout
// once connections are accepted, and serves until SIGINT or SIGTERM; then it
// stops accepting and returns once the requests in flight are answered.
// FailedPrecondition when it cannot listen.
absl::Status Serve(const Engine& engine, const std::string& host, int port);

// --port: 0..65535, else InvalidArgument.
absl::StatusOr<int> ParsePort(std::string_view text);

// The engine options `base` (data_dir, region, account_id) with the members of
// --engine-options added; InvalidArgument when it is not a JSON object or names
// an option that has its own flag.
absl::StatusOr<std::string> WithEngineOptions(std::string_view base, std::string_view extra);

// Whether connections to `host` can only come from this machine: "localhost",
// 127.0.0.0/8, ::1.
bool IsLoopback(std::string_view host);

// "http://127.0.0.1:4567", "http://[::1]:4567".
std::string ListenUrl(std::string_view host, int port);

// The request headers as ivsrt_http takes them ("Name: value\r\n" lines),
// without those httplib adds itself (REMOTE_ADDR, ...).
std::string RequestHeaderLines(const httplib::Headers& headers);

// The (name, value) pairs of "Name: value" lines separated by "\r\n" or "\n".
std::vector<std::pair<std::string, std::string>> ParseHeaderLines(std::string_view lines);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_SERVE_H_
