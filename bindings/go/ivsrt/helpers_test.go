package ivsrt_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/internal/golden"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// obj is a decoded JSON object.
type obj = map[string]any

// invoke calls op with req (marshalled to JSON) and fails the test on error.
func invoke(t testing.TB, e *ivsrt.Engine, op string, req any) obj {
	t.Helper()
	out, err := tryInvoke(e, op, req)
	if err != nil {
		t.Fatalf("%s(%s): %v", op, mustJSON(t, req), err)
	}
	return out
}

// tryInvoke calls op and decodes the response object.
func tryInvoke(e *ivsrt.Engine, op string, req any) (obj, error) {
	in, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	out, err := e.Invoke(context.Background(), op, in)
	if err != nil {
		return nil, err
	}
	var m obj
	if err := json.Unmarshal(out, &m); err != nil {
		return nil, fmt.Errorf("%s: response is not a JSON object: %v: %s", op, err, out)
	}
	return m, nil
}

// invokeErr calls op, requires it to fail with an *ivsrt.Error, and returns that error.
func invokeErr(t testing.TB, e *ivsrt.Engine, op string, req any) *ivsrt.Error {
	t.Helper()
	out, err := tryInvoke(e, op, req)
	if err == nil {
		t.Fatalf("%s(%s) succeeded with %v, want an error", op, mustJSON(t, req), out)
	}
	var ie *ivsrt.Error
	if !errors.As(err, &ie) {
		t.Fatalf("%s: error %v (%T) is not an *ivsrt.Error", op, err, err)
	}
	return ie
}

// wantErr asserts the type, status and sentinel of an engine error.
func wantErr(t testing.TB, err *ivsrt.Error, typ string, status int, sentinel error) {
	t.Helper()
	if err.Type != typ || err.HTTPStatus != status {
		t.Fatalf("got %s (HTTP %d): %q; want %s (HTTP %d)", err.Type, err.HTTPStatus, err.Message, typ, status)
	}
	if !errors.Is(err, sentinel) {
		t.Fatalf("errors.Is(%v, %v) = false", err, sentinel)
	}
	if err.Message == "" {
		t.Fatalf("%s has an empty message", typ)
	}
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// at returns the value at a dotted path ("stage.tags.k", "participantTokens.0.token"), as
// the golden cases name them.
var at = golden.At

// str returns the string at path, failing the test if there is none.
func str(t testing.TB, v any, path string) string {
	t.Helper()
	x, ok := at(v, path)
	s, isStr := x.(string)
	if !ok || !isStr {
		t.Fatalf("no string at %q in %v", path, v)
	}
	return s
}

// tagMap makes n tags k0..k(n-1).
func tagMap(prefix string, n int) map[string]string {
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("%s%d", prefix, i)] = "v"
	}
	return m
}
