package ivsrt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// The golden cases of tests/golden (format in its README), replayed through Invoke and, for
// the AWS operations, through the in-process HTTP client as an SDK would send them, so that
// this binding agrees with the C ABI and Python replays.

type goldenCase struct {
	Options json.RawMessage `json:"options"`
	Steps   []goldenStep    `json:"steps"`
}

type goldenStep struct {
	Op      string            `json:"op"`
	Request json.RawMessage   `json:"request"`
	Error   string            `json:"error"`
	Status  int               `json:"status"`
	Expect  map[string]any    `json:"expect"`
	Match   map[string]string `json:"match"`
	Absent  []string          `json:"absent"`
	Length  map[string]int    `json:"length"`
	Save    map[string]string `json:"save"`
}

// result is one step's outcome on some surface.
type result struct {
	body      any    // decoded success body
	errorType string // AWS error type on failure
	status    int    // HTTP status of a failure
}

type surface func(e *ivsrt.Engine, op string, request []byte) (result, error)

func goldenDir() string {
	if d := os.Getenv("IVSRT_GOLDEN_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "tests", "golden")
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenDir(), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no golden cases in %s", goldenDir())
	}
	sort.Strings(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var gc goldenCase
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&gc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name+"/invoke", func(t *testing.T) { replay(t, gc, viaInvoke) })
		t.Run(name+"/http", func(t *testing.T) { replay(t, gc, viaHTTP) })
	}
}

func replay(t *testing.T, gc goldenCase, via surface) {
	e := openRaw(t, gc.Options)
	saved := map[string]string{}
	for i, st := range gc.Steps {
		where := fmt.Sprintf("step %d (%s)", i, st.Op)
		req := []byte("{}")
		if len(st.Request) > 0 {
			var v any
			if err := json.Unmarshal(st.Request, &v); err != nil {
				t.Fatalf("%s: request: %v", where, err)
			}
			v, err := substitute(v, saved)
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if req, err = json.Marshal(v); err != nil {
				t.Fatal(err)
			}
		}
		res, err := via(e, st.Op, req)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if st.Error != "" {
			if res.errorType != st.Error {
				t.Fatalf("%s: got error %q body %v, want error %s", where, res.errorType, res.body, st.Error)
			}
			if st.Status != 0 && res.status != st.Status {
				t.Fatalf("%s: status %d, want %d", where, res.status, st.Status)
			}
			continue
		}
		if res.errorType != "" {
			t.Fatalf("%s: failed with %s (HTTP %d), want success", where, res.errorType, res.status)
		}
		checkStep(t, where, st, res.body, saved)
	}
}

func checkStep(t *testing.T, where string, st goldenStep, body any, saved map[string]string) {
	t.Helper()
	for path, want := range st.Expect {
		want, err := substitute(want, saved)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		got, ok := at(body, path)
		if !ok {
			t.Fatalf("%s: no %q in %s", where, path, mustJSON(t, body))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %s = %s, want %s", where, path, mustJSON(t, got), mustJSON(t, want))
		}
	}
	for path, pattern := range st.Match {
		got, ok := at(body, path)
		s, isStr := got.(string)
		if !ok || !isStr {
			t.Fatalf("%s: no string at %q in %s", where, path, mustJSON(t, body))
		}
		if !regexp.MustCompile(pattern).MatchString(s) {
			t.Fatalf("%s: %s = %q does not match %s", where, path, s, pattern)
		}
	}
	for _, path := range st.Absent {
		if got, ok := at(body, path); ok {
			t.Fatalf("%s: %s present (%s), want absent", where, path, mustJSON(t, got))
		}
	}
	for path, n := range st.Length {
		got, ok := at(body, path)
		var l int
		switch c := got.(type) {
		case []any:
			l = len(c)
		case map[string]any:
			l = len(c)
		default:
			ok = false
		}
		if !ok || l != n {
			t.Fatalf("%s: length of %s = %d (found %v), want %d", where, path, l, ok, n)
		}
	}
	for name, path := range st.Save {
		got, ok := at(body, path)
		s, isStr := got.(string)
		if !ok || !isStr {
			t.Fatalf("%s: save %s: no string at %q in %s", where, name, path, mustJSON(t, body))
		}
		saved[name] = s
	}
}

var placeholder = regexp.MustCompile(`\$\{([^}]*)\}`)

