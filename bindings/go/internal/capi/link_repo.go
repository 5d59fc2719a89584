//go:build !ivsrt_pkgconfig

package capi

// The library built by CMake in <repo>/build, found at run time through an rpath.

/*
#cgo LDFLAGS: -L${SRCDIR}/../../../../build -Wl,-rpath,${SRCDIR}/../../../../build -livsrt
*/
import "C"
