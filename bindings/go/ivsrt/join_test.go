package ivsrt_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

var (
	ctx       = context.Background()
	start     = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	sessionID = regexp.MustCompile(`^st-[a-zA-Z0-9]{13}$`)
)

// newStage creates a stage on e and returns its ARN.
func newStage(t testing.TB, e *ivsrt.Engine) string {
	t.Helper()
	return str(t, invoke(t, e, "CreateStage", obj{"name": "s"}), "stage.arn")
}

// newToken creates a participant token on arn with the given request members (capabilities,
// userId, duration, ...) and returns its token and participant id.
func newToken(t testing.TB, e *ivsrt.Engine, arn string, req obj) (token, id string) {
	t.Helper()
	in := obj{"stageArn": arn}
	for k, v := range req {
		in[k] = v
	}
	out := invoke(t, e, "CreateParticipantToken", in)
	return str(t, out, "participantToken.token"), str(t, out, "participantToken.participantId")
}

// join joins with token and fails the test if the engine refuses it.
func join(t testing.TB, e *ivsrt.Engine, token string, opts ...ivsrt.JoinOption) *ivsrt.Participant {
	t.Helper()
	p, err := e.Join(ctx, token, opts...)
	if err != nil {
		t.Fatalf("Join: %v", err)
	}
	return p
}

// wantRefused requires err to be a *JoinRefusedError for reason, matching ErrJoinRefused
// and reason (only) with errors.Is.
func wantRefused(t *testing.T, err error, reason ivsrt.TokenRefusal) {
	t.Helper()
	var re *ivsrt.JoinRefusedError
	if !errors.As(err, &re) || re.Reason != reason {
		t.Fatalf("Join error %v (%T), want a JoinRefusedError %q", err, err, reason)
	}
	if !errors.Is(err, ivsrt.ErrJoinRefused) || !errors.Is(err, reason) || errors.Is(err, ivsrt.ErrExchangeRefused) {
		t.Fatalf("errors.Is on %v does not match ErrJoinRefused and %q only", err, reason)
	}
	for _, other := range []ivsrt.TokenRefusal{ivsrt.RefusedMalformed, ivsrt.RefusedBadSignature,
		ivsrt.RefusedExpired, ivsrt.RefusedRevoked, ivsrt.RefusedStageDeleted} {
		if other != reason && errors.Is(err, other) {
			t.Fatalf("%v matches %q too", err, other)
		}
	}
}

func TestJoinStartsASession(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start, Seed: ivsrt.Int64(3)})
	arn := newStage(t, e)
	tok, id := newToken(t, e, arn, obj{"userId": "ann"})
	p := join(t, e, tok)
	if p.ID != id || p.StageArn != arn || !sessionID.MatchString(p.SessionID) {
		t.Fatalf("Participant = %+v, want ID %s on %s with an st- session", p, id, arn)
	}
	if got := str(t, invoke(t, e, "GetStage", obj{"arn": arn}), "stage.activeSessionId"); got != p.SessionID {
		t.Fatalf("activeSessionId = %s, want %s", got, p.SessionID)
	}
	// Joining again reconnects the same participant in the same session.
	if _, err := e.AdvanceClock(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	again := join(t, e, tok)
	if *again != *p {
		t.Fatalf("rejoin = %+v, want %+v", again, p)
	}
	got := invoke(t, e, "GetParticipant", obj{"stageArn": arn, "sessionId": p.SessionID, "participantId": id})
	if str(t, got, "participant.firstJoinTime") != "2026-05-01T10:00:00Z" || str(t, got, "participant.state") != "CONNECTED" {
		t.Fatalf("after rejoin: %v", got)
	}
}

