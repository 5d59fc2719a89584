package ivsrt_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

var eventID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// stageUpdates decodes the details of events, failing on any other detail-type.
func stageUpdates(t *testing.T, events []ivsrt.Event) []ivsrt.StageUpdateDetail {
	t.Helper()
	var ds []ivsrt.StageUpdateDetail
	for _, ev := range events {
		d, err := ev.StageUpdate()
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	return ds
}

func TestEvents(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start})
	arn := newStage(t, e)
	tokA, _ := newToken(t, e, arn, obj{"userId": "ann"})
	tokB, _ := newToken(t, e, arn, obj{"capabilities": []string{"SUBSCRIBE"}})
	a, b := join(t, e, tokA), join(t, e, tokB)

	events, cursor, err := e.Events(ctx, "", 0)
	if err != nil || len(events) != 0 || cursor == "" {
		t.Fatalf("Events before any publish = %v, %q, %v; want none and a cursor (joins are not sent)", events, cursor, err)
	}
	if err := a.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	wantMediaError(t, b.Publish(ctx), b, "Publish", "", ivsrt.InsufficientCapabilities)
	if _, err := e.AdvanceClock(ctx, 7*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := a.Leave(ctx); err != nil {
		t.Fatal(err)
	}

	events, next, err := e.Events(ctx, cursor, 0)
	if err != nil || len(events) != 3 {
		t.Fatalf("Events = %d events, %v; want 3", len(events), err)
	}
	ev := events[0]
	if ev.Version != "0" || !eventID.MatchString(ev.ID) || ev.DetailType != "IVS Stage Update" ||
		ev.Source != "aws.ivs" || ev.Account != "123456789012" || !ev.Time.Equal(start) ||
		ev.Region != "us-east-1" || !reflect.DeepEqual(ev.Resources, []string{arn}) {
		t.Fatalf("envelope = %+v", ev)
	}
	want := []ivsrt.StageUpdateDetail{
		{SessionID: a.SessionID, EventName: "Participant Published", EventTime: start, UserID: "ann", ParticipantID: a.ID},
		{SessionID: a.SessionID, EventName: "Participant Publish Error", EventTime: start, ParticipantID: b.ID},
		{SessionID: a.SessionID, EventName: "Participant Unpublished", EventTime: start.Add(7 * time.Second), UserID: "ann", ParticipantID: a.ID},
	}
	if got := stageUpdates(t, events); !reflect.DeepEqual(got, want) {
		t.Fatalf("details = %+v, want %+v", got, want)
	}

	// The cursor resumes after the last event; with nothing new it comes back unchanged.
	if more, again, err := e.Events(ctx, next, 0); err != nil || len(more) != 0 || again != next {
		t.Fatalf("Events(next) = %v, %q, %v; want none and %q", more, again, err, next)
	}
	// max bounds a batch; another reader keeps its own cursor.
	first, c1, err := e.Events(ctx, "", 2)
	if err != nil || len(first) != 2 || first[0].ID != events[0].ID {
		t.Fatalf("Events(max 2) = %v, %v", first, err)
	}
	rest, _, err := e.Events(ctx, c1, 2)
	if err != nil || len(rest) != 1 || rest[0].ID != events[2].ID {
		t.Fatalf("Events after 2 = %v, %v", rest, err)
	}

	for _, c := range []struct {
		cursor string
		max    int
	}{{"nonsense", 0}, {"", -1}, {"", 1001}} {
		if _, _, err := e.Events(ctx, c.cursor, c.max); !errors.Is(err, ivsrt.ErrValidation) {
			t.Errorf("Events(%q, %d): %v, want ErrValidation", c.cursor, c.max, err)
		}
	}
}

func TestStageUpdateOfAnotherDetailType(t *testing.T) {
	ev := ivsrt.Event{ID: "x", DetailType: "IVS Composition State Change", Detail: json.RawMessage(`{}`)}
	if _, err := ev.StageUpdate(); err == nil {
		t.Fatal("StageUpdate decoded an IVS Composition State Change")
	}
}

// Events are kept in the store: a second engine on the same DataDir reads them, and sees
// the participants joined in the first.
func TestEventsShareTheStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	e1 := ivsrttest.NewWithOptions(t, ivsrt.Options{DataDir: dir})
	e2 := ivsrttest.NewWithOptions(t, ivsrt.Options{DataDir: dir})
	arn := newStage(t, e1)
	tok, _ := newToken(t, e1, arn, nil)
	p := join(t, e1, tok)
	if err := p.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	events, _, err := e2.Events(ctx, "", 0)
	if err != nil || len(events) != 1 || stageUpdates(t, events)[0].ParticipantID != p.ID {
		t.Fatalf("the second engine's Events = %+v, %v", events, err)
	}
	got := invoke(t, e2, "ListParticipants", obj{"stageArn": arn, "sessionId": p.SessionID})
	if str(t, got, "participants.0.participantId") != p.ID {
		t.Fatalf("the second engine's ListParticipants = %v", got)
	}
}

// max 0 is a batch of 100; the engine keeps the latest 10,000 events.
func TestEventsBatchAndRetention(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Durability: ivsrt.DurabilityNoSync})
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, nil)
	p := join(t, e, tok)
	for i := 0; i < 5000; i++ {
		if err := p.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		if err := p.Unpublish(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Publish(ctx); err != nil { // the 10,001st event
		t.Fatal(err)
	}
	events, cursor, err := e.Events(ctx, "", 0)
	if err != nil || len(events) != 100 {
		t.Fatalf("Events(max 0) = %d events, %v; want 100", len(events), err)
	}
	kept := stageUpdates(t, events)
	for {
		batch, next, err := e.Events(ctx, cursor, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) == 0 {
			break
		}
		kept, cursor = append(kept, stageUpdates(t, batch)...), next
	}
	// The first event (Published) is gone; the stream runs from the first Unpublished to
	// the last Published.
	if len(kept) != 10000 || kept[0].EventName != "Participant Unpublished" ||
		kept[len(kept)-1].EventName != "Participant Published" {
		t.Fatalf("%d events kept, from %q to %q; want the latest 10,000 of 10,001", len(kept),
			kept[0].EventName, kept[len(kept)-1].EventName)
	}
}
