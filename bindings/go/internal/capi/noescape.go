//go:build go1.24

package capi

// The library reads its input buffers during a call only and never calls into Go (ivsrt.h),
// so the Go memory handed to the two per-request calls need not be moved to the heap: the
// out-parameters stay on the stack. The directives exist from Go 1.24; older toolchains
// build the package without them and allocate as before.

/*
#cgo noescape ivsrt_invoke
#cgo nocallback ivsrt_invoke
#cgo noescape ivsrt_http
#cgo nocallback ivsrt_http
*/
import "C"
