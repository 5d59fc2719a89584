package ivsrt_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The core package needs no AWS module: only ivsrtaws imports the SDK.
func TestCorePackageImportsNoAWSModule(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "../ivsrttest").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable: %v: %s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/aws/") {
			t.Fatalf("the ivsrt package depends on %s", dep)
		}
	}
}
