package ivsrt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// Measured with `go test -run '^$' -bench . ./...`; never asserted.

// benchStage opens a nosync engine with one stage and returns it and the stage's GetStage
// request.
func benchStage(b *testing.B) (*ivsrt.Engine, []byte) {
	e := ivsrttest.NewWithOptions(b, ivsrt.Options{Durability: ivsrt.DurabilityNoSync})
	out, err := e.Invoke(context.Background(), "CreateStage", []byte(`{"name":"bench"}`))
	if err != nil {
		b.Fatal(err)
	}
	var created struct{ Stage struct{ Arn string } }
	if err := json.Unmarshal(out, &created); err != nil {
		b.Fatal(err)
	}
	req, _ := json.Marshal(map[string]string{"arn": created.Stage.Arn})
	return e, req
}

func BenchmarkInvokeGetStage(b *testing.B) {
	e, req := benchStage(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Invoke(context.Background(), "GetStage", req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInvokeCreateStageParallel(b *testing.B) {
	e := ivsrttest.NewWithOptions(b, ivsrt.Options{Durability: ivsrt.DurabilityNoSync, Quotas: map[string]int{"stages": 1 << 30}})
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.Invoke(context.Background(), "CreateStage", []byte(`{}`)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// The in-process HTTP client alone, on a request shaped like aws-sdk-go-v2's GetStage.
func BenchmarkHTTPClientDoGetStage(b *testing.B) {
	e, body := benchStage(b)
	req, err := http.NewRequest("POST", "https://ivsrealtime.us-east-1.amazonaws.com/GetStage", nil)
	if err != nil {
		b.Fatal(err)
	}
	for name, value := range map[string]string{
		"Amz-Sdk-Invocation-Id": "36d51578-28bb-42e6-8a6c-a55e2799ad74",
		"Amz-Sdk-Request":       "attempt=1; max=1",
		"Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIVSRTEXAMPLE0000/20261130/us-east-1/ivs/aws4_request, " +
			"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date, " +
			"Signature=49e793f8e4f958c87e025cb4c2f6051419a62b3308bdb012aeb78c3d5f85d5c2",
		"Content-Type": "application/json",
		"User-Agent":   "aws-sdk-go-v2/1.39.0 ua/2.1 os/linux lang/go#1.26.8 api/ivsrealtime#1.30.0",
		"X-Amz-Date":   "20261130T062054Z",
	} {
		req.Header.Set(name, value)
	}
	req.ContentLength = int64(len(body))
	c := e.HTTPClient()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req.Body = io.NopCloser(bytes.NewReader(body))
		resp, err := c.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatal(resp, err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
	}
}
