// The command's only way into the engine: the C ABI (ivsrt.h), wrapped for
// RAII.
#ifndef IVSRT_CLI_ENGINE_H_
#define IVSRT_CLI_ENGINE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt::cli {

// What ivsrt_invoke answered: the response JSON, or the AWS error.
struct InvokeResult {
  int code = IVSRT_OK;
  std::string response;
  std::string error_type;
  std::string error_message;
  int http_status = 0;  // of the error
};

// What ivsrt_http answered.
struct HttpResult {
  int status = 0;
  std::string headers;  // "Name: value\r\n" lines
  std::string body;
};

// The body of an AWS error response, as ivsrt_http writes it:
// {"exceptionMessage": message, "message": message}.
std::string ErrorBody(std::string_view message);

class Engine {
 public:
  // FailedPrecondition with the engine's message when the options or store are
  // unusable.
  static absl::StatusOr<Engine> Open(std::string_view options_json);

  Engine(Engine&& other) noexcept : engine_(other.engine_) { other.engine_ = nullptr; }
  Engine& operator=(Engine&&) = delete;
  Engine(const Engine&) = delete;
  ~Engine() { ivsrt_engine_close(engine_); }

  InvokeResult Invoke(std::string_view operation, std::string_view request) const;
  // `headers` as "Name: value\r\n" lines. Only misuse makes ivsrt_http fail, and
  // that is answered as a 500 InternalServerException.
  HttpResult Http(std::string_view method, std::string_view target, std::string_view headers,
                  std::string_view body) const;

 private:
  explicit Engine(ivsrt_engine* engine) : engine_(engine) {}
  ivsrt_engine* engine_;
};

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_ENGINE_H_
