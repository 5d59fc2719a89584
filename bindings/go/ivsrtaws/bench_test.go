package ivsrtaws_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// The whole SDK path (serialize, sign, in-process HTTP, deserialize); never asserted.
func BenchmarkSDKGetStage(b *testing.B) {
	e := ivsrttest.NewWithOptions(b, ivsrt.Options{Durability: ivsrt.DurabilityNoSync})
	c := ivsrtaws.NewClient(e)
	out, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{})
	if err != nil {
		b.Fatal(err)
	}
	in := &ivsrealtime.GetStageInput{Arn: out.Stage.Arn}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.GetStage(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
