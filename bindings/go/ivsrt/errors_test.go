package ivsrt_test

import (
	"errors"
	"testing"

	"github.com/ivsrt/ivsrt/bindings/go/internal/capi"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// Each code is the header's frozen number, and its sentinel is named after the library's type
// name for it; the library defines no code without a sentinel.
func TestCodesAndSentinelsAreTheLibrarysErrorTable(t *testing.T) {
	sentinels := []struct {
		code   ivsrt.Code
		frozen int
		err    error
	}{
		{ivsrt.CodeValidation, 1, ivsrt.ErrValidation},
		{ivsrt.CodeAccessDenied, 2, ivsrt.ErrAccessDenied},
		{ivsrt.CodePendingVerification, 3, ivsrt.ErrPendingVerification},
		{ivsrt.CodeNotFound, 4, ivsrt.ErrNotFound},
		{ivsrt.CodeConflict, 5, ivsrt.ErrConflict},
		{ivsrt.CodeQuota, 6, ivsrt.ErrQuota},
		{ivsrt.CodeInternal, 7, ivsrt.ErrInternal},
		{ivsrt.CodeMisuse, 8, ivsrt.ErrMisuse},
		{ivsrt.CodeInvalidOptions, 9, ivsrt.ErrInvalidOptions},
		{ivsrt.CodeUnknownOperation, 10, ivsrt.ErrUnknownOperation},
	}
	for _, s := range sentinels {
		name := capi.CodeType(int(s.code))
		if int(s.code) != s.frozen || name == "" || s.err.Error() != "ivsrt: "+name {
			t.Errorf("code %d (frozen %d): sentinel %q, library type %q", s.code, s.frozen, s.err, name)
		}
		if !errors.Is(&ivsrt.Error{Code: s.code}, s.err) {
			t.Errorf("an *Error of code %d does not match its sentinel", s.code)
		}
	}
	if next := len(sentinels) + 1; capi.CodeType(next) != "" {
		t.Errorf("the library defines code %d (%s), which has no sentinel", next, capi.CodeType(next))
	}
}
