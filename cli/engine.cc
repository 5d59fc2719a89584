#include "cli/engine.h"

#include <memory>

#include "absl/status/status.h"
#include "cli/json.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

struct ErrorFree {
  void operator()(ivsrt_error* e) const { ivsrt_error_free(e); }
};
using ErrorPtr = std::unique_ptr<ivsrt_error, ErrorFree>;

}  // namespace

std::string ErrorBody(std::string_view message) {
  std::string body = "{\"exceptionMessage\":";
  AppendQuoted(body, message);
  body += ",\"message\":";
  AppendQuoted(body, message);
  body += "}";
  return body;
}

absl::StatusOr<Engine> Engine::Open(std::string_view options_json) {
  ivsrt_engine* engine = nullptr;
  ivsrt_error* raw_error = nullptr;
  int rc = ivsrt_engine_open(options_json.data(), options_json.size(), &engine, &raw_error);
  ErrorPtr error(raw_error);
  if (rc != IVSRT_OK) {
    return absl::FailedPreconditionError(error ? ivsrt_error_message(error.get())
                                               : StrCat("error code ", rc));
  }
  return Engine(engine);
}

InvokeResult Engine::Invoke(std::string_view operation, std::string_view request) const {
  char* response = nullptr;
  size_t response_len = 0;
  ivsrt_error* raw_error = nullptr;
  InvokeResult result;
  result.code = ivsrt_invoke(engine_, operation.data(), operation.size(), request.data(),
                             request.size(), &response, &response_len, &raw_error);
  ErrorPtr error(raw_error);
  if (result.code == IVSRT_OK) {
    result.response.assign(response, response_len);
    ivsrt_free(response);
  } else if (error) {
    result.error_type = ivsrt_error_type(error.get());
    result.error_message = ivsrt_error_message(error.get());
    result.http_status = ivsrt_error_http_status(error.get());
  } else {
    result.error_type = "InternalServerException";
    result.error_message = StrCat("error code ", result.code);
    result.http_status = 500;
  }
  return result;
}

HttpResult Engine::Http(std::string_view method, std::string_view target, std::string_view headers,
                        std::string_view body) const {
  int status = 0;
  char* headers_out = nullptr;
  size_t headers_len = 0;
  char* body_out = nullptr;
  size_t body_len = 0;
  ivsrt_error* raw_error = nullptr;
  int rc = ivsrt_http(engine_, method.data(), method.size(), target.data(), target.size(),
                      headers.data(), headers.size(), body.data(), body.size(), &status,
                      &headers_out, &headers_len, &body_out, &body_len, &raw_error);
  ErrorPtr error(raw_error);
  HttpResult result;
  if (rc != IVSRT_OK) {
    result.status = 500;
    result.headers =
        "Content-Type: application/json\r\nx-amzn-ErrorType: InternalServerException\r\n";
    result.body = ErrorBody(error ? ivsrt_error_message(error.get()) : StrCat("error code ", rc));
    return result;
  }
  result.status = status;
  result.headers.assign(headers_out, headers_len);
  result.body.assign(body_out, body_len);
  ivsrt_free(headers_out);
  ivsrt_free(body_out);
  return result;
}

}  // namespace ivsrt::cli
