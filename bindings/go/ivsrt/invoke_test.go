package ivsrt_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

var stageARN = regexp.MustCompile(`^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9-]+$`)

const unknownStage = "arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234"

func TestInvokeStageLifecycle(t *testing.T) {
	e := ivsrttest.New(t)

	created := invoke(t, e, "CreateStage", obj{"name": "first", "tags": obj{"team": "video"}})
	arn := str(t, created, "stage.arn")
	if !stageARN.MatchString(arn) {
		t.Fatalf("stage ARN %q", arn)
	}
	if got := str(t, created, "stage.name"); got != "first" {
		t.Fatalf("name %q", got)
	}
	if got := str(t, created, "stage.tags.team"); got != "video" {
		t.Fatalf("tag %q", got)
	}

	got := invoke(t, e, "GetStage", obj{"arn": arn})
	if str(t, got, "stage.arn") != arn || str(t, got, "stage.name") != "first" {
		t.Fatalf("GetStage = %v", got)
	}

	updated := invoke(t, e, "UpdateStage", obj{"arn": arn, "name": "renamed"})
	if str(t, updated, "stage.name") != "renamed" {
		t.Fatalf("UpdateStage = %v", updated)
	}
	if str(t, invoke(t, e, "GetStage", obj{"arn": arn}), "stage.name") != "renamed" {
		t.Fatal("UpdateStage did not persist")
	}

	list := invoke(t, e, "ListStages", obj{})
	stages, _ := list["stages"].([]any)
	if len(stages) != 1 || str(t, stages[0], "arn") != arn || str(t, stages[0], "name") != "renamed" {
		t.Fatalf("ListStages = %v", list)
	}
	if _, ok := list["nextToken"]; ok {
		t.Fatalf("ListStages has a nextToken on its only page: %v", list)
	}

	if out := invoke(t, e, "DeleteStage", obj{"arn": arn}); len(out) != 0 {
		t.Fatalf("DeleteStage = %v, want {}", out)
	}
	wantErr(t, invokeErr(t, e, "GetStage", obj{"arn": arn}), "ResourceNotFoundException", 404, ivsrt.ErrNotFound)
	wantErr(t, invokeErr(t, e, "DeleteStage", obj{"arn": arn}), "ResourceNotFoundException", 404, ivsrt.ErrNotFound)
	if stages := invoke(t, e, "ListStages", obj{})["stages"].([]any); len(stages) != 0 {
		t.Fatalf("ListStages after delete = %v", stages)
	}
}

func TestInvokeValidationErrors(t *testing.T) {
	e := ivsrttest.New(t)
	cases := []struct {
		op  string
		req obj
	}{
		{"GetStage", obj{"arn": "nope"}},
		{"GetStage", obj{}},
		{"CreateStage", obj{"name": "has space"}},
		{"CreateStage", obj{"tags": tagMap("k", 51)}},
		{"UpdateStage", obj{"arn": "arn:aws:ivs:us-east-1:123456789012:channel/abc"}},
		{"ListStages", obj{"maxResults": 0}},
		{"ListStages", obj{"maxResults": 101}},
		{"CreateParticipantToken", obj{"stageArn": "nope"}},
		{"CreateParticipantToken", obj{"stageArn": unknownStage, "duration": 20161}},
		{"CreateParticipantToken", obj{"stageArn": unknownStage, "capabilities": []string{"SHOUT"}}},
		{"DisconnectParticipant", obj{"stageArn": unknownStage}},
		{"TagResource", obj{"resourceArn": "not-an-arn", "tags": obj{"a": "b"}}},
		{"UntagResource", obj{"resourceArn": "not-an-arn", "tagKeys": []string{"a"}}},
		{"ListTagsForResource", obj{"resourceArn": "not-an-arn"}},
	}
	for _, c := range cases {
		err := invokeErr(t, e, c.op, c.req)
		wantErr(t, err, "ValidationException", 400, ivsrt.ErrValidation)
		if err.Code != ivsrt.CodeValidation {
			t.Fatalf("%s: code %d", c.op, err.Code)
		}
	}
}