func TestJoinOptions(t *testing.T) {
	e := ivsrttest.New(t)
	arn := newStage(t, e)
	tok, id := newToken(t, e, arn, nil)
	client := ivsrt.Client{BrowserName: "Firefox", BrowserVersion: "120.0", OSName: "Linux",
		OSVersion: "6.1", SDKVersion: "1.2.3", ISPName: "Example ISP"}
	p := join(t, e, tok, ivsrt.WithProtocol(ivsrt.ProtocolRTMPS), ivsrt.WithClient(client))
	got := invoke(t, e, "GetParticipant", obj{"stageArn": arn, "sessionId": p.SessionID, "participantId": id})
	for path, want := range map[string]string{
		"participant.protocol": "RTMPS", "participant.browserName": "Firefox",
		"participant.browserVersion": "120.0", "participant.osName": "Linux", "participant.osVersion": "6.1",
		"participant.sdkVersion": "1.2.3", "participant.ispName": "Example ISP",
	} {
		if s := str(t, got, path); s != want {
			t.Errorf("%s = %q, want %q", path, s, want)
		}
	}

	// Without options: WHIP, and the attributes read back empty.
	tok2, id2 := newToken(t, e, arn, nil)
	join(t, e, tok2)
	got = invoke(t, e, "GetParticipant", obj{"stageArn": arn, "sessionId": p.SessionID, "participantId": id2})
	if str(t, got, "participant.protocol") != "WHIP" || str(t, got, "participant.browserName") != "" {
		t.Fatalf("default join: %v", got)
	}

	// The engine judges the options.
	tok3, _ := newToken(t, e, arn, nil)
	for _, opt := range []ivsrt.JoinOption{ivsrt.WithProtocol("SRT"), ivsrt.WithClient(ivsrt.Client{OSName: "<script>"})} {
		if _, err := e.Join(ctx, tok3, opt); !errors.Is(err, ivsrt.ErrValidation) {
			t.Errorf("Join with a bad option: %v, want ErrValidation", err)
		}
	}
}

func TestJoinRefused(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start})
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, obj{"duration": 1}) // minutes

	_, err := e.Join(ctx, "garbage")
	wantRefused(t, err, ivsrt.RefusedMalformed)
	_, err = e.Join(ctx, tamper(tok))
	wantRefused(t, err, ivsrt.RefusedBadSignature)
	if _, err := e.AdvanceClock(ctx, 61*time.Second); err != nil {
		t.Fatal(err)
	}
	_, err = e.Join(ctx, tok)
	wantRefused(t, err, ivsrt.RefusedExpired)
	// A refused join changes nothing: no session started.
	if l, _ := at(invoke(t, e, "ListStageSessions", obj{"stageArn": arn}), "stageSessions"); len(l.([]any)) != 0 {
		t.Fatalf("refused joins started sessions: %v", l)
	}

	// DisconnectParticipant disconnects and revokes.
	tok, id := newToken(t, e, arn, nil)
	p := join(t, e, tok)
	invoke(t, e, "DisconnectParticipant", obj{"stageArn": arn, "participantId": id, "reason": "moderated"})
	if err := p.Publish(ctx); !errors.Is(err, ivsrt.ErrNotFound) {
		t.Fatalf("Publish after DisconnectParticipant: %v, want ErrNotFound", err)
	}
	_, err = e.Join(ctx, tok)
	wantRefused(t, err, ivsrt.RefusedRevoked)

	// DeleteStage disconnects everyone; their tokens then name a deleted stage.
	tok, _ = newToken(t, e, arn, nil)
	p = join(t, e, tok)
	invoke(t, e, "DeleteStage", obj{"arn": arn})
	if err := p.Leave(ctx); !errors.Is(err, ivsrt.ErrNotFound) {
		t.Fatalf("Leave after DeleteStage: %v, want ErrNotFound", err)
	}
	_, err = e.Join(ctx, tok)
	wantRefused(t, err, ivsrt.RefusedStageDeleted)
}

// A token that expires while its participant is connected disconnects it when the engine
// clock passes exp.
func TestJoinedTokenExpires(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start})
	arn := newStage(t, e)
	tok, id := newToken(t, e, arn, obj{"duration": 1})
	p := join(t, e, tok)
	if _, err := e.AdvanceClock(ctx, 61*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx); !errors.Is(err, ivsrt.ErrNotFound) {
		t.Fatalf("Publish after expiry: %v, want ErrNotFound", err)
	}
	got := invoke(t, e, "GetParticipant", obj{"stageArn": arn, "sessionId": p.SessionID, "participantId": id})
	if str(t, got, "participant.state") != "DISCONNECTED" {
		t.Fatalf("after expiry: %v", got)
	}
}
