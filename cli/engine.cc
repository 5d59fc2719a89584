#include "cli/engine.h"

#include <memory>

#include "absl/status/status.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

struct ErrorFree {
  void operator()(ivsrt_error* e) const { ivsrt_error_free(e); }
};
using ErrorPtr = std::unique_ptr<ivsrt_error, ErrorFree>;

}  // namespace

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
  } else {
    result.error_type = "InternalServerException";
    result.error_message = StrCat("error code ", result.code);
  }
  return result;
}

}  // namespace ivsrt::cli
