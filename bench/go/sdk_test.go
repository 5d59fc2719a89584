// Package bench measures aws-sdk-go-v2's ivsrealtime client answered by an ivsrt engine
// in-process against the same client answered by a canned-response HTTP client (the cost
// of the SDK itself, the floor for any in-process emulator), and the Go Invoke API alone.
//
//	go test -run '^$' -bench . -count 5
//
// The library is found as for the bindings (CGO_LDFLAGS / LD_LIBRARY_PATH; see
// tools/bench.sh).
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
)

const page = 100

// cannedClient answers every request with the body recorded for its path, status 200.
type cannedClient struct{ bodies map[string][]byte }

func (c *cannedClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	body, ok := c.bodies[req.URL.Path]
	if !ok {
		return nil, fmt.Errorf("no canned response for %s", req.URL.Path)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Amzn-Requestid", "00000000-0000-4000-8000-000000000000")
	return &http.Response{
		Status: "200 OK", StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		Request: req,
	}, nil
}

type fixture struct {
	engine *ivsrt.Engine
	arn    string
	sdk    map[string]*ivsrealtime.Client // "engine", "floor"
}

var shared *fixture

func setup(b *testing.B) *fixture {
	if shared != nil {
		return shared
	}
	ctx := context.Background()
	e, err := ivsrt.Open(ivsrt.Options{Durability: ivsrt.DurabilityNoSync, Seed: ivsrt.Int64(1),
		Quotas: map[string]int{"stages": 4000000}})
	if err != nil {
		b.Fatal(err)
	}
	client := ivsrtaws.NewClient(e)
	var arn string
	for i := 0; i < page; i++ {
		out, err := client.CreateStage(ctx, &ivsrealtime.CreateStageInput{
			Name: aws.String(fmt.Sprintf("bench-%d", i)), Tags: map[string]string{"suite": "bench"}})
		if err != nil {
			b.Fatal(err)
		}
		if arn == "" {
			arn = *out.Stage.Arn
		}
	}
	bodies := map[string][]byte{}
	record := func(op, req string) {
		resp, err := e.Invoke(ctx, op, []byte(req))
		if err != nil {
			b.Fatal(err)
		}
		bodies["/"+op] = resp
	}
	record("GetStage", `{"arn":"`+arn+`"}`)
	record("CreateStage", `{"name":"canned","tags":{"suite":"bench"}}`)
	record("ListStages", `{"maxResults":100}`)
	floorOpts := ivsrtaws.Options(e)
	floorOpts.HTTPClient = &cannedClient{bodies: bodies}
	shared = &fixture{engine: e, arn: arn, sdk: map[string]*ivsrealtime.Client{
		"engine": client,
		"floor":  ivsrealtime.New(floorOpts),
	}}
	return shared
}

var counter atomic.Int64

// Each operation runs against the engine and then the floor right after it, so that a
// change in the machine's load between the two is as small as it can be.
func BenchmarkSDK(b *testing.B) {
	f := setup(b)
	ctx := context.Background()
	impls := []string{"engine", "floor"}
	for _, impl := range impls {
		c := f.sdk[impl]
		b.Run("GetStage/"+impl, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: &f.arn}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, impl := range impls {
		c := f.sdk[impl]
		b.Run("CreateStage/"+impl, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				name := "s" + strconv.FormatInt(counter.Add(1), 10)
				if _, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
					Name: &name, Tags: map[string]string{"suite": "bench"}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, impl := range impls {
		c := f.sdk[impl]
		b.Run("ListStages100/"+impl, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				out, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(page)})
				if err != nil || len(out.Stages) != page {
					b.Fatal(err, len(out.Stages))
				}
			}
		})
	}
}

func BenchmarkInvoke(b *testing.B) {
	f := setup(b)
	ctx := context.Background()
	body := []byte(`{"arn":"` + f.arn + `"}`)
	b.Run("GetStage", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := f.engine.Invoke(ctx, "GetStage", body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CreateStage", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			req := `{"name":"i` + strconv.FormatInt(counter.Add(1), 10) + `","tags":{"suite":"bench"}}`
			if _, err := f.engine.Invoke(ctx, "CreateStage", []byte(req)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListStages100", func(b *testing.B) {
		req := []byte(`{"maxResults":100}`)
		for i := 0; i < b.N; i++ {
			out, err := f.engine.Invoke(ctx, "ListStages", req)
			if err != nil || !strings.Contains(string(out), "nextToken") {
				b.Fatal(err)
			}
		}
	})
}
