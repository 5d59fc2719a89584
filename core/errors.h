// The AWS error model: the seven error types of the service model, as absl::Status, and the
// one table of error types (AWS type name, HTTP status, frozen IVSRT_E* code) that the C ABI,
// the HTTP entry and both bindings derive theirs from.
#ifndef IVSRT_CORE_ERRORS_H_
#define IVSRT_CORE_ERRORS_H_

#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace ivsrt {

// One row per IVSRT_E* code of ivsrt.h: the type name an error of that code reports, the HTTP
// status it is answered with (AWS's, for AWS's types), and the code.
struct ErrorType {
  int code;
  std::string_view name;  // a string literal, so also NUL-terminated
  int http_status;
  absl::StatusCode status_code;  // what it rides on inside the engine; kOk: never a Status
};

// Every row, in code order.
std::span<const ErrorType> ErrorTypes();
// The row of `code`; nullptr for IVSRT_OK and for a code ivsrt.h does not define.
const ErrorType* FindErrorType(int code);
// The row of a non-OK status: a status code that no row rides on is InternalServerException.
const ErrorType& ErrorTypeOf(const absl::Status& status);

absl::Status ValidationError(std::string_view message);
absl::Status AccessDeniedError(std::string_view message);
absl::Status PendingVerificationError(std::string_view message);
absl::Status ResourceNotFoundError(std::string_view message);
absl::Status ConflictError(std::string_view message);
absl::Status ServiceQuotaExceededError(std::string_view message);
absl::Status InternalError(std::string_view message);

// Not an error type of the service model, but what AWS endpoints answer for an
// operation they do not have: UnknownOperationException (HTTP 404).
absl::Status UnknownOperationError(std::string_view message);

// Not error types of the service model either, but of the SigV4 layer in front
// of every AWS endpoint, so only the HTTP entry answers them:
// IncompleteSignatureException (a malformed Authorization header) and
// InvalidSignatureException (a credential that cannot sign for this endpoint),
// both 403: ivs-realtime sits behind API Gateway (its responses carry
// x-amz-apigw-id), whose signature refusals are 403 (its gateway response
// types; aws/chalice#828 for IncompleteSignatureException). Each rides on
// AccessDeniedException's absl code (so its row, 403, is that error's), and
// carries its own type name.
absl::Status IncompleteSignatureError(std::string_view message);
absl::Status InvalidSignatureError(std::string_view message);
// The type name of a SigV4 error; empty for any other status.
std::string SignatureErrorType(const absl::Status& status);

}  // namespace ivsrt

#define IVSRT_CONCAT_INNER_(a, b) a##b
#define IVSRT_CONCAT_(a, b) IVSRT_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::absl::Status ivsrt_status_ = (expr);         \
    if (!ivsrt_status_.ok()) return ivsrt_status_; \
  } while (0)

// NOLINTBEGIN(bugprone-macro-parentheses): lhs may be a declaration and statusor is a name;
// neither can be parenthesized.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(IVSRT_CONCAT_(ivsrt_statusor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                           \
  if (!statusor.ok()) return statusor.status();     \
  lhs = std::move(statusor).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // IVSRT_CORE_ERRORS_H_