func TestInvokeNotFound(t *testing.T) {
	e := ivsrttest.New(t)
	for _, c := range []struct {
		op  string
		req obj
	}{
		{"GetStage", obj{"arn": unknownStage}},
		{"UpdateStage", obj{"arn": unknownStage, "name": "x"}},
		{"DeleteStage", obj{"arn": unknownStage}},
		{"CreateParticipantToken", obj{"stageArn": unknownStage}},
		{"DisconnectParticipant", obj{"stageArn": unknownStage, "participantId": "abc"}},
		{"TagResource", obj{"resourceArn": unknownStage, "tags": obj{"a": "b"}}},
		{"UntagResource", obj{"resourceArn": unknownStage, "tagKeys": []string{"a"}}},
		{"ListTagsForResource", obj{"resourceArn": unknownStage}},
	} {
		wantErr(t, invokeErr(t, e, c.op, c.req), "ResourceNotFoundException", 404, ivsrt.ErrNotFound)
	}
}

func TestInvokeQuota(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Quotas: map[string]int{"stages": 2}})
	first := str(t, invoke(t, e, "CreateStage", obj{}), "stage.arn")
	invoke(t, e, "CreateStage", obj{})
	err := invokeErr(t, e, "CreateStage", obj{})
	wantErr(t, err, "ServiceQuotaExceededException", 402, ivsrt.ErrQuota)
	if errorsIsAny(err, ivsrt.ErrValidation, ivsrt.ErrNotFound, ivsrt.ErrConflict) {
		t.Fatal("a quota error matched another sentinel")
	}
	invoke(t, e, "DeleteStage", obj{"arn": first})
	invoke(t, e, "CreateStage", obj{})
}

func TestInvokePaging(t *testing.T) {
	e := ivsrttest.New(t)
	want := map[string]bool{}
	for i := 0; i < 7; i++ {
		want[str(t, invoke(t, e, "CreateStage", obj{"name": "s"}), "stage.arn")] = true
	}
	seen := map[string]bool{}
	pages := 0
	req := obj{"maxResults": 3}
	for {
		out := invoke(t, e, "ListStages", req)
		pages++
		stages := out["stages"].([]any)
		if len(stages) > 3 {
			t.Fatalf("page of %d > maxResults 3", len(stages))
		}
		for _, s := range stages {
			arn := str(t, s, "arn")
			if seen[arn] {
				t.Fatalf("%s listed twice", arn)
			}
			seen[arn] = true
		}
		tok, ok := out["nextToken"].(string)
		if !ok || tok == "" {
			break
		}
		req = obj{"maxResults": 3, "nextToken": tok}
	}
	if pages != 3 || len(seen) != len(want) {
		t.Fatalf("%d pages, %d stages; want 3 pages, %d stages", pages, len(seen), len(want))
	}
	for arn := range want {
		if !seen[arn] {
			t.Fatalf("%s never listed", arn)
		}
	}
	wantErr(t, invokeErr(t, e, "ListStages", obj{"nextToken": "not a token!"}), "ValidationException", 400, ivsrt.ErrValidation)
}

