package ivsrt_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// wantMediaError requires err to be p's *MediaError of op and code, matching code (only)
// with errors.Is.
func wantMediaError(t *testing.T, err error, p *ivsrt.Participant, op, publisher string, code ivsrt.EventErrorCode) {
	t.Helper()
	var me *ivsrt.MediaError
	if !errors.As(err, &me) || me.Op != op || me.Code != code || me.PublisherID != publisher || me.ParticipantID != p.ID {
		t.Fatalf("error %v (%T), want a MediaError of %s: %s %s (publisher %q)", err, err, p.ID, op, code, publisher)
	}
	for _, c := range []ivsrt.EventErrorCode{ivsrt.InsufficientCapabilities, ivsrt.QuotaExceeded, ivsrt.PublisherNotFound} {
		if errors.Is(err, c) != (c == code) {
			t.Fatalf("errors.Is(%v, %s) = %v", err, c, c != code)
		}
	}
	if errors.Is(err, ivsrt.ErrQuota) {
		t.Fatalf("%v matches ErrQuota, the API's ServiceQuotaExceededException", err)
	}
}

// eventNames lists a participant's events as "NAME[ errorCode][ @remoteParticipantId]".
func eventNames(t *testing.T, e *ivsrt.Engine, p *ivsrt.Participant) []string {
	t.Helper()
	out := invoke(t, e, "ListParticipantEvents", obj{"stageArn": p.StageArn, "sessionId": p.SessionID, "participantId": p.ID})
	var names []string
	for _, ev := range out["events"].([]any) {
		m := ev.(map[string]any)
		s := m["name"].(string)
		if c, ok := m["errorCode"]; ok {
			s += fmt.Sprintf(" %v", c)
		}
		if r, ok := m["remoteParticipantId"]; ok {
			s += fmt.Sprintf(" @%v", r)
		}
		names = append(names, s)
	}
	return names
}

func TestPublishAndSubscribe(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start})
	arn := newStage(t, e)
	tokA, _ := newToken(t, e, arn, obj{"capabilities": []string{"PUBLISH", "SUBSCRIBE"}})
	tokB, _ := newToken(t, e, arn, obj{"capabilities": []string{"SUBSCRIBE"}})
	tokC, _ := newToken(t, e, arn, obj{"capabilities": []string{"PUBLISH"}})
	a, b, c := join(t, e, tokA), join(t, e, tokB), join(t, e, tokC)

	if err := a.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	wantMediaError(t, b.Publish(ctx), b, "Publish", "", ivsrt.InsufficientCapabilities)
	wantMediaError(t, c.Subscribe(ctx, a.ID), c, "Subscribe", a.ID, ivsrt.InsufficientCapabilities)
	wantMediaError(t, b.Subscribe(ctx, c.ID), b, "Subscribe", c.ID, ivsrt.PublisherNotFound)
	if err := b.Subscribe(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.Unsubscribe(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	// Unpublishing stops the subscriptions to it.
	if err := a.Unpublish(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{"JOINED", "PUBLISH_ERROR INSUFFICIENT_CAPABILITIES",
		"SUBSCRIBE_ERROR PUBLISHER_NOT_FOUND @" + c.ID, "SUBSCRIBE_STARTED @" + a.ID,
		"SUBSCRIBE_STOPPED @" + a.ID, "SUBSCRIBE_STARTED @" + a.ID, "SUBSCRIBE_STOPPED @" + a.ID, "LEFT"}
	if got := eventNames(t, e, b); !reflect.DeepEqual(got, want) {
		t.Fatalf("b's events = %v, want %v", got, want)
	}
	want = []string{"JOINED", "SUBSCRIBE_ERROR INSUFFICIENT_CAPABILITIES @" + a.ID}
	if got := eventNames(t, e, c); !reflect.DeepEqual(got, want) {
		t.Fatalf("c's events = %v, want %v", got, want)
	}
	want = []string{"JOINED", "PUBLISH_STARTED", "PUBLISH_STOPPED"}
	if got := eventNames(t, e, a); !reflect.DeepEqual(got, want) {
		t.Fatalf("a's events = %v, want %v", got, want)
	}

	// A participant that has left can do nothing more.
	for name, err := range map[string]error{
		"Publish": b.Publish(ctx), "Subscribe": b.Subscribe(ctx, a.ID), "Leave": b.Leave(ctx),
		"ExchangeToken": b.ExchangeToken(ctx, tokB),
	} {
		if !errors.Is(err, ivsrt.ErrNotFound) {
			t.Errorf("%s after Leave: %v, want ErrNotFound", name, err)
		}
	}
}

// Twelve publishers per stage; the stageSubscribers quota bounds subscribers.
func TestMediaQuotas(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Quotas: map[string]int{"stageSubscribers": 1}})
	arn := newStage(t, e)
	var ps []*ivsrt.Participant
	for i := 0; i < 13; i++ {
		tok, _ := newToken(t, e, arn, nil)
		ps = append(ps, join(t, e, tok))
	}
	for _, p := range ps[:12] {
		if err := p.Publish(ctx); err != nil {
			t.Fatal(err)
		}
	}
	wantMediaError(t, ps[12].Publish(ctx), ps[12], "Publish", "", ivsrt.QuotaExceeded)
	if err := ps[12].Subscribe(ctx, ps[0].ID); err != nil {
		t.Fatal(err)
	}
	// A second subscription of the same subscriber is within the quota; another subscriber not.
	if err := ps[12].Subscribe(ctx, ps[1].ID); err != nil {
		t.Fatal(err)
	}
	wantMediaError(t, ps[11].Subscribe(ctx, ps[0].ID), ps[11], "Subscribe", ps[0].ID, ivsrt.QuotaExceeded)
	// A publisher leaving frees its place.
	if err := ps[0].Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ps[12].Publish(ctx); err != nil {
		t.Fatalf("13th publisher once one left: %v", err)
	}
}

