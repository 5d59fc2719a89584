package ivsrt_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// doer is an *http.Client or the engine's *HTTPClient.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

// endpoint is the AWS endpoint of the engine's region.
const endpoint = "https://ivsrealtime.us-east-1.amazonaws.com"

// do sends one request through the engine's in-process HTTP client, as plain net/http.
func do(t *testing.T, c doer, method, target, body string) (*http.Response, obj) {
	t.Helper()
	return send(t, c, newRequest(t, method, target, body))
}

// newRequest is a JSON request; an empty body is none.
func newRequest(t *testing.T, method, target, body string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, target, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

// send sends req and decodes the response body, a JSON object.
func send(t *testing.T, c doer, req *http.Request) (*http.Response, obj) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var m obj
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s %s: body %q is not a JSON object", req.Method, req.URL, raw)
	}
	return resp, m
}

func TestHTTPWireFormat(t *testing.T) {
	e := ivsrttest.New(t)
	c := &http.Client{Transport: e.HTTPClient()} // also an http.RoundTripper

	resp, body := do(t, c, "POST", endpoint+"/CreateStage", `{"name":"wire","tags":{"k":"v"}}`)
	if resp.StatusCode != 200 || resp.Header.Get("x-amzn-RequestId") == "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("CreateStage: %d %v", resp.StatusCode, resp.Header)
	}
	arn := str(t, body, "stage.arn")

	resp, body = do(t, c, "POST", endpoint+"/GetStage", `{"arn":"nope"}`)
	if resp.StatusCode != 400 || resp.Header.Get("x-amzn-ErrorType") != "ValidationException" {
		t.Fatalf("GetStage nope: %d %v", resp.StatusCode, resp.Header)
	}
	if m, _ := body["exceptionMessage"].(string); m == "" || body["message"] != m {
		t.Fatalf("error body %v", body)
	}

	resp, _ = do(t, c, "POST", endpoint+"/GetStage", `{"arn":"`+strings.Replace(arn, "us-east-1", "us-west-2", 1)+`"}`)
	if resp.StatusCode != 404 || resp.Header.Get("x-amzn-ErrorType") != "ResourceNotFoundException" {
		t.Fatalf("GetStage elsewhere: %d %v", resp.StatusCode, resp.Header)
	}

	tags := endpoint + "/tags/" + url.PathEscape(arn)
	if resp, _ := do(t, c, "POST", tags, `{"tags":{"x":"y"}}`); resp.StatusCode != 200 {
		t.Fatalf("TagResource: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "DELETE", tags+"?tagKeys=k", ""); resp.StatusCode != 200 {
		t.Fatalf("UntagResource: %d", resp.StatusCode)
	}
	resp, body = do(t, c, "GET", tags, "")
	if resp.StatusCode != 200 || len(body["tags"].(obj)) != 1 || str(t, body, "tags.x") != "y" {
		t.Fatalf("ListTagsForResource: %d %v", resp.StatusCode, body)
	}

	// Without a signature the region comes from the Host.
	_, body = do(t, c, "POST", "https://ivsrealtime.ap-south-1.amazonaws.com/CreateStage", `{}`)
	if a := str(t, body, "stage.arn"); !regexp.MustCompile(`^arn:aws:ivs:ap-south-1:`).MatchString(a) {
		t.Fatalf("ARN %q not in ap-south-1", a)
	}

	// Test-control operations are not reachable over HTTP.
	resp, _ = do(t, c, "POST", endpoint+"/ivsrt:Reset", `{}`)
	if resp.StatusCode == 200 {
		t.Fatal("ivsrt:Reset answered over HTTP")
	}
	if _, body := do(t, c, "POST", endpoint+"/ListStages", `{}`); len(body["stages"].([]any)) != 1 {
		t.Fatalf("stages after HTTP Reset attempt: %v", body)
	}
}

// The body is read whole whatever Content-Length says: a shorter or a longer declared
// length reads what was sent, as net/http's client sends it.
func TestHTTPBodyReadWhateverContentLengthSays(t *testing.T) {
	e := ivsrttest.New(t)
	client := e.HTTPClient()
	const body = `{"name":"declared"}`
	for _, declared := range []int64{-1, 0, 5, int64(len(body)), 100} {
		req := newRequest(t, "POST", endpoint+"/CreateStage", body)
		req.ContentLength = declared
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		var m obj
		if resp.StatusCode != 200 || json.Unmarshal(raw, &m) != nil ||
			str(t, m, "stage.name") != "declared" {
			t.Fatalf("Content-Length %d: %d %s", declared, resp.StatusCode, raw)
		}
	}
}

