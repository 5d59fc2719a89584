package ivsrt

import (
	"errors"
	"fmt"

	"github.com/ivsrt/ivsrt/bindings/go/internal/capi"
)

// Code is the frozen IVSRT_E* return code of the C ABI that names the kind of an error.
type Code int

// The codes of ivsrt.h, through cgo. Values never change; new ones are only added.
const (
	CodeValidation          = Code(capi.EValidation)          // ValidationException
	CodeAccessDenied        = Code(capi.EAccessDenied)        // AccessDeniedException
	CodePendingVerification = Code(capi.EPendingVerification) // PendingVerification
	CodeNotFound            = Code(capi.ENotFound)            // ResourceNotFoundException
	CodeConflict            = Code(capi.EConflict)            // ConflictException
	CodeQuota               = Code(capi.EQuota)               // ServiceQuotaExceededException
	CodeInternal            = Code(capi.EInternal)            // InternalServerException
	CodeMisuse              = Code(capi.EMisuse)              // InvalidArgument: a misuse of the C ABI
	CodeInvalidOptions      = Code(capi.EOptions)             // InvalidOptions: bad engine options or unusable store
	CodeUnknownOperation    = Code(capi.EUnknownOperation)    // UnknownOperationException
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
	ErrValidation          error = newSentinel(CodeValidation)
	ErrAccessDenied        error = newSentinel(CodeAccessDenied)
	ErrPendingVerification error = newSentinel(CodePendingVerification)
	ErrNotFound            error = newSentinel(CodeNotFound)
	ErrConflict            error = newSentinel(CodeConflict)
	ErrQuota               error = newSentinel(CodeQuota)
	ErrInternal            error = newSentinel(CodeInternal)
	ErrMisuse              error = newSentinel(CodeMisuse)
	ErrInvalidOptions      error = newSentinel(CodeInvalidOptions)
	ErrUnknownOperation    error = newSentinel(CodeUnknownOperation)
)

// newSentinel names a code's sentinel after the library's type name for it.
func newSentinel(code Code) *sentinel { return &sentinel{code, capi.CodeType(int(code))} }

// ErrClosed is returned by every call on an Engine after Close.
var ErrClosed = errors.New("ivsrt: engine is closed")