func TestInvokeTags(t *testing.T) {
	e := ivsrttest.New(t)
	arn := str(t, invoke(t, e, "CreateStage", obj{"tags": obj{"a": "1"}}), "stage.arn")

	if out := invoke(t, e, "TagResource", obj{"resourceArn": arn, "tags": obj{"b": "2", "c": "3"}}); len(out) != 0 {
		t.Fatalf("TagResource = %v, want {}", out)
	}
	tags := invoke(t, e, "ListTagsForResource", obj{"resourceArn": arn})["tags"].(obj)
	if len(tags) != 3 || tags["a"] != "1" || tags["b"] != "2" || tags["c"] != "3" {
		t.Fatalf("tags = %v", tags)
	}
	invoke(t, e, "UntagResource", obj{"resourceArn": arn, "tagKeys": []string{"a", "c", "absent"}})
	tags = invoke(t, e, "ListTagsForResource", obj{"resourceArn": arn})["tags"].(obj)
	if len(tags) != 1 || tags["b"] != "2" {
		t.Fatalf("tags after untag = %v", tags)
	}
	if got := invoke(t, e, "GetStage", obj{"arn": arn}); len(got["stage"].(obj)["tags"].(obj)) != 1 {
		t.Fatalf("GetStage tags = %v", got)
	}

	// 50 tags is the limit, in a request and on the resource.
	full := str(t, invoke(t, e, "CreateStage", obj{"tags": tagMap("k", 50)}), "stage.arn")
	if n := len(invoke(t, e, "ListTagsForResource", obj{"resourceArn": full})["tags"].(obj)); n != 50 {
		t.Fatalf("%d tags, want 50", n)
	}
	invoke(t, e, "TagResource", obj{"resourceArn": full, "tags": obj{"k0": "overwritten"}})
	wantErr(t, invokeErr(t, e, "TagResource", obj{"resourceArn": full, "tags": obj{"k50": "v"}}),
		"ValidationException", 400, ivsrt.ErrValidation)
	wantErr(t, invokeErr(t, e, "TagResource", obj{"resourceArn": arn, "tags": tagMap("x", 51)}),
		"ValidationException", 400, ivsrt.ErrValidation)
	wantErr(t, invokeErr(t, e, "CreateStage", obj{"tags": tagMap("k", 51)}), "ValidationException", 400, ivsrt.ErrValidation)
	if n := len(invoke(t, e, "ListTagsForResource", obj{"resourceArn": full})["tags"].(obj)); n != 50 {
		t.Fatalf("%d tags after rejected TagResource, want 50", n)
	}
}

