// The AWS error model: the seven error types of the service model, as
// absl::Status. This file is the one place where an absl::Status maps to an AWS
// error type and back.
#ifndef IVSRT_CORE_ERRORS_H_
#define IVSRT_CORE_ERRORS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace ivsrt {

enum class AwsError {
  kValidation,            // ValidationException, 400
  kAccessDenied,          // AccessDeniedException, 403
  kPendingVerification,   // PendingVerification, 403
  kResourceNotFound,      // ResourceNotFoundException, 404
  kConflict,              // ConflictException, 409
  kServiceQuotaExceeded,  // ServiceQuotaExceededException, 402
  kInternal,              // InternalServerException, 500
};

absl::Status ValidationError(std::string_view message);
absl::Status AccessDeniedError(std::string_view message);
absl::Status PendingVerificationError(std::string_view message);
absl::Status ResourceNotFoundError(std::string_view message);
absl::Status ConflictError(std::string_view message);
absl::Status ServiceQuotaExceededError(std::string_view message);
absl::Status InternalError(std::string_view message);

// Not an AWS error type: the operation name names nothing this engine answers.
// Callers report it as UnknownOperationException (HTTP 404), before any of the
// seven.
absl::Status UnknownOperationError(std::string_view message);
bool IsUnknownOperation(const absl::Status& status);

// Not error types of the service model either, but of the SigV4 layer in front
// of every AWS endpoint, so only the HTTP entry answers them:
// IncompleteSignatureException (400, a malformed Authorization header) and
// InvalidSignatureException (403, a credential that cannot sign for this
// endpoint). Each rides on the absl code of the model error with its HTTP
// status, and carries its type name.
absl::Status IncompleteSignatureError(std::string_view message);
absl::Status InvalidSignatureError(std::string_view message);
// The type name of a SigV4 error; empty for any other status.
std::string SignatureErrorType(const absl::Status& status);

// The AWS error a non-OK status stands for.
AwsError AwsErrorOf(const absl::Status& status);
std::string_view AwsErrorTypeName(AwsError error);
int AwsErrorHttpStatus(AwsError error);

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
