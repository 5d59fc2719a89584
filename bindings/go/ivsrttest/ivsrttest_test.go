package ivsrttest_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

func TestNewIsFreshAndClosedAtCleanup(t *testing.T) {
	var kept *ivsrt.Engine
	t.Run("inner", func(t *testing.T) {
		e := ivsrttest.New(t)
		if _, err := e.Invoke(context.Background(), "CreateStage", []byte(`{"name":"a"}`)); err != nil {
			t.Fatal(err)
		}
		kept = e
	})
	if _, err := kept.Invoke(context.Background(), "ListStages", nil); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("engine still open after its test: %v", err)
	}
	out, err := ivsrttest.New(t).Invoke(context.Background(), "ListStages", nil)
	var list struct{ Stages []any }
	if err != nil || json.Unmarshal(out, &list) != nil || len(list.Stages) != 0 {
		t.Fatalf("fresh engine lists %s, %v", out, err)
	}
}
