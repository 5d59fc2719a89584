// Package golden replays the golden cases of tests/golden (format in its README) through the
// surfaces of this binding: Invoke and HTTP here, the aws-sdk-go-v2 client in ivsrtaws' tests.
// Every surface is held to the same expectations as the C ABI and Python replays, so that all
// surfaces agree. It is for tests only.
package golden

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
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// Case is one golden file.
type Case struct {
	Options json.RawMessage `json:"options"`
	Steps   []Step          `json:"steps"`
}

// Step is one call of a case and what its answer must be.
type Step struct {
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

// Result is one step's outcome on some surface.
type Result struct {
	Body      any    // the success body, as encoding/json decodes JSON into an any
	ErrorType string // the AWS error type of a failure
	Status    int    // the HTTP status of a failure
}

// Call answers step st, whose request, placeholders substituted, is request. An error is a
// failure of the surface itself, not an answer of the engine.
type Call func(st Step, request []byte) (Result, error)

// Surface makes the Call that replays one case on e; t is that case's test.
type Surface func(t *testing.T, e *ivsrt.Engine) Call

// Dir is where the cases are: $IVSRT_GOLDEN_DIR, else tests/golden of this repository (seen
// from a package directory of the module, where go test runs).
func Dir() string {
	if d := os.Getenv("IVSRT_GOLDEN_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "tests", "golden")
}

// Run replays every case of Dir through surface, each as the subtest "<case>/<name>".
func Run(t *testing.T, name string, surface Surface) {
	files, err := filepath.Glob(filepath.Join(Dir(), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no golden cases in %s", Dir())
	}
	sort.Strings(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		gc, err := Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json")+"/"+name, func(t *testing.T) { Replay(t, gc, surface) })
	}
}

// Parse reads one case, refusing members the format does not have.
func Parse(raw []byte) (Case, error) {
	var gc Case
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&gc)
	return gc, err
}

// Replay runs the steps of gc in order on a fresh engine, through surface.
func Replay(t *testing.T, gc Case, surface Surface) {
	e := Open(t, gc.Options)
	call := surface(t, e)
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
		res, err := call(st, req)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if st.Error != "" {
			if res.ErrorType != st.Error {
				t.Fatalf("%s: got error %q body %v, want error %s", where, res.ErrorType, res.Body, st.Error)
			}
			if st.Status != 0 && res.Status != st.Status {
				t.Fatalf("%s: status %d, want %d", where, res.Status, st.Status)
			}
			continue
		}
		if res.ErrorType != "" {
			t.Fatalf("%s: failed with %s (HTTP %d), want success", where, res.ErrorType, res.Status)
		}
		check(t, where, st, res.Body, saved)
	}
}

func check(t *testing.T, where string, st Step, body any, saved map[string]string) {
	t.Helper()
	for path, want := range st.Expect {
		want, err := substitute(want, saved)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		got, ok := At(body, path)
		if !ok {
			t.Fatalf("%s: no %q in %s", where, path, show(body))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %s = %s, want %s", where, path, show(got), show(want))
		}
	}
	for path, pattern := range st.Match {
		got, ok := At(body, path)
		s, isStr := got.(string)
		if !ok || !isStr {
			t.Fatalf("%s: no string at %q in %s", where, path, show(body))
		}
		if !regexp.MustCompile(pattern).MatchString(s) {
			t.Fatalf("%s: %s = %q does not match %s", where, path, s, pattern)
		}
	}
	for _, path := range st.Absent {
		if got, ok := At(body, path); ok {
			t.Fatalf("%s: %s present (%s), want absent", where, path, show(got))
		}
	}
	for path, n := range st.Length {
		got, ok := At(body, path)
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
		got, ok := At(body, path)
		s, isStr := got.(string)
		if !ok || !isStr {
			t.Fatalf("%s: save %s: no string at %q in %s", where, name, path, show(body))
		}
		saved[name] = s
	}
}

// At returns the value at a dotted path ("stage.tags.k", "participantTokens.0.token").
func At(v any, path string) (any, bool) {
	for _, seg := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[seg]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// show is v as JSON, for messages (v came from JSON, so it has a JSON form).
func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
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

// Open opens an engine from golden options JSON, mapped onto ivsrt.Options so that the
// public API is what is exercised; it is closed when t ends.
func Open(t *testing.T, raw json.RawMessage) *ivsrt.Engine {
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
		EndDelay   *int64         `json:"session_end_delay_seconds"`
	}
	if len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("options: %v", err)
		}
	}
	opts := ivsrt.Options{Region: o.Region, AccountID: o.AccountID, Durability: ivsrt.Durability(o.Durability),
		Seed: o.Seed, Quotas: o.Quotas, Strict: o.Strict, SessionEndDelaySeconds: o.EndDelay}
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

