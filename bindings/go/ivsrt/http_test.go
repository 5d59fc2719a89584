package ivsrt_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// do sends one request through the engine's in-process HTTP client, as plain net/http.
func do(t *testing.T, c *http.Client, method, target, body string) (*http.Response, obj) {
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
		t.Fatalf("%s %s: body %q is not a JSON object", method, target, raw)
	}
	return resp, m
}

func TestHTTPWireFormat(t *testing.T) {
	e := ivsrttest.New(t)
	c := &http.Client{Transport: e.HTTPClient()} // also an http.RoundTripper
	const host = "https://ivsrealtime.us-east-1.amazonaws.com"

	resp, body := do(t, c, "POST", host+"/CreateStage", `{"name":"wire","tags":{"k":"v"}}`)
	if resp.StatusCode != 200 || resp.Header.Get("x-amzn-RequestId") == "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("CreateStage: %d %v", resp.StatusCode, resp.Header)
	}
	arn := str(t, body, "stage.arn")

	resp, body = do(t, c, "POST", host+"/GetStage", `{"arn":"nope"}`)
	if resp.StatusCode != 400 || resp.Header.Get("x-amzn-ErrorType") != "ValidationException" {
		t.Fatalf("GetStage nope: %d %v", resp.StatusCode, resp.Header)
	}
	if m, _ := body["exceptionMessage"].(string); m == "" || body["message"] != m {
		t.Fatalf("error body %v", body)
	}

	resp, _ = do(t, c, "POST", host+"/GetStage", `{"arn":"`+strings.Replace(arn, "us-east-1", "us-west-2", 1)+`"}`)
	if resp.StatusCode != 404 || resp.Header.Get("x-amzn-ErrorType") != "ResourceNotFoundException" {
		t.Fatalf("GetStage elsewhere: %d %v", resp.StatusCode, resp.Header)
	}

	tags := host + "/tags/" + url.PathEscape(arn)
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
	resp, _ = do(t, c, "POST", host+"/ivsrt:Reset", `{}`)
	if resp.StatusCode == 200 {
		t.Fatal("ivsrt:Reset answered over HTTP")
	}
	if _, body := do(t, c, "POST", host+"/ListStages", `{}`); len(body["stages"].([]any)) != 1 {
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
		req, err := http.NewRequest("POST", "https://ivsrealtime.us-east-1.amazonaws.com/CreateStage",
			strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
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
