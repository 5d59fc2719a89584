package ivsrt_test

import (
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/internal/golden"
)

// The golden cases of tests/golden, replayed through Invoke and, for the AWS operations,
// through the in-process HTTP client as an SDK would send them (the aws-sdk-go-v2 replay is
// in ivsrtaws), so that this binding agrees with the C ABI and Python replays.
func TestGolden(t *testing.T) {
	golden.Run(t, "invoke", golden.Invoke)
	golden.Run(t, "http", golden.HTTP)
}
