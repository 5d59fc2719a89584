#include "core/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "core/strings.h"
#include "ivsrt/ivsrt.h"

namespace ivsrt {
namespace {

// Each AWS type rides on one absl code; PendingVerification borrows
// kUnauthenticated (an account not yet allowed to act), ConflictException
// kFailedPrecondition. The C ABI's own two never become a Status.
constexpr ErrorType kErrorTypes[] = {
    {IVSRT_EVALIDATION, "ValidationException", 400, absl::StatusCode::kInvalidArgument},
    {IVSRT_EACCESS_DENIED, "AccessDeniedException", 403, absl::StatusCode::kPermissionDenied},
    {IVSRT_EPENDING_VERIFICATION, "PendingVerification", 403, absl::StatusCode::kUnauthenticated},
    {IVSRT_ENOT_FOUND, "ResourceNotFoundException", 404, absl::StatusCode::kNotFound},
    {IVSRT_ECONFLICT, "ConflictException", 409, absl::StatusCode::kFailedPrecondition},
    {IVSRT_EQUOTA, "ServiceQuotaExceededException", 402, absl::StatusCode::kResourceExhausted},
    {IVSRT_EINTERNAL, "InternalServerException", 500, absl::StatusCode::kInternal},
    {IVSRT_EMISUSE, "InvalidArgument", 400, absl::StatusCode::kOk},
    {IVSRT_EOPTIONS, "InvalidOptions", 400, absl::StatusCode::kOk},
    {IVSRT_EUNKNOWN_OPERATION, "UnknownOperationException", 404, absl::StatusCode::kUnimplemented},
};

absl::Status Make(int code, std::string_view message) {
  return absl::Status(FindErrorType(code)->status_code, ToAbsl(message));
}

}  // namespace

std::span<const ErrorType> ErrorTypes() { return kErrorTypes; }

const ErrorType* FindErrorType(int code) {
  for (const ErrorType& type : kErrorTypes) {
    if (type.code == code) return &type;
  }
  return nullptr;
}

const ErrorType& ErrorTypeOf(const absl::Status& status) {
  for (const ErrorType& type : kErrorTypes) {
    if (type.status_code == status.code() && type.status_code != absl::StatusCode::kOk) {
      return type;
    }
  }
  return *FindErrorType(IVSRT_EINTERNAL);
}

absl::Status ValidationError(std::string_view m) { return Make(IVSRT_EVALIDATION, m); }
absl::Status AccessDeniedError(std::string_view m) { return Make(IVSRT_EACCESS_DENIED, m); }
absl::Status PendingVerificationError(std::string_view m) {
  return Make(IVSRT_EPENDING_VERIFICATION, m);
}
absl::Status ResourceNotFoundError(std::string_view m) { return Make(IVSRT_ENOT_FOUND, m); }
absl::Status ConflictError(std::string_view m) { return Make(IVSRT_ECONFLICT, m); }
absl::Status ServiceQuotaExceededError(std::string_view m) { return Make(IVSRT_EQUOTA, m); }
absl::Status InternalError(std::string_view m) { return Make(IVSRT_EINTERNAL, m); }
absl::Status UnknownOperationError(std::string_view m) { return Make(IVSRT_EUNKNOWN_OPERATION, m); }

namespace {
constexpr std::string_view kSignatureErrorPayload = "ivsrt/sigv4-error-type";

absl::Status WithSignatureErrorType(absl::Status status, std::string_view type) {
  status.SetPayload(ToAbsl(kSignatureErrorPayload), absl::Cord(ToAbsl(type)));
  return status;
}
}  // namespace

absl::Status IncompleteSignatureError(std::string_view m) {
  return WithSignatureErrorType(AccessDeniedError(m), "IncompleteSignatureException");
}
absl::Status InvalidSignatureError(std::string_view m) {
  return WithSignatureErrorType(AccessDeniedError(m), "InvalidSignatureException");
}
std::string SignatureErrorType(const absl::Status& status) {
  auto type = status.GetPayload(ToAbsl(kSignatureErrorPayload));
  return type ? std::string{*type} : std::string();
}

}  // namespace ivsrt
