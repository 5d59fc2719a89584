// Package ivsrttest gives tests a fresh ivsrt engine, closed when the test ends.
package ivsrttest

import (
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// New opens a fresh engine with a private temporary store (removed at the end) and the
// default options, closed by t.Cleanup. It fails the test if the engine cannot be opened.
func New(t testing.TB) *ivsrt.Engine {
	t.Helper()
	return NewWithOptions(t, ivsrt.Options{})
}

// NewWithOptions is New with options (a DataDir, if set, is kept after the test).
func NewWithOptions(t testing.TB, opts ivsrt.Options) *ivsrt.Engine {
	t.Helper()
	e, err := ivsrt.Open(opts)
	if err != nil {
		t.Fatalf("ivsrttest: open engine: %v", err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("ivsrttest: close engine: %v", err)
		}
	})
	return e
}
