package ivsrt_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

func TestVersion(t *testing.T) {
	if v := ivsrt.Version(); !regexp.MustCompile(`^0\.\d+\.\d+$`).MatchString(v) {
		t.Fatalf("Version() = %q", v)
	}
}

func TestCallsAfterCloseReturnErrClosed(t *testing.T) {
	ctx := context.Background()
	e, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Invoke(ctx, "ListStages", nil); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("second Close = %v", err)
	}
	if _, err := e.Invoke(ctx, "ListStages", nil); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("Invoke after Close = %v", err)
	}
	if _, err := e.VerifyParticipantToken(ctx, "x"); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("VerifyParticipantToken after Close = %v", err)
	}
	if err := e.Reset(ctx); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("Reset after Close = %v", err)
	}
	req, _ := http.NewRequest("POST", "https://ivsrealtime.us-east-1.amazonaws.com/ListStages", strings.NewReader("{}"))
	if _, err := e.HTTPClient().Do(req); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("HTTP after Close = %v", err)
	}
}

func TestInvokeHonoursCancelledContext(t *testing.T) {
	e := ivsrttest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Invoke(ctx, "CreateStage", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Invoke with cancelled context = %v", err)
	}
	if n := len(invoke(t, e, "ListStages", obj{})["stages"].([]any)); n != 0 {
		t.Fatalf("a cancelled call created %d stages", n)
	}
}

func TestErrorValues(t *testing.T) {
	e := ivsrttest.New(t)
	_, err := e.Invoke(context.Background(), "GetStage", []byte(`{"arn":"nope"}`))
	var ie *ivsrt.Error
	if !errors.As(err, &ie) {
		t.Fatalf("%v is not an *ivsrt.Error", err)
	}
	if ie.Type != "ValidationException" || ie.HTTPStatus != 400 || ie.Code != ivsrt.CodeValidation {
		t.Fatalf("%+v", ie)
	}
	if !errors.Is(err, ivsrt.ErrValidation) || errors.Is(err, ivsrt.ErrNotFound) || errors.Is(err, ivsrt.ErrClosed) {
		t.Fatal("sentinel matching is wrong")
	}
	wrapped := fmt.Errorf("context: %w", err)
	if !errors.Is(wrapped, ivsrt.ErrValidation) || !errors.As(wrapped, &ie) {
		t.Fatal("wrapped error lost its identity")
	}
	if !strings.Contains(err.Error(), "ValidationException") {
		t.Fatalf("Error() = %q", err.Error())
	}

	_, err = e.Invoke(context.Background(), "NoSuchOperation", nil)
	if !errors.Is(err, ivsrt.ErrUnknownOperation) || !errors.As(err, &ie) || ie.Type != "UnknownOperationException" {
		t.Fatalf("unknown operation: %v", err)
	}
	_, err = e.Invoke(context.Background(), "CreateStage", []byte(`{not json`))
	if !errors.Is(err, ivsrt.ErrValidation) {
		t.Fatalf("malformed JSON: %v", err)
	}
}

// Many goroutines share one engine; every stage they create is there at the end.
func TestConcurrentInvoke(t *testing.T) {
	e := ivsrttest.New(t)
	const workers, each = 16, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				out, err := tryInvoke(e, "CreateStage", obj{"name": fmt.Sprintf("w%d-%d", w, i)})
				if err != nil {
					errs <- err
					return
				}
				arn, _ := at(out, "stage.arn")
				if _, err := tryInvoke(e, "TagResource", obj{"resourceArn": arn, "tags": obj{"w": fmt.Sprint(w)}}); err != nil {
					errs <- err
					return
				}
				got, err := tryInvoke(e, "GetStage", obj{"arn": arn})
				if err != nil {
					errs <- err
					return
				}
				if v, _ := at(got, "stage.tags.w"); v != fmt.Sprint(w) {
					errs <- fmt.Errorf("GetStage tags = %v", got)
					return
				}
				if _, err := tryInvoke(e, "GetStage", obj{"arn": "nope"}); !errors.Is(err, ivsrt.ErrValidation) {
					errs <- fmt.Errorf("malformed GetStage = %v", err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	total := 0
	req := obj{"maxResults": 100}
	for {
		out := invoke(t, e, "ListStages", req)
		total += len(out["stages"].([]any))
		tok, ok := out["nextToken"].(string)
		if !ok {
			break
		}
		req = obj{"maxResults": 100, "nextToken": tok}
	}
	if total != workers*each {
		t.Fatalf("%d stages, want %d", total, workers*each)
	}
}

// Close racing with calls: each call either completes or returns ErrClosed.
func TestCloseWhileBusy(t *testing.T) {
	e, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const workers = 8
	var done, warm sync.WaitGroup
	failures := make(chan error, workers)
	for w := 0; w < workers; w++ {
		done.Add(1)
		warm.Add(1)
		go func() {
			defer done.Done()
			for i := 0; ; i++ {
				_, err := e.Invoke(context.Background(), "CreateStage", []byte(`{}`))
				if i == 0 {
					warm.Done()
				}
				if errors.Is(err, ivsrt.ErrClosed) {
					return
				}
				if err != nil {
					failures <- err
					return
				}
			}
		}()
	}
	warm.Wait() // every worker is calling in a loop now
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	done.Wait()
	close(failures)
	for err := range failures {
		t.Fatal(err)
	}
}