// Token exchange takes self-signed tokens only; the engine has none yet, so every token is
// refused, for its documented reason.
func TestExchangeTokenRefused(t *testing.T) {
	e := ivsrttest.New(t)
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, nil)
	p := join(t, e, tok)
	for token, reason := range map[string]ivsrt.TokenRefusal{
		tok:         ivsrt.RefusedNotSelfSigned,
		"garbage":   ivsrt.RefusedMalformed,
		tamper(tok): ivsrt.RefusedBadSignature,
	} {
		err := p.ExchangeToken(ctx, token)
		var re *ivsrt.ExchangeRefusedError
		if !errors.As(err, &re) || re.Reason != reason || !errors.Is(err, ivsrt.ErrExchangeRefused) ||
			!errors.Is(err, reason) || errors.Is(err, ivsrt.ErrJoinRefused) {
			t.Errorf("ExchangeToken: %v (%T), want an ExchangeRefusedError %q", err, err, reason)
		}
	}
	if got := eventNames(t, e, p); !reflect.DeepEqual(got, []string{"JOINED"}) {
		t.Fatalf("refused exchanges recorded %v", got)
	}
}

// Options.SessionEndDelaySeconds: the session outlives its last participant by that many
// seconds of the engine clock.
func TestSessionEndDelay(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start, SessionEndDelaySeconds: ivsrt.Int64(5)})
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, nil)
	p := join(t, e, tok)
	if err := p.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	active := func() bool {
		_, ok := at(invoke(t, e, "GetStage", obj{"arn": arn}), "stage.activeSessionId")
		return ok
	}
	if _, err := e.AdvanceClock(ctx, 4*time.Second); err != nil || !active() {
		t.Fatalf("session ended before its delay (%v)", err)
	}
	if _, err := e.AdvanceClock(ctx, time.Second); err != nil || active() {
		t.Fatalf("session still active after its delay (%v)", err)
	}
	got := invoke(t, e, "GetStageSession", obj{"stageArn": arn, "sessionId": p.SessionID})
	if s := str(t, got, "stageSession.endTime"); s != "2026-05-01T10:00:05Z" {
		t.Fatalf("endTime = %s", s)
	}
	// A later join starts a new session.
	if q := join(t, e, tok); q.SessionID == p.SessionID || !sessionID.MatchString(q.SessionID) {
		t.Fatalf("rejoin after the end: session %s, was %s", q.SessionID, p.SessionID)
	}
}

func TestParticipantAfterClose(t *testing.T) {
	e, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, nil)
	p := join(t, e, tok)
	e.Close()
	if err := p.Publish(ctx); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("Publish after Close: %v", err)
	}
	if _, err := e.Join(ctx, tok); !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("Join after Close: %v", err)
	}
}