// Only Host and Authorization reach the engine; an Authorization header in any spelling
// still decides the region, before the Host, as on the wire.
func TestHTTPRegionFromAuthorizationInAnySpelling(t *testing.T) {
	e := ivsrttest.New(t)
	c := e.HTTPClient()
	req := newRequest(t, "POST", endpoint+"/CreateStage", `{}`)
	req.Header["authorization"] = []string{"AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-central-1/ivs/aws4_request, SignedHeaders=host, Signature=00"}
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("User-Agent", "test")
	_, body := send(t, c, req)
	if a := str(t, body, "stage.arn"); !strings.HasPrefix(a, "arn:aws:ivs:eu-central-1:") {
		t.Fatalf("ARN %q not in the signed region eu-central-1", a)
	}

	req = newRequest(t, "POST", endpoint+"/CreateStage", `{}`)
	req.Header["AUTHORIZATION"] = []string{"AWS4-HMAC-SHA256 Credential=AKID/eu-central-1, Signature=00"}
	resp, _ := send(t, c, req)
	if resp.StatusCode != 403 || resp.Header.Get("x-amzn-ErrorType") != "IncompleteSignatureException" {
		t.Fatalf("malformed scope: %d %v", resp.StatusCode, resp.Header)
	}
}

// A header that cannot be written as one "Name: value" line fails the request, whichever
// header it is, as net/http's transport refuses it.
func TestHTTPRefusesHeadersThatAreNotOneLine(t *testing.T) {
	c := ivsrttest.New(t).HTTPClient()
	for name, value := range map[string]string{
		"X-Injected": "a\r\nAuthorization: AWS4-HMAC-SHA256 Credential=A/D/eu-west-1/ivs/aws4_request",
		"X-Bad:Name": "v",
		"User-Agent": "line\nbreak",
	} {
		req := newRequest(t, "POST", endpoint+"/ListStages", `{}`)
		req.Header[name] = []string{value}
		if resp, err := c.Do(req); err == nil || !strings.Contains(err.Error(), "invalid request header") {
			t.Fatalf("%q: %v, %v", name, resp, err)
		}
	}
}

// The response's headers are independent values: adding to one leaves the others alone.
func TestHTTPResponseHeaders(t *testing.T) {
	c := ivsrttest.New(t).HTTPClient()
	resp, err := c.Do(newRequest(t, "POST", endpoint+"/GetStage", `{"arn":"nope"}`))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	h := resp.Header
	if h.Get("Content-Length") != strconv.Itoa(len(raw)) || resp.ContentLength != int64(len(raw)) {
		t.Fatalf("Content-Length %q, ContentLength %d, body %d bytes", h.Get("Content-Length"),
			resp.ContentLength, len(raw))
	}
	id := h.Get("X-Amzn-Requestid")
	for _, key := range []string{"Content-Type", "X-Amzn-Requestid", "X-Amzn-Errortype"} {
		if len(h[key]) != 1 {
			t.Fatalf("%s: %q", key, h[key])
		}
		h.Add(key, "added")
	}
	if h.Get("X-Amzn-Requestid") != id || h.Get("X-Amzn-Errortype") != "ValidationException" ||
		h.Get("Content-Length") != strconv.Itoa(len(raw)) || len(h["Content-Type"]) != 2 {
		t.Fatalf("headers after Add: %v", h)
	}
}

// Requests at once, and a body larger than the client's reusable buffers, each get their
// own answer.
func TestHTTPConcurrentAndLargeRequests(t *testing.T) {
	e := ivsrttest.New(t)
	c := e.HTTPClient()
	big := strings.Repeat("x", 100<<10)
	if resp, _ := send(t, c, newRequest(t, "POST", endpoint+"/CreateStage", `{"name":"`+big+`"}`)); resp.StatusCode != 400 {
		t.Fatalf("100 KiB name: %d", resp.StatusCode)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				name := fmt.Sprintf("g%d-%d", g, i)
				req, err := http.NewRequest("POST", endpoint+"/CreateStage",
					strings.NewReader(`{"name":"`+name+`"}`))
				if err != nil {
					t.Error(err)
					return
				}
				resp, err := c.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				var m struct{ Stage struct{ Name string } }
				if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m.Stage.Name != name {
					t.Errorf("%s: %+v, %v", name, m, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
