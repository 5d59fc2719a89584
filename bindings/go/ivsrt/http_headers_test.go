package ivsrt

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Do passes ivsrt_http only the Host and Authorization lines (appendHeaderLines). This holds
// the engine to it: each request, sent once by Do and once with every header an SDK sends
// straight to ivsrt_http, gets the same answer from two engines in the same state.
func TestHTTPAnswersDependOnlyOnHostAndAuthorization(t *testing.T) {
	open := func() *Engine {
		e, err := Open(Options{Durability: DurabilityNoSync, Seed: Int64(7),
			Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		return e
	}
	pruned, full := open(), open()
	const signed = "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/ivs/aws4_request, " +
		"SignedHeaders=content-type;host;x-amz-date, Signature=00"
	cases := []struct{ host, auth, method, target, body string }{
		{"ivsrealtime.us-east-1.amazonaws.com", signed, "POST", "/CreateStage", `{"name":"a","tags":{"k":"v"}}`},
		{"ivsrealtime.us-east-1.amazonaws.com", signed, "POST", "/ListStages", `{}`},
		{"ivsrealtime.us-east-1.amazonaws.com", signed, "POST", "/GetStage", `{"arn":"nope"}`},
		{"ivsrealtime.ap-south-1.amazonaws.com", "", "POST", "/CreateStage", `{}`},
		{"ivsrealtime.ap-south-1.amazonaws.com", "AWS4-HMAC-SHA256 Signature=00", "POST", "/ListStages", `{}`},
		{"localhost", "AWS4-HMAC-SHA256 Credential=AKID/eu-west-1, Signature=00", "POST", "/ListStages", `{}`},
		{"localhost", "", "GET", "/tags/arn%3Aaws%3Aivs%3Aus-east-1%3A123456789012%3Astage%2Fnone", ""},
	}
	for _, c := range cases {
		req, err := http.NewRequest(c.method, "https://"+c.host+c.target, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = int64(len(c.body))
		sdk := map[string]string{
			"Amz-Sdk-Invocation-Id": "36d51578-28bb-42e6-8a6c-a55e2799ad74",
			"Amz-Sdk-Request":       "attempt=1; max=1",
			"Content-Type":          "application/json",
			"User-Agent":            "aws-sdk-go-v2/1.39.0 ua/2.1 os/linux lang/go#1.26.8 api/ivsrealtime#1.30.0",
			"X-Amz-Date":            "20260101T000000Z",
		}
		if c.auth != "" {
			sdk["Authorization"] = c.auth
		}
		lines := "Host: " + c.host + "\r\nContent-Length: " + strconv.Itoa(len(c.body)) + "\r\n"
		for name, value := range sdk {
			req.Header.Set(name, value)
			lines += name + ": " + value + "\r\n"
		}
		resp, err := pruned.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		want, err := full.httpCall(c.method, c.target, []byte(lines), []byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		wantHeader, err := responseHeader(want.Headers, len(want.Body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Header.Del("X-Amzn-Requestid")
		wantHeader.Del("X-Amzn-Requestid")
		if resp.StatusCode != want.Status || string(body) != string(want.Body) ||
			!sameHeader(resp.Header, wantHeader) {
			t.Fatalf("%s %s (Host %s, Authorization %q):\nDo:        %d %v %s\nall lines: %d %v %s",
				c.method, c.target, c.host, c.auth, resp.StatusCode, resp.Header, body,
				want.Status, wantHeader, want.Body)
		}
	}
}

func sameHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\n") != strings.Join(b[k], "\n") {
			return false
		}
	}
	return true
}