func TestInvokeParticipantTokens(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Seed: ivsrt.Int64(7), Clock: start})
	ctx := context.Background()
	arn := str(t, invoke(t, e, "CreateStage", obj{"name": "tokens"}), "stage.arn")

	out := invoke(t, e, "CreateParticipantToken", obj{
		"stageArn": arn, "userId": "alice", "duration": 60,
		"attributes": obj{"role": "host"}, "capabilities": []string{"SUBSCRIBE"},
	})
	tok := str(t, out, "participantToken.token")
	pid := str(t, out, "participantToken.participantId")
	exp := str(t, out, "participantToken.expirationTime")
	if want := start.Add(time.Hour).Format(time.RFC3339); exp != want {
		t.Fatalf("expirationTime %q, want %q", exp, want)
	}

	v, err := e.VerifyParticipantToken(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid || v.Claims == nil {
		t.Fatalf("verification = %s", v.Raw)
	}
	c := v.Claims
	if c.ParticipantID != pid || c.UserID != "alice" || c.Resource != arn || c.Attributes["role"] != "host" {
		t.Fatalf("claims = %s", v.Raw)
	}
	if c.Capabilities.AllowPublish || !c.Capabilities.AllowSubscribe {
		t.Fatalf("capabilities = %+v", c.Capabilities)
	}
	// As in AWS's API-issued tokens: version "0.0", and no key for a capability not granted.
	if c.Version != "0.0" || !bytes.Contains(v.Raw, []byte(`"capabilities":{"allow_subscribe":true}`)) {
		t.Fatalf("claims = %s", v.Raw)
	}
	if c.IssuedAt != start.Unix() || c.ExpiresAt != start.Add(time.Hour).Unix() {
		t.Fatalf("iat %d exp %d", c.IssuedAt, c.ExpiresAt)
	}

	// Default capabilities are publish and subscribe.
	def := invoke(t, e, "CreateParticipantToken", obj{"stageArn": arn})
	dv, err := e.VerifyParticipantToken(ctx, str(t, def, "participantToken.token"))
	if err != nil || !dv.Valid || !dv.Claims.Capabilities.AllowPublish || !dv.Claims.Capabilities.AllowSubscribe {
		t.Fatalf("default token: %v %+v", err, dv)
	}

	// A tampered token fails.
	bad, err := e.VerifyParticipantToken(ctx, tamper(tok))
	if err != nil || bad.Valid {
		t.Fatalf("tampered token: %v %+v", err, bad)
	}
	garbage, err := e.VerifyParticipantToken(ctx, "garbage")
	if err != nil || garbage.Valid || garbage.Reason != "malformed" {
		t.Fatalf("garbage token: %v %+v", err, garbage)
	}

	// Expiry follows the manual clock.
	if _, err := e.AdvanceClock(ctx, 59*time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.VerifyParticipantToken(ctx, tok); !v.Valid {
		t.Fatalf("token expired early: %s", v.Raw)
	}
	now, err := e.AdvanceClock(ctx, 2*time.Minute)
	if err != nil || !now.Equal(start.Add(61*time.Minute)) {
		t.Fatalf("AdvanceClock = %v, %v", now, err)
	}
	if v, _ := e.VerifyParticipantToken(ctx, tok); v.Valid || v.Reason != "expired" {
		t.Fatalf("after expiry: %s", v.Raw)
	}

	// DisconnectParticipant revokes; DeleteStage invalidates the rest.
	if out := invoke(t, e, "DisconnectParticipant", obj{"stageArn": arn, "participantId": str(t, def, "participantToken.participantId"), "reason": "bye"}); len(out) != 0 {
		t.Fatalf("DisconnectParticipant = %v", out)
	}
	if v, _ := e.VerifyParticipantToken(ctx, str(t, def, "participantToken.token")); v.Valid || v.Reason != "revoked" {
		t.Fatalf("after disconnect: %s", v.Raw)
	}
	third := invoke(t, e, "CreateParticipantToken", obj{"stageArn": arn})
	invoke(t, e, "DeleteStage", obj{"arn": arn})
	if v, _ := e.VerifyParticipantToken(ctx, str(t, third, "participantToken.token")); v.Valid || v.Reason != "stage_deleted" {
		t.Fatalf("after DeleteStage: %s", v.Raw)
	}
}

func TestInvokeCreateStageWithTokens(t *testing.T) {
	e := ivsrttest.New(t)
	out := invoke(t, e, "CreateStage", obj{"participantTokenConfigurations": []obj{
		{"userId": "a"}, {"userId": "b", "capabilities": []string{"PUBLISH"}},
	}})
	toks := out["participantTokens"].([]any)
	if len(toks) != 2 || str(t, toks[0], "userId") != "a" || str(t, toks[1], "userId") != "b" {
		t.Fatalf("participantTokens = %v", toks)
	}
	v, err := e.VerifyParticipantToken(context.Background(), str(t, toks[1], "token"))
	if err != nil || !v.Valid || v.Claims.UserID != "b" || v.Claims.Resource != str(t, out, "stage.arn") {
		t.Fatalf("%v %s", err, v.Raw)
	}
	wantErr(t, invokeErr(t, e, "CreateStage", obj{"participantTokenConfigurations": make([]obj, 13)}),
		"ValidationException", 400, ivsrt.ErrValidation)
}

func TestClockAndReset(t *testing.T) {
	ctx := context.Background()
	e := ivsrttest.New(t)
	if _, manual, err := e.Clock(ctx); err != nil || manual {
		t.Fatalf("default clock manual=%v err=%v", manual, err)
	}
	at := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	if got, err := e.SetClock(ctx, at); err != nil || !got.Equal(at) {
		t.Fatalf("SetClock = %v, %v", got, err)
	}
	if got, manual, err := e.Clock(ctx); err != nil || !manual || !got.Equal(at) {
		t.Fatalf("Clock = %v %v %v", got, manual, err)
	}
	if _, err := e.AdvanceClock(ctx, 1500*time.Millisecond); err == nil {
		t.Fatal("AdvanceClock accepted a fractional second")
	}

	invoke(t, e, "CreateStage", obj{"tags": obj{"a": "b"}})
	if err := e.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(invoke(t, e, "ListStages", obj{})["stages"].([]any)); n != 0 {
		t.Fatalf("%d stages after Reset", n)
	}
}

func TestStrictRejectsUnknownMembers(t *testing.T) {
	lax := ivsrttest.New(t)
	invoke(t, lax, "CreateStage", obj{"name": "a", "bogus": 1})
	strict := ivsrttest.NewWithOptions(t, ivsrt.Options{Strict: true})
	wantErr(t, invokeErr(t, strict, "CreateStage", obj{"name": "a", "bogus": 1}), "ValidationException", 400, ivsrt.ErrValidation)
}

func TestOptions(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Region: "eu-west-1", AccountID: "000011112222", Durability: ivsrt.DurabilityNoSync})
	arn := str(t, invoke(t, e, "CreateStage", obj{}), "stage.arn")
	if !regexp.MustCompile(`^arn:aws:ivs:eu-west-1:000011112222:stage/`).MatchString(arn) {
		t.Fatalf("ARN %q", arn)
	}
	if e.Region() != "eu-west-1" || e.AccountID() != "000011112222" {
		t.Fatalf("Region %q AccountID %q", e.Region(), e.AccountID())
	}

	for _, bad := range []ivsrt.Options{
		{AccountID: "12"},
		{Durability: "sometimes"},
		{Seed: ivsrt.Int64(-1)},
		{Quotas: map[string]int{"nonsense": 1}},
		{SessionEndDelaySeconds: ivsrt.Int64(86401)},
	} {
		_, err := ivsrt.Open(bad)
		var ie *ivsrt.Error
		if err == nil || !errors.As(err, &ie) || !errors.Is(err, ivsrt.ErrInvalidOptions) {
			t.Fatalf("Open(%+v) = %v, want InvalidOptions", bad, err)
		}
	}
}

