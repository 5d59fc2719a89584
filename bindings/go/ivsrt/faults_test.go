package ivsrt_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// A reconnecting destination is ACTIVE again 30 s later; a failing one FAILED, and with it
// the composition (README "Compositions", "Faults").
func TestInjectFault(t *testing.T) {
	e := ivsrttest.NewWithOptions(t, ivsrt.Options{Clock: start})
	arn := newStage(t, e)
	tok, _ := newToken(t, e, arn, obj{})
	if err := join(t, e, tok).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	composition := str(t, invoke(t, e, "StartComposition", obj{"stageArn": arn, "destinations": []obj{
		{"channel": obj{"channelArn": "arn:aws:ivs:us-east-1:123456789012:channel/abcABCdefDEg"}}}}),
		"composition.arn")
	get := func() any { return invoke(t, e, "GetComposition", obj{"arn": composition}) }
	advance := func(s int) {
		if _, err := e.AdvanceClock(ctx, time.Duration(s)*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	advance(2)
	_, cursor, err := e.Events(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	destination := str(t, get(), "composition.destinations.0.id")

	err = e.InjectFault(ctx, ivsrt.Fault{Target: composition, Kind: ivsrt.FaultDestinationReconnecting, DestinationID: destination})
	if err != nil {
		t.Fatal(err)
	}
	if s := str(t, get(), "composition.destinations.0.state"); s != "RECONNECTING" {
		t.Fatalf("state %s, want RECONNECTING", s)
	}
	advance(30)
	if s := str(t, get(), "composition.destinations.0.state"); s != "ACTIVE" {
		t.Fatalf("state %s, want ACTIVE", s)
	}
	if err := e.InjectFault(ctx, ivsrt.Fault{Target: composition, Kind: ivsrt.FaultDestinationFailure}); err != nil {
		t.Fatal(err)
	}
	advance(30)
	if s := str(t, get(), "composition.state"); s != "FAILED" {
		t.Fatalf("state %s, want FAILED", s)
	}
	if s := str(t, get(), "composition.endTime"); s != "2026-05-01T10:01:02Z" {
		t.Fatalf("endTime %s", s)
	}
	events, _, err := e.Events(ctx, cursor, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ev := range events {
		names = append(names, str(t, mustDecode(t, ev.Detail), "event_name")+"@"+ev.Time.Format("15:04:05"))
	}
	want := []string{"Destination Reconnecting@10:00:02", "Destination Start@10:00:32",
		"Destination Reconnecting@10:00:32", "Destination Failure@10:01:02", "Session Failure@10:01:02"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("events %v, want %v", names, want)
	}

	err = e.InjectFault(ctx, ivsrt.Fault{Target: composition, Kind: ivsrt.FaultSessionFailure})
	if !errors.Is(err, ivsrt.ErrConflict) {
		t.Fatalf("session_failure on a FAILED composition: %v, want ErrConflict", err)
	}
	err = e.InjectFault(ctx, ivsrt.Fault{Target: arn, Kind: ivsrt.FaultRecordingStartFailure})
	if !errors.Is(err, ivsrt.ErrValidation) {
		t.Fatalf("no participant: %v, want ErrValidation", err)
	}
	err = e.InjectFault(ctx, ivsrt.Fault{Target: arn, Kind: ivsrt.FaultRecordingStartFailure, ParticipantID: "nobody"})
	if !errors.Is(err, ivsrt.ErrNotFound) {
		t.Fatalf("unknown participant: %v, want ErrNotFound", err)
	}
}

func mustDecode(t *testing.T, raw []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
