// The extern "C" shims: each one turns C arguments into engine calls and results into
// caller-owned buffers, and lets nothing thrown escape (it becomes InternalServerException).
#include "ivsrt/ivsrt.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "core/engine.h"
#include "core/errors.h"
#include "core/strings.h"

struct ivsrt_engine {
  std::unique_ptr<ivsrt::Engine> engine;
};

struct ivsrt_error {
  std::string type;
  std::string message;
  int http_status;
  int code;
};

namespace {

std::string_view View(const char* p, size_t n) {
  return p == nullptr ? std::string_view() : std::string_view(p, n);
}

// Fills *error_out (when wanted) and returns the code.
int Fail(ivsrt_error** error_out, const ivsrt::ErrorType& type, std::string_view message) {
  if (error_out != nullptr) {
    *error_out = new (std::nothrow)
        ivsrt_error{std::string(type.name), std::string(message), type.http_status, type.code};
  }
  return type.code;
}

int Fail(ivsrt_error** error_out, int code, std::string_view message) {
  return Fail(error_out, *ivsrt::FindErrorType(code), message);
}

int FailWithStatus(ivsrt_error** error_out, const absl::Status& status) {
  return Fail(error_out, ivsrt::ErrorTypeOf(status), ivsrt::ToStd(status.message()));
}

// A malloc'd, NUL-terminated copy for the caller (freed with ivsrt_free).
char* CopyOut(std::string_view s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

template <typename Body>
int Guard(ivsrt_error** error_out, Body body) {
  if (error_out != nullptr) *error_out = nullptr;
  try {
    return body();
  } catch (const std::exception& e) {
    return Fail(error_out, IVSRT_EINTERNAL, e.what());
  } catch (...) {
    return Fail(error_out, IVSRT_EINTERNAL, "unexpected failure");
  }
}

int Misuse(ivsrt_error** error_out, std::string_view what) {
  return Fail(error_out, IVSRT_EMISUSE, what);
}

}  // namespace

extern "C" {

const char* ivsrt_version(void) { return IVSRT_VERSION; }
int ivsrt_version_number(void) { return IVSRT_VERSION_NUMBER; }

int ivsrt_engine_open(const char* options_json, size_t options_len, ivsrt_engine** engine_out,
                      ivsrt_error** error_out) {
  if (engine_out != nullptr) *engine_out = nullptr;
  return Guard(error_out, [&]() -> int {
    if (engine_out == nullptr) return Misuse(error_out, "engine_out must not be NULL");
    auto engine = ivsrt::Engine::Open(View(options_json, options_len));
    if (!engine.ok()) {
      return Fail(error_out, IVSRT_EOPTIONS, ivsrt::ToStd(engine.status().message()));
    }
    *engine_out = new ivsrt_engine{*std::move(engine)};
    return IVSRT_OK;
  });
}

void ivsrt_engine_close(ivsrt_engine* engine) {
  try {
    delete engine;
  } catch (...) {
    // Closing must not throw across the ABI; the store is left for the OS to release.
  }
}

int ivsrt_invoke(ivsrt_engine* engine, const char* operation, size_t operation_len,
                 const char* request_json, size_t request_len, char** response_json_out,
                 size_t* response_len_out, ivsrt_error** error_out) {
  if (response_json_out != nullptr) *response_json_out = nullptr;
  if (response_len_out != nullptr) *response_len_out = 0;
  return Guard(error_out, [&]() -> int {
    if (engine == nullptr || response_json_out == nullptr) {
      return Misuse(error_out, "engine and response_json_out must not be NULL");
    }
    auto result =
        engine->engine->Invoke(View(operation, operation_len), View(request_json, request_len));
    if (!result.ok()) return FailWithStatus(error_out, result.status());
    *response_json_out = CopyOut(*result);
    if (response_len_out != nullptr) *response_len_out = result->size();
    return IVSRT_OK;
  });
}

int ivsrt_http(ivsrt_engine* engine, const char* method, size_t method_len, const char* target,
               size_t target_len, const char* headers, size_t headers_len, const char* body,
               size_t body_len, int* status_out, char** headers_out, size_t* headers_len_out,
               char** body_out, size_t* body_len_out, ivsrt_error** error_out) {
  if (status_out != nullptr) *status_out = 0;
  if (headers_out != nullptr) *headers_out = nullptr;
  if (headers_len_out != nullptr) *headers_len_out = 0;
  if (body_out != nullptr) *body_out = nullptr;
  if (body_len_out != nullptr) *body_len_out = 0;
  return Guard(error_out, [&]() -> int {
    if (engine == nullptr || status_out == nullptr || headers_out == nullptr ||
        body_out == nullptr) {
      return Misuse(error_out, "engine, status_out, headers_out and body_out must not be NULL");
    }
    ivsrt::HttpResponse response =
        engine->engine->Http(ivsrt::HttpRequest{View(method, method_len), View(target, target_len),
                                                View(headers, headers_len), View(body, body_len)});
    char* h = CopyOut(response.headers);
    char* b = nullptr;
    try {
      b = CopyOut(response.body);
    } catch (...) {
      std::free(h);
      throw;
    }
    *status_out = response.status;
    *headers_out = h;
    *body_out = b;
    if (headers_len_out != nullptr) *headers_len_out = response.headers.size();
    if (body_len_out != nullptr) *body_len_out = response.body.size();
    return IVSRT_OK;
  });
}

void ivsrt_free(void* p) { std::free(p); }

const char* ivsrt_error_type(const ivsrt_error* e) { return e ? e->type.c_str() : ""; }
const char* ivsrt_error_message(const ivsrt_error* e) { return e ? e->message.c_str() : ""; }
int ivsrt_error_http_status(const ivsrt_error* e) { return e ? e->http_status : 0; }
int ivsrt_error_code(const ivsrt_error* e) { return e ? e->code : IVSRT_OK; }
void ivsrt_error_free(ivsrt_error* e) { delete e; }

const char* ivsrt_code_type(int code) {
  const ivsrt::ErrorType* type = ivsrt::FindErrorType(code);
  return type != nullptr ? type->name.data() : "";
}
int ivsrt_code_http_status(int code) {
  const ivsrt::ErrorType* type = ivsrt::FindErrorType(code);
  return type != nullptr ? type->http_status : 0;
}

}  // extern "C"