// substitute replaces ${name} in every string of v with saved values.
func substitute(v any, saved map[string]string) (any, error) {
	switch c := v.(type) {
	case string:
		var missing error
		out := placeholder.ReplaceAllStringFunc(c, func(m string) string {
			name := m[2 : len(m)-1]
			s, ok := saved[name]
			if !ok {
				missing = fmt.Errorf("${%s} was never saved", name)
			}
			return s
		})
		return out, missing
	case map[string]any:
		out := make(map[string]any, len(c))
		for k, x := range c {
			y, err := substitute(x, saved)
			if err != nil {
				return nil, err
			}
			out[k] = y
		}
		return out, nil
	case []any:
		out := make([]any, len(c))
		for i, x := range c {
			y, err := substitute(x, saved)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return out, nil
	}
	return v, nil
}

// openRaw opens an engine from golden options JSON, mapped onto ivsrt.Options so that the
// public API is what is exercised.
func openRaw(t *testing.T, raw json.RawMessage) *ivsrt.Engine {
	t.Helper()
	var o struct {
		DataDir    string         `json:"data_dir"`
		Region     string         `json:"region"`
		AccountID  string         `json:"account_id"`
		Durability string         `json:"durability"`
		Seed       *int64         `json:"seed"`
		Clock      string         `json:"clock"`
		Quotas     map[string]int `json:"quotas"`
		Strict     bool           `json:"strict"`
	}
	if len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("options: %v", err)
		}
	}
	opts := ivsrt.Options{Region: o.Region, AccountID: o.AccountID, Durability: ivsrt.Durability(o.Durability),
		Seed: o.Seed, Quotas: o.Quotas, Strict: o.Strict}
	if o.DataDir != "" {
		opts.DataDir = filepath.Join(t.TempDir(), o.DataDir)
	}
	if o.Clock != "" && o.Clock != "system" {
		ts, err := time.Parse(time.RFC3339, o.Clock)
		if err != nil {
			t.Fatalf("options.clock: %v", err)
		}
		opts.Clock = ts
	}
	e, err := ivsrt.Open(opts)
	if err != nil {
		t.Fatalf("open %s: %v", raw, err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func viaInvoke(e *ivsrt.Engine, op string, request []byte) (result, error) {
	out, err := e.Invoke(context.Background(), op, request)
	if err != nil {
		var ie *ivsrt.Error
		if !errors.As(err, &ie) {
			return result{}, err
		}
		return result{errorType: ie.Type, status: ie.HTTPStatus}, nil
	}
	var body any
	if err := json.Unmarshal(out, &body); err != nil {
		return result{}, fmt.Errorf("response is not JSON: %v: %s", err, out)
	}
	return result{body: body}, nil
}

// viaHTTP sends AWS operations as the SDKs do (rest-json routes); test-control operations,
// which have no route, and requests a route cannot carry go through Invoke.
func viaHTTP(e *ivsrt.Engine, op string, request []byte) (result, error) {
	req, ok := httpRequest(e.Region(), op, request)
	if !ok {
		return viaInvoke(e, op, request)
	}
	resp, err := e.HTTPClient().Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, err
	}
	var body any
	if err := json.Unmarshal(b, &body); err != nil {
		return result{}, fmt.Errorf("HTTP %d body is not JSON: %v: %s", resp.StatusCode, err, b)
	}
	if resp.StatusCode != http.StatusOK {
		typ := resp.Header.Get("x-amzn-ErrorType")
		if typ == "" {
			return result{}, fmt.Errorf("HTTP %d without x-amzn-ErrorType: %s", resp.StatusCode, b)
		}
		if m, _ := body.(map[string]any); m == nil || m["exceptionMessage"] == nil || m["message"] == nil {
			return result{}, fmt.Errorf("HTTP %d error body lacks exceptionMessage/message: %s", resp.StatusCode, b)
		}
		return result{errorType: typ, status: resp.StatusCode}, nil
	}
	return result{body: body}, nil
}

// httpRequest builds the rest-json request of op, or reports that it has none.
func httpRequest(region, op string, request []byte) (*http.Request, bool) {
	base := "https://ivsrealtime." + region + ".amazonaws.com"
	if strings.HasPrefix(op, "ivsrt:") {
		return nil, false
	}
	switch op {
	case "TagResource", "UntagResource", "ListTagsForResource":
	default:
		req, err := http.NewRequest(http.MethodPost, base+"/"+op, bytes.NewReader(request))
		if err != nil {
			return nil, false
		}
		req.Header.Set("Content-Type", "application/json")
		return req, true
	}
	var m map[string]any
	if json.Unmarshal(request, &m) != nil {
		return nil, false
	}
	arn, ok := m["resourceArn"].(string)
	if !ok || arn == "" {
		return nil, false
	}
	delete(m, "resourceArn")
	target := base + "/tags/" + escapeLabel(arn)
	var req *http.Request
	var err error
	switch op {
	case "ListTagsForResource":
		if len(m) != 0 {
			return nil, false
		}
		req, err = http.NewRequest(http.MethodGet, target, nil)
	case "UntagResource":
		keys, ok := m["tagKeys"].([]any)
		if !ok || len(m) != 1 {
			return nil, false
		}
		q := url.Values{}
		for _, k := range keys {
			s, ok := k.(string)
			if !ok {
				return nil, false
			}
			q.Add("tagKeys", s)
		}
		req, err = http.NewRequest(http.MethodDelete, target+"?"+q.Encode(), nil)
	case "TagResource":
		body, _ := json.Marshal(m)
		req, err = http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	return req, err == nil
}

// escapeLabel percent-encodes a URI label as the AWS SDKs do (all but unreserved bytes).
func escapeLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
