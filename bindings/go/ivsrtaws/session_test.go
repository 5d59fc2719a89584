package ivsrtaws_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// at10 is 10:MM:SS on the session's day, the manual clock's start being 10:00:00.
func at10(min, sec int) time.Time { return time.Date(2026, 5, 1, 10, min, sec, 0, time.UTC) }

// summaries renders ListParticipants' summaries as "userId state published firstJoinTime".
func summaries(ps []types.ParticipantSummary) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s %s %v %s", aws.ToString(p.UserId), p.State, p.Published,
			aws.ToTime(p.FirstJoinTime).Format("15:04:05")))
	}
	return out
}

// events renders ListParticipantEvents' events as "time NAME[ errorCode][ @remote]".
func events(es []types.Event) []string {
	var out []string
	for _, e := range es {
		s := aws.ToTime(e.EventTime).Format("15:04:05") + " " + string(e.Name)
		if e.ErrorCode != "" {
			s += " " + string(e.ErrorCode)
		}
		if e.RemoteParticipantId != nil {
			s += " @" + *e.RemoteParticipantId
		}
		out = append(out, s)
	}
	return out
}

// A whole session driven through ivsrt's Join, Publish, Subscribe and Leave, read back
// through the real aws-sdk-go-v2 client; every expected value is written by hand.
func TestSessionThroughTheSDK(t *testing.T) {
	e, c := newClient(t, ivsrt.Options{Clock: at10(0, 0), Seed: ivsrt.Int64(5)})
	stage, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		Name: aws.String("show"),
		ParticipantTokenConfigurations: []types.ParticipantTokenConfiguration{
			{UserId: aws.String("alice"), Capabilities: []types.ParticipantTokenCapability{"PUBLISH", "SUBSCRIBE"}},
			{UserId: aws.String("bob"), Capabilities: []types.ParticipantTokenCapability{"SUBSCRIBE"}},
			{UserId: aws.String("carol"), Capabilities: []types.ParticipantTokenCapability{"PUBLISH"},
				Attributes: map[string]string{"seat": "3"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := stage.Stage.Arn
	tokens := stage.ParticipantTokens
	activeSession := func() *string {
		t.Helper()
		out, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: arn})
		if err != nil {
			t.Fatal(err)
		}
		return out.Stage.ActiveSessionId
	}
	advance := func(d time.Duration) {
		t.Helper()
		if _, err := e.AdvanceClock(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if s := activeSession(); s != nil {
		t.Fatalf("activeSessionId %s before any join", *s)
	}

	// 10:00:00 alice joins and starts the session; 10:00:10 bob and carol join.
	alice, err := e.Join(ctx, aws.ToString(tokens[0].Token),
		ivsrt.WithClient(ivsrt.Client{BrowserName: "Firefox", BrowserVersion: "120.0", OSName: "Linux"}))
	must(err)
	sid := alice.SessionID
	if s := aws.ToString(activeSession()); s != sid {
		t.Fatalf("activeSessionId = %q, want %s", s, sid)
	}
	advance(10 * time.Second)
	bob, err := e.Join(ctx, aws.ToString(tokens[1].Token))
	must(err)
	carol, err := e.Join(ctx, aws.ToString(tokens[2].Token), ivsrt.WithProtocol(ivsrt.ProtocolRTMPS))
	must(err)
	if bob.SessionID != sid || carol.SessionID != sid {
		t.Fatalf("sessions %s, %s, want %s", bob.SessionID, carol.SessionID, sid)
	}

	must(alice.Publish(ctx))
	if err := bob.Publish(ctx); !errors.Is(err, ivsrt.InsufficientCapabilities) {
		t.Fatalf("bob publishes: %v", err)
	}
	must(carol.Publish(ctx))
	must(bob.Subscribe(ctx, alice.ID))
	if err := carol.Subscribe(ctx, alice.ID); !errors.Is(err, ivsrt.InsufficientCapabilities) {
		t.Fatalf("carol subscribes: %v", err)
	}
	if err := bob.ExchangeToken(ctx, aws.ToString(tokens[0].Token)); !errors.Is(err, ivsrt.RefusedNotSelfSigned) {
		t.Fatalf("bob exchanges an API-issued token: %v", err)
	}

	got, err := c.GetParticipant(ctx, &ivsrealtime.GetParticipantInput{StageArn: arn, SessionId: &sid, ParticipantId: &alice.ID})
	must(err)
	p := got.Participant
	if aws.ToString(p.ParticipantId) != alice.ID || aws.ToString(p.UserId) != "alice" || p.State != types.ParticipantStateConnected ||
		!p.Published || p.Protocol != types.ParticipantProtocolWhip || !aws.ToTime(p.FirstJoinTime).Equal(at10(0, 0)) ||
		aws.ToString(p.BrowserName) != "Firefox" || aws.ToString(p.BrowserVersion) != "120.0" ||
		aws.ToString(p.OsName) != "Linux" || aws.ToString(p.OsVersion) != "" || aws.ToString(p.SdkVersion) != "" {
		t.Fatalf("GetParticipant(alice) = %+v", p)
	}
	got, err = c.GetParticipant(ctx, &ivsrealtime.GetParticipantInput{StageArn: arn, SessionId: &sid, ParticipantId: &carol.ID})
	must(err)
	if p := got.Participant; p.Protocol != types.ParticipantProtocolRtmps || !reflect.DeepEqual(p.Attributes, map[string]string{"seat": "3"}) {
		t.Fatalf("GetParticipant(carol) = %+v", p)
	}

	// 10:00:30 carol is disconnected, and her token revoked; 10:00:35 alice leaves.
	advance(20 * time.Second)
	_, err = c.DisconnectParticipant(ctx, &ivsrealtime.DisconnectParticipantInput{StageArn: arn, ParticipantId: &carol.ID, Reason: aws.String("moderated")})
	must(err)
	if err := carol.Publish(ctx); !errors.Is(err, ivsrt.ErrNotFound) {
		t.Fatalf("carol publishes once disconnected: %v", err)
	}
	if _, err := e.Join(ctx, aws.ToString(tokens[2].Token)); !errors.Is(err, ivsrt.RefusedRevoked) {
		t.Fatalf("carol rejoins: %v", err)
	}
	advance(5 * time.Second)
	must(alice.Leave(ctx))

	list := func(in ivsrealtime.ListParticipantsInput) []string {
		t.Helper()
		in.StageArn, in.SessionId = arn, &sid
		out, err := c.ListParticipants(ctx, &in)
		must(err)
		return summaries(out.Participants)
	}
	for _, l := range []struct {
		name string
		in   ivsrealtime.ListParticipantsInput
		want []string
	}{
		{"all", ivsrealtime.ListParticipantsInput{}, []string{"alice DISCONNECTED true 10:00:00",
			"bob CONNECTED false 10:00:10", "carol DISCONNECTED true 10:00:10"}},
		{"connected", ivsrealtime.ListParticipantsInput{FilterByState: types.ParticipantStateConnected},
			[]string{"bob CONNECTED false 10:00:10"}},
		{"disconnected", ivsrealtime.ListParticipantsInput{FilterByState: types.ParticipantStateDisconnected},
			[]string{"alice DISCONNECTED true 10:00:00", "carol DISCONNECTED true 10:00:10"}},
		{"published", ivsrealtime.ListParticipantsInput{FilterByPublished: true},
			[]string{"alice DISCONNECTED true 10:00:00", "carol DISCONNECTED true 10:00:10"}},
		{"user", ivsrealtime.ListParticipantsInput{FilterByUserId: aws.String("carol")},
			[]string{"carol DISCONNECTED true 10:00:10"}},
		{"recording", ivsrealtime.ListParticipantsInput{FilterByRecordingState: types.ParticipantRecordingFilterByRecordingStateActive}, nil},
	} {
		if got := list(l.in); !reflect.DeepEqual(got, l.want) {
			t.Errorf("ListParticipants %s = %q, want %q", l.name, got, l.want)
		}
	}
	_, err = c.ListParticipants(ctx, &ivsrealtime.ListParticipantsInput{StageArn: arn, SessionId: &sid,
		FilterByUserId: aws.String("bob"), FilterByState: types.ParticipantStateConnected})
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("two filters: %v, want a ValidationException", err)
	}
	var pages []int
	pager := ivsrealtime.NewListParticipantsPaginator(c, &ivsrealtime.ListParticipantsInput{StageArn: arn, SessionId: &sid, MaxResults: aws.Int32(2)})
	for pager.HasMorePages() {
		out, err := pager.NextPage(ctx)
		must(err)
		pages = append(pages, len(out.Participants))
	}
	if !reflect.DeepEqual(pages, []int{2, 1}) {
		t.Fatalf("ListParticipants pages of 2: %v", pages)
	}

	// 10:01:00 bob leaves: the last one.
	advance(25 * time.Second)
	must(bob.Leave(ctx))
	for _, w := range []struct {
		who  *ivsrt.Participant
		want []string
	}{
		{alice, []string{"10:00:00 JOINED", "10:00:10 PUBLISH_STARTED", "10:00:35 PUBLISH_STOPPED", "10:00:35 LEFT"}},
		{bob, []string{"10:00:10 JOINED", "10:00:10 PUBLISH_ERROR INSUFFICIENT_CAPABILITIES",
			"10:00:10 SUBSCRIBE_STARTED @" + alice.ID, "10:00:35 SUBSCRIBE_STOPPED @" + alice.ID, "10:01:00 LEFT"}},
		{carol, []string{"10:00:10 JOINED", "10:00:10 PUBLISH_STARTED",
			"10:00:10 SUBSCRIBE_ERROR INSUFFICIENT_CAPABILITIES @" + alice.ID, "10:00:30 PUBLISH_STOPPED", "10:00:30 LEFT"}},
	} {
		var got []string
		pager := ivsrealtime.NewListParticipantEventsPaginator(c, &ivsrealtime.ListParticipantEventsInput{
			StageArn: arn, SessionId: &sid, ParticipantId: &w.who.ID, MaxResults: aws.Int32(2)})
		for pager.HasMorePages() {
			out, err := pager.NextPage(ctx)
			must(err)
			got = append(got, events(out.Events)...)
		}
		if !reflect.DeepEqual(got, w.want) {
			t.Errorf("ListParticipantEvents(%s) = %q, want %q", w.who.ID, got, w.want)
		}
	}

	// The session ends 180 s after the last participant left: 10:04:00.
	session := func(id string) types.StageSession {
		t.Helper()
		out, err := c.GetStageSession(ctx, &ivsrealtime.GetStageSessionInput{StageArn: arn, SessionId: &id})
		must(err)
		return *out.StageSession
	}
	advance(179 * time.Second)
	if s := session(sid); s.EndTime != nil || aws.ToString(activeSession()) != sid {
		t.Fatalf("at 10:03:59: endTime %v, activeSessionId %v", s.EndTime, activeSession())
	}
	advance(time.Second)
	if s := session(sid); !aws.ToTime(s.StartTime).Equal(at10(0, 0)) || !aws.ToTime(s.EndTime).Equal(at10(4, 0)) || activeSession() != nil {
		t.Fatalf("at 10:04:00: %+v, activeSessionId %v", s, activeSession())
	}

	// The EventBridge stream, read in two batches.
	first, cursor, err := e.Events(ctx, "", 2)
	must(err)
	rest, _, err := e.Events(ctx, cursor, 0)
	must(err)
	var stream []string
	for _, ev := range append(first, rest...) {
		d, err := ev.StageUpdate()
		must(err)
		if d.SessionID != sid || !reflect.DeepEqual(ev.Resources, []string{aws.ToString(arn)}) || !ev.Time.Equal(d.EventTime) {
			t.Fatalf("event %+v, detail %+v", ev, d)
		}
		stream = append(stream, fmt.Sprintf("%s %s %s", d.EventTime.Format("15:04:05"), d.UserID, d.EventName))
	}
	if want := []string{"10:00:10 alice Participant Published", "10:00:10 bob Participant Publish Error",
		"10:00:10 carol Participant Published", "10:00:30 carol Participant Unpublished",
		"10:00:35 alice Participant Unpublished"}; !reflect.DeepEqual(stream, want) {
		t.Fatalf("Events = %q, want %q", stream, want)
	}

	// A later join starts a new session, listed first.
	again, err := e.Join(ctx, aws.ToString(tokens[0].Token))
	must(err)
	var sessions []string
	spager := ivsrealtime.NewListStageSessionsPaginator(c, &ivsrealtime.ListStageSessionsInput{StageArn: arn, MaxResults: aws.Int32(1)})
	for spager.HasMorePages() {
		out, err := spager.NextPage(ctx)
		must(err)
		for _, s := range out.StageSessions {
			sessions = append(sessions, fmt.Sprintf("%s %s %v", aws.ToString(s.SessionId), aws.ToTime(s.StartTime).Format("15:04:05"), s.EndTime != nil))
		}
	}
	if want := []string{again.SessionID + " 10:04:00 false", sid + " 10:00:00 true"}; again.SessionID == sid || !reflect.DeepEqual(sessions, want) {
		t.Fatalf("ListStageSessions = %q, want %q", sessions, want)
	}
}
