// Package capi is the only place where Go meets the C ABI of libivsrt (ivsrt/ivsrt.h).
//
// Every function copies its results into Go memory (C.GoBytes / C.GoString) and frees the
// library's buffers before returning; no C pointer escapes this package except the opaque
// engine handle, and C never keeps a Go pointer (inputs are read during the call only, as
// the header promises).
//
// By default the library is taken from the repository layout: headers from capi/include and
// libivsrt.so from build/ (with an rpath to it), so `go test` works right after a CMake
// build in <repo>/build. For an installed library build with `-tags ivsrt_pkgconfig`
// (flags from `pkg-config ivsrt`), or add `-L`/`-I`/`-Wl,-rpath` through CGO_LDFLAGS and
// CGO_CFLAGS: a missing repository build directory is ignored by the linker.
package capi

/*
#cgo CFLAGS: -I${SRCDIR}/../../../../capi/include
#include <stdlib.h>
#include <ivsrt/ivsrt.h>
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Frozen return codes of the C ABI (IVSRT_E*).
const (
	OK                   = int(C.IVSRT_OK)
	EValidation          = int(C.IVSRT_EVALIDATION)
	EAccessDenied        = int(C.IVSRT_EACCESS_DENIED)
	EPendingVerification = int(C.IVSRT_EPENDING_VERIFICATION)
	ENotFound            = int(C.IVSRT_ENOT_FOUND)
	EConflict            = int(C.IVSRT_ECONFLICT)
	EQuota               = int(C.IVSRT_EQUOTA)
	EInternal            = int(C.IVSRT_EINTERNAL)
	EMisuse              = int(C.IVSRT_EMISUSE)
	EOptions             = int(C.IVSRT_EOPTIONS)
	EUnknownOperation    = int(C.IVSRT_EUNKNOWN_OPERATION)
)

// CodeType is the error type name of an IVSRT_E* code ("ValidationException", ...), from the
// library's error table; "" for OK and codes the library does not define.
func CodeType(code int) string { return C.GoString(C.ivsrt_code_type(C.int(code))) }

// CodeHTTPStatus is the HTTP status of an IVSRT_E* code's errors, from the library's error
// table; 0 for OK and codes the library does not define.
func CodeHTTPStatus(code int) int { return int(C.ivsrt_code_http_status(C.int(code))) }

// HeaderVersionMajor is the major version of the header this package was compiled against.
const HeaderVersionMajor = int(C.IVSRT_VERSION_MAJOR)

// Error is an ivsrt_error copied into Go memory.
type Error struct {
	Type       string
	Message    string
	HTTPStatus int
	Code       int
}

func (e *Error) Error() string { return e.Type + ": " + e.Message }

// Engine is an open ivsrt_engine. It is not safe to Close concurrently with other calls;
// the public package guards that.
type Engine struct {
	p *C.ivsrt_engine
}

// ErrNilEngine is returned when a call is made on a closed (nil) handle.
var ErrNilEngine = errors.New("ivsrt: nil engine handle")

// Version returns the run-time library version string and number.
func Version() (string, int) {
	return C.GoString(C.ivsrt_version()), int(C.ivsrt_version_number())
}

// takeError copies and frees e. A nil e with a non-zero rc still yields an error.
func takeError(rc C.int, e *C.ivsrt_error) *Error {
	if e == nil {
		return &Error{Type: CodeType(EInternal), Message: "ivsrt: call failed without an error value",
			HTTPStatus: CodeHTTPStatus(EInternal), Code: int(rc)}
	}
	defer C.ivsrt_error_free(e)
	return &Error{
		Type:       C.GoString(C.ivsrt_error_type(e)),
		Message:    C.GoString(C.ivsrt_error_message(e)),
		HTTPStatus: int(C.ivsrt_error_http_status(e)),
		Code:       int(C.ivsrt_error_code(e)),
	}
}

// take copies a library buffer into Go memory and frees it.
func take(p *C.char, n C.size_t) []byte {
	if p == nil {
		return nil
	}
	defer C.ivsrt_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

// takeString is take for text: C.GoStringN copies once, where string(take(...)) copies twice.
func takeString(p *C.char, n C.size_t) string {
	if p == nil {
		return ""
	}
	defer C.ivsrt_free(unsafe.Pointer(p))
	return C.GoStringN(p, C.int(n))
}

// bytesArg returns a (pointer, length) pair that C reads during the call only.
func bytesArg(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))
}

// stringArg is bytesArg for strings; the string's bytes are never written.
func stringArg(s string) (*C.char, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// Open opens an engine with the given options JSON.
func Open(options []byte) (*Engine, error) {
	optPtr, optLen := bytesArg(options)
	var eng *C.ivsrt_engine
	var cerr *C.ivsrt_error
	rc := C.ivsrt_engine_open(optPtr, optLen, &eng, &cerr)
	if rc != C.IVSRT_OK {
		return nil, takeError(rc, cerr)
	}
	return &Engine{p: eng}, nil
}

// Close releases the engine; further calls return ErrNilEngine.
func (e *Engine) Close() {
	if e.p != nil {
		C.ivsrt_engine_close(e.p)
		e.p = nil
	}
}

// Invoke calls ivsrt_invoke and returns the response JSON.
func (e *Engine) Invoke(operation string, request []byte) ([]byte, error) {
	if e.p == nil {
		return nil, ErrNilEngine
	}
	opPtr, opLen := stringArg(operation)
	reqPtr, reqLen := bytesArg(request)
	// The out-parameters in one struct: on the stack with the directives of noescape.go,
	// else one allocation where each one passed to C alone would be one.
	out := new(struct {
		body    *C.char
		bodyLen C.size_t
		err     *C.ivsrt_error
	})
	rc := C.ivsrt_invoke(e.p, opPtr, opLen, reqPtr, reqLen, &out.body, &out.bodyLen, &out.err)
	if rc != C.IVSRT_OK {
		// On failure outputs are NULL, but free defensively.
		C.ivsrt_free(unsafe.Pointer(out.body))
		return nil, takeError(rc, out.err)
	}
	return take(out.body, out.bodyLen), nil
}

// HTTPResponse is one answer of ivsrt_http.
type HTTPResponse struct {
	Status  int
	Headers string // "Name: value\r\n" lines
	Body    []byte
}

// HTTP calls ivsrt_http. The response is a value: one allocation fewer per call.
func (e *Engine) HTTP(method, target string, headers, body []byte) (HTTPResponse, error) {
	if e.p == nil {
		return HTTPResponse{}, ErrNilEngine
	}
	mPtr, mLen := stringArg(method)
	tPtr, tLen := stringArg(target)
	hPtr, hLen := bytesArg(headers)
	bPtr, bLen := bytesArg(body)
	out := new(struct {
		status              C.int
		headers, body       *C.char
		headersLen, bodyLen C.size_t
		err                 *C.ivsrt_error
	})
	rc := C.ivsrt_http(e.p, mPtr, mLen, tPtr, tLen, hPtr, hLen, bPtr, bLen,
		&out.status, &out.headers, &out.headersLen, &out.body, &out.bodyLen, &out.err)
	if rc != C.IVSRT_OK {
		C.ivsrt_free(unsafe.Pointer(out.headers))
		C.ivsrt_free(unsafe.Pointer(out.body))
		return HTTPResponse{}, takeError(rc, out.err)
	}
	return HTTPResponse{Status: int(out.status), Headers: takeString(out.headers, out.headersLen),
		Body: take(out.body, out.bodyLen)}, nil
}
