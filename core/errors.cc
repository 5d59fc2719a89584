#include "core/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "core/strings.h"

namespace ivsrt {

// Each AWS type rides on one absl code; PendingVerification borrows
// kUnauthenticated (an account not yet allowed to act), ConflictException
// kFailedPrecondition.
absl::Status ValidationError(std::string_view m) { return absl::InvalidArgumentError(ToAbsl(m)); }
absl::Status AccessDeniedError(std::string_view m) {
  return absl::PermissionDeniedError(ToAbsl(m));
}
absl::Status PendingVerificationError(std::string_view m) {
  return absl::UnauthenticatedError(ToAbsl(m));
}
absl::Status ResourceNotFoundError(std::string_view m) { return absl::NotFoundError(ToAbsl(m)); }
absl::Status ConflictError(std::string_view m) { return absl::FailedPreconditionError(ToAbsl(m)); }
absl::Status ServiceQuotaExceededError(std::string_view m) {
  return absl::ResourceExhaustedError(ToAbsl(m));
}
absl::Status InternalError(std::string_view m) { return absl::InternalError(ToAbsl(m)); }

absl::Status UnknownOperationError(std::string_view m) {
  return absl::UnimplementedError(ToAbsl(m));
}
bool IsUnknownOperation(const absl::Status& status) { return absl::IsUnimplemented(status); }

namespace {
constexpr std::string_view kSignatureErrorPayload = "ivsrt/sigv4-error-type";

absl::Status WithSignatureErrorType(absl::Status status, std::string_view type) {
  status.SetPayload(ToAbsl(kSignatureErrorPayload), absl::Cord(ToAbsl(type)));
  return status;
}
}  // namespace

absl::Status IncompleteSignatureError(std::string_view m) {
  return WithSignatureErrorType(ValidationError(m), "IncompleteSignatureException");
}
absl::Status InvalidSignatureError(std::string_view m) {
  return WithSignatureErrorType(AccessDeniedError(m), "InvalidSignatureException");
}
std::string SignatureErrorType(const absl::Status& status) {
  auto type = status.GetPayload(ToAbsl(kSignatureErrorPayload));
  return type ? std::string(*type) : std::string();
}

AwsError AwsErrorOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return AwsError::kValidation;
    case absl::StatusCode::kPermissionDenied:
      return AwsError::kAccessDenied;
    case absl::StatusCode::kUnauthenticated:
      return AwsError::kPendingVerification;
    case absl::StatusCode::kNotFound:
      return AwsError::kResourceNotFound;
    case absl::StatusCode::kFailedPrecondition:
      return AwsError::kConflict;
    case absl::StatusCode::kResourceExhausted:
      return AwsError::kServiceQuotaExceeded;
    default:
      return AwsError::kInternal;
  }
}

std::string_view AwsErrorTypeName(AwsError error) {
  switch (error) {
    case AwsError::kValidation:
      return "ValidationException";
    case AwsError::kAccessDenied:
      return "AccessDeniedException";
    case AwsError::kPendingVerification:
      return "PendingVerification";
    case AwsError::kResourceNotFound:
      return "ResourceNotFoundException";
    case AwsError::kConflict:
      return "ConflictException";
    case AwsError::kServiceQuotaExceeded:
      return "ServiceQuotaExceededException";
    case AwsError::kInternal:
      break;
  }
  return "InternalServerException";
}

int AwsErrorHttpStatus(AwsError error) {
  switch (error) {
    case AwsError::kValidation:
      return 400;
    case AwsError::kAccessDenied:
    case AwsError::kPendingVerification:
      return 403;
    case AwsError::kResourceNotFound:
      return 404;
    case AwsError::kConflict:
      return 409;
    case AwsError::kServiceQuotaExceeded:
      return 402;
    case AwsError::kInternal:
      break;
  }
  return 500;
}

}  // namespace ivsrt
