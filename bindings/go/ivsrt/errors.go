package ivsrt

import (
	"errors"
	"fmt"
)

// Code is the frozen IVSRT_E* return code of the C ABI that names the kind of an error.
type Code int

// The codes of ivsrt.h. Values never change; new ones are only added.
const (
	CodeValidation          Code = 1  // ValidationException, HTTP 400
	CodeAccessDenied        Code = 2  // AccessDeniedException, HTTP 403
	CodePendingVerification Code = 3  // PendingVerification, HTTP 403
	CodeNotFound            Code = 4  // ResourceNotFoundException, HTTP 404
	CodeConflict            Code = 5  // ConflictException, HTTP 409
	CodeQuota               Code = 6  // ServiceQuotaExceededException, HTTP 402
	CodeInternal            Code = 7  // InternalServerException, HTTP 500
	CodeMisuse              Code = 8  // InvalidArgument: a misuse of the C ABI
	CodeInvalidOptions      Code = 9  // InvalidOptions: bad engine options or unusable store
	CodeUnknownOperation    Code = 10 // UnknownOperationException, HTTP 404
)

// Error is an error reported by the engine: the AWS error type name ("ValidationException",
// "ResourceNotFoundException", ...), its message, the HTTP status AWS answers with, and the
// frozen code. Use errors.As to get one, or errors.Is with the Err* sentinels.
type Error struct {
	Type       string
	Message    string
	HTTPStatus int
	Code       Code
}

func (e *Error) Error() string {
	return fmt.Sprintf("ivsrt: %s: %s", e.Type, e.Message)
}

// Is reports whether target is the sentinel for e's code, so that
// errors.Is(err, ivsrt.ErrNotFound) works.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	return ok && s.code == e.Code
}

// sentinel is the type of the Err* values: they match every *Error of their code.
type sentinel struct {
	code Code
	name string
}

func (s *sentinel) Error() string { return "ivsrt: " + s.name }

// Sentinels for errors.Is. An *Error matches the sentinel of its Code.
var (
	ErrValidation          error = &sentinel{CodeValidation, "ValidationException"}
	ErrAccessDenied        error = &sentinel{CodeAccessDenied, "AccessDeniedException"}
	ErrPendingVerification error = &sentinel{CodePendingVerification, "PendingVerification"}
	ErrNotFound            error = &sentinel{CodeNotFound, "ResourceNotFoundException"}
	ErrConflict            error = &sentinel{CodeConflict, "ConflictException"}
	ErrQuota               error = &sentinel{CodeQuota, "ServiceQuotaExceededException"}
	ErrInternal            error = &sentinel{CodeInternal, "InternalServerException"}
	ErrMisuse              error = &sentinel{CodeMisuse, "InvalidArgument"}
	ErrInvalidOptions      error = &sentinel{CodeInvalidOptions, "InvalidOptions"}
	ErrUnknownOperation    error = &sentinel{CodeUnknownOperation, "UnknownOperationException"}
)

// ErrClosed is returned by every call on an Engine after Close.
var ErrClosed = errors.New("ivsrt: engine is closed")