// Invoke is the surface of Engine.Invoke: every operation, test control included.
func Invoke(_ *testing.T, e *ivsrt.Engine) Call {
	return func(st Step, request []byte) (Result, error) { return viaInvoke(e, st.Op, request) }
}

// HTTP is the surface of the in-process HTTP client: AWS operations as the SDKs send them
// (rest-json routes); test-control operations, which have no route, and requests a route
// cannot carry go through Invoke.
func HTTP(_ *testing.T, e *ivsrt.Engine) Call {
	return func(st Step, request []byte) (Result, error) { return viaHTTP(e, st.Op, request) }
}

func viaInvoke(e *ivsrt.Engine, op string, request []byte) (Result, error) {
	out, err := e.Invoke(context.Background(), op, request)
	if err != nil {
		var ie *ivsrt.Error
		if !errors.As(err, &ie) {
			return Result{}, err
		}
		return Result{ErrorType: ie.Type, Status: ie.HTTPStatus}, nil
	}
	var body any
	if err := json.Unmarshal(out, &body); err != nil {
		return Result{}, fmt.Errorf("response is not JSON: %v: %s", err, out)
	}
	return Result{Body: body}, nil
}

func viaHTTP(e *ivsrt.Engine, op string, request []byte) (Result, error) {
	req, ok := httpRequest(e.Region(), op, request)
	if !ok {
		return viaInvoke(e, op, request)
	}
	resp, err := e.HTTPClient().Do(req)
	if err != nil {
		return Result{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Result{}, err
	}
	if resp.StatusCode == http.StatusOK {
		if b, err = WithHeaderMembers(b, resp.Header); err != nil {
			return Result{}, err
		}
	}
	var body any
	if err := json.Unmarshal(b, &body); err != nil {
		return Result{}, fmt.Errorf("HTTP %d body is not JSON: %v: %s", resp.StatusCode, err, b)
	}
	if resp.StatusCode != http.StatusOK {
		typ := resp.Header.Get("x-amzn-ErrorType")
		if typ == "" {
			return Result{}, fmt.Errorf("HTTP %d without x-amzn-ErrorType: %s", resp.StatusCode, b)
		}
		if m, _ := body.(map[string]any); m == nil || m["exceptionMessage"] == nil || m["message"] == nil {
			return Result{}, fmt.Errorf("HTTP %d error body lacks exceptionMessage/message: %s", resp.StatusCode, b)
		}
		return Result{ErrorType: typ, Status: resp.StatusCode}, nil
	}
	return Result{Body: body}, nil
}

// outputHeaders are the response headers the model binds to output members, by the members'
// names: StartParticipantReplication's and StopParticipantReplication's (the same seven; no
// other output has header members).
var outputHeaders = map[string]string{
	"Access-Control-Allow-Origin":   "accessControlAllowOrigin",
	"Access-Control-Expose-Headers": "accessControlExposeHeaders",
	"Cache-Control":                 "cacheControl",
	"Content-Security-Policy":       "contentSecurityPolicy",
	"Strict-Transport-Security":     "strictTransportSecurity",
	"X-Content-Type-Options":        "xContentTypeOptions",
	"X-Frame-Options":               "xFrameOptions",
}

// WithHeaderMembers is a success body with the output members bound to headers that h
// carries added, as an SDK reads a response: what the other surfaces answer.
func WithHeaderMembers(body []byte, h http.Header) ([]byte, error) {
	members := map[string]any{}
	for header, member := range outputHeaders {
		if v := h.Values(header); len(v) > 0 {
			members[member] = v[0]
		}
	}
	if len(members) == 0 {
		return body, nil
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("a body with header members is not a JSON object: %v: %s", err, body)
	}
	for k, v := range members {
		m[k] = v
	}
	return json.Marshal(m)
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
