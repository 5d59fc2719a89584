// Package ivsrt embeds the Amazon IVS Real-Time stage API ("ivs-realtime") in a Go process:
// an engine over a local LMDB store that answers the AWS operations with the JSON the AWS
// API defines, through libivsrt's C ABI.
//
// Call operations directly with Invoke, or point the real aws-sdk-go-v2 ivsrealtime client
// at the engine with HTTPClient (package ivsrtaws does it in one line). An Engine is safe
// for concurrent use by any number of goroutines.
package ivsrt

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/ivsrt/ivsrt/bindings/go/internal/capi"
)

// Engine is an open engine. Close it when done; calls after Close return ErrClosed.
type Engine struct {
	mu        sync.RWMutex // read-held by every call, write-held by Close
	h         *capi.Engine // nil once closed
	region    string
	accountID string
}

// Version returns the version of the loaded libivsrt ("X.Y.Z").
func Version() string {
	v, _ := capi.Version()
	return v
}

// Open opens an engine.
func Open(opts Options) (*Engine, error) {
	if v, n := capi.Version(); n/1000000 != capi.HeaderVersionMajor {
		return nil, fmt.Errorf("ivsrt: libivsrt %s is not major version %d that this package was built for",
			v, capi.HeaderVersionMajor)
	}
	js, err := opts.json()
	if err != nil {
		return nil, fmt.Errorf("ivsrt: options: %w", err)
	}
	h, err := capi.Open(js)
	if err != nil {
		return nil, convertError(err)
	}
	e := &Engine{h: h, region: opts.region(), accountID: opts.accountID()}
	// A safety net only: an Engine dropped without Close still releases its store.
	runtime.SetFinalizer(e, func(e *Engine) { _ = e.Close() })
	return e, nil
}

// Region is the engine's region (of Invoke requests, and of clients made for it).
func (e *Engine) Region() string { return e.region }

// AccountID is the engine's account id.
func (e *Engine) AccountID() string { return e.accountID }

// Close releases the engine (a temporary store is removed). It waits for calls in flight;
// later calls return ErrClosed. Closing twice is a no-op.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.h == nil {
		return nil
	}
	e.h.Close()
	e.h = nil
	runtime.SetFinalizer(e, nil)
	return nil
}

// Invoke calls one operation with its AWS request JSON (nil means {}) and returns the
// response JSON exactly as AWS sends it. operation is an AWS operation name such as
// "CreateStage", or a test-control operation ("ivsrt:SetClock", ...). Failures are *Error.
// The context is checked before the call; a call is never interrupted midway.
func (e *Engine) Invoke(ctx context.Context, operation string, request []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.h == nil {
		return nil, ErrClosed
	}
	out, err := e.h.Invoke(operation, request)
	runtime.KeepAlive(e)
	if err != nil {
		return nil, convertError(err)
	}
	return out, nil
}

// httpCall runs one ivsrt_http request under the engine's lock.
func (e *Engine) httpCall(method, target string, headers, body []byte) (capi.HTTPResponse, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.h == nil {
		return capi.HTTPResponse{}, ErrClosed
	}
	resp, err := e.h.HTTP(method, target, headers, body)
	runtime.KeepAlive(e)
	if err != nil {
		return capi.HTTPResponse{}, convertError(err)
	}
	return resp, nil
}

func convertError(err error) error {
	var ce *capi.Error
	if errors.As(err, &ce) {
		return &Error{Type: ce.Type, Message: ce.Message, HTTPStatus: ce.HTTPStatus, Code: Code(ce.Code)}
	}
	if errors.Is(err, capi.ErrNilEngine) {
		return ErrClosed
	}
	return err
}