// A store that cannot be opened is ErrInvalidOptions at once, and the next open works.
func TestUnopenableStoreIsInvalidOptions(t *testing.T) {
	aFile := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(aFile, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := t.TempDir()
	junk := bytes.Repeat([]byte{0x5a}, 100000)
	if err := os.WriteFile(filepath.Join(garbage, "data.mdb"), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{aFile, garbage, aFile} {
		_, err := ivsrt.Open(ivsrt.Options{DataDir: dir})
		if !errors.Is(err, ivsrt.ErrInvalidOptions) {
			t.Fatalf("Open(%q) = %v, want InvalidOptions", dir, err)
		}
	}
	e, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
}

func TestSeedIsDeterministic(t *testing.T) {
	opts := ivsrt.Options{Seed: ivsrt.Int64(42), Clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	run := func() []string {
		e := ivsrttest.NewWithOptions(t, opts)
		s := invoke(t, e, "CreateStage", obj{})
		arn := str(t, s, "stage.arn")
		tok := invoke(t, e, "CreateParticipantToken", obj{"stageArn": arn})
		return []string{arn, str(t, tok, "participantToken.participantId"), str(t, tok, "participantToken.token")}
	}
	a, b := run(), run()
	sort.Strings(a)
	sort.Strings(b)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seeded runs differ: %q vs %q", a[i], b[i])
		}
	}
}

func TestDataDirPersists(t *testing.T) {
	dir := t.TempDir()
	e1, err := ivsrt.Open(ivsrt.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	arn := str(t, invoke(t, e1, "CreateStage", obj{"name": "kept"}), "stage.arn")
	if err := e1.Close(); err != nil {
		t.Fatal(err)
	}
	e2 := ivsrttest.NewWithOptions(t, ivsrt.Options{DataDir: dir})
	if str(t, invoke(t, e2, "GetStage", obj{"arn": arn}), "stage.name") != "kept" {
		t.Fatal("stage not kept in DataDir")
	}
}

// tamper changes the first character of the token's signature, which holds the signature's
// first 6 bits: the last character holds padding bits too, and changing those makes a
// non-canonical encoding, which is malformed rather than badly signed.
func tamper(tok string) string {
	i := strings.LastIndex(tok, ".") + 1
	return tok[:i] + flip(tok[i:i+1]) + tok[i+1:]
}

func flip(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
	}
	return string(b)
}

func errorsIsAny(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
