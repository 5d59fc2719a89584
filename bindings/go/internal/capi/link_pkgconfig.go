//go:build ivsrt_pkgconfig

package capi

// An installed library, located by `pkg-config ivsrt`.

/*
#cgo pkg-config: ivsrt
*/
import "C"
