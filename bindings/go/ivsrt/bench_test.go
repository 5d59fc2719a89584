package ivsrt_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// Measured with `go test -run '^$' -bench . ./...`; never asserted.

func BenchmarkInvokeGetStage(b *testing.B) {
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
