package ivsrt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// A joined participant's media verbs: ivsrt:Publish, Unpublish, Subscribe, Unsubscribe,
// ExchangeToken and LeaveStage (README, "Test control"). Each records its participant events
// (ListParticipantEvents) and, for publishing, its EventBridge events (Engine.Events).

// Participant is a participant joined to a stage by Engine.Join. Its methods act on the
// engine at the engine clock's time; it holds no state of its own, so two Participants with
// the same ID are the same participant. Once it has left or been disconnected
// (DisconnectParticipant, DeleteStage, its token expiring on the engine clock), every method
// fails with an *Error matching ErrNotFound.
type Participant struct {
	ID        string // the token's participantId (its jti)
	StageArn  string
	SessionID string // the stage session it joined ("st-" + 13 alphanumerics)
	e         *Engine
}

// EventErrorCode is the errorCode of a PUBLISH_ERROR or SUBSCRIBE_ERROR participant event
// (the model's EventErrorCode). It is also an error, so that
// errors.Is(err, ivsrt.PublisherNotFound) tells a *MediaError's code.
type EventErrorCode string

// The codes the simulated media plane produces.
const (
	// InsufficientCapabilities: publishing without PUBLISH, or subscribing without SUBSCRIBE.
	InsufficientCapabilities EventErrorCode = "INSUFFICIENT_CAPABILITIES"
	// QuotaExceeded: a 13th publisher on a stage (12 at most), or a subscriber beyond the
	// stageSubscribers quota (Options.Quotas, 10,000 by default). Not ErrQuota, which is a
	// ServiceQuotaExceededException of the API.
	QuotaExceeded EventErrorCode = "QUOTA_EXCEEDED"
	// PublisherNotFound: subscribing to a participant that is not publishing.
	PublisherNotFound EventErrorCode = "PUBLISHER_NOT_FOUND"
)

func (c EventErrorCode) Error() string { return "ivsrt: " + string(c) }

// MediaError is the error of a Publish or Subscribe the simulated media plane refuses. The
// engine has recorded the matching PUBLISH_ERROR or SUBSCRIBE_ERROR event (and, for
// Publish, a "Participant Publish Error" EventBridge event). It matches its Code with
// errors.Is.
type MediaError struct {
	Op            string // "Publish" or "Subscribe"
	ParticipantID string
	PublisherID   string // Subscribe's publisher; "" for Publish
	Code          EventErrorCode
}

func (e *MediaError) Error() string {
	if e.PublisherID != "" {
		return fmt.Sprintf("ivsrt: %s %s to %s: %s", e.Op, e.ParticipantID, e.PublisherID, e.Code)
	}
	return fmt.Sprintf("ivsrt: %s %s: %s", e.Op, e.ParticipantID, e.Code)
}

// Is reports whether target is e's Code.
func (e *MediaError) Is(target error) bool { return target == error(e.Code) }

// ErrExchangeRefused matches every *ExchangeRefusedError.
var ErrExchangeRefused = errors.New("ivsrt: token exchange refused")

// ExchangeRefusedError is ExchangeToken's error when the engine refuses the new token;
// nothing has changed. It matches ErrExchangeRefused and its Reason with errors.Is.
type ExchangeRefusedError struct {
	// Reason is RefusedMalformed, RefusedNotSelfSigned (an API-issued token: exchange takes
	// self-signed tokens only) or RefusedBadSignature.
	Reason TokenRefusal
}

func (e *ExchangeRefusedError) Error() string {
	return "ivsrt: token exchange refused: " + string(e.Reason)
}

// Is reports whether target is ErrExchangeRefused or e's Reason.
func (e *ExchangeRefusedError) Is(target error) bool {
	return target == ErrExchangeRefused || target == error(e.Reason)
}

// Publish starts publishing: PUBLISH_STARTED, the participant's published becomes true for
// the session, and a "Participant Published" EventBridge event. Refused: a *MediaError
// (InsufficientCapabilities, QuotaExceeded).
func (p *Participant) Publish(ctx context.Context) error {
	return p.verb(ctx, "ivsrt:Publish", "")
}

// Unpublish stops publishing (PUBLISH_STOPPED, "Participant Unpublished") and everyone's
// subscriptions to it.
func (p *Participant) Unpublish(ctx context.Context) error {
	return p.verb(ctx, "ivsrt:Unpublish", "")
}

// Subscribe subscribes to the participant publisherID of the same stage
// (SUBSCRIBE_STARTED with remoteParticipantId = publisherID). Refused: a *MediaError
// (InsufficientCapabilities, PublisherNotFound, QuotaExceeded).
func (p *Participant) Subscribe(ctx context.Context, publisherID string) error {
	return p.verb(ctx, "ivsrt:Subscribe", publisherID)
}

// Unsubscribe stops the subscription to publisherID (SUBSCRIBE_STOPPED).
func (p *Participant) Unsubscribe(ctx context.Context, publisherID string) error {
	return p.verb(ctx, "ivsrt:Unsubscribe", publisherID)
}

// Leave leaves the stage: publishing and subscriptions stop first (their STOPPED events),
// then LEFT; the participant becomes DISCONNECTED. The session ends when its last
// participant has left, after the engine's session end delay (180 s by default,
// Options.SessionEndDelaySeconds) on the engine clock.
func (p *Participant) Leave(ctx context.Context) error {
	return p.verb(ctx, "ivsrt:LeaveStage", "")
}

// ExchangeToken replaces the participant's token, as the broadcast SDKs' token exchange
// does (user guide, "Token Exchange"). It takes self-signed tokens only, which the engine
// does not take yet: today every token is refused with an *ExchangeRefusedError
// (RefusedNotSelfSigned for a token of CreateParticipantToken or CreateStage).
func (p *Participant) ExchangeToken(ctx context.Context, token string) error {
	in := map[string]any{"stageArn": p.StageArn, "participantId": p.ID, "token": token}
	out, err := p.e.call(ctx, "ivsrt:ExchangeToken", in)
	if err != nil {
		return err
	}
	r, err := readVerdict("ExchangeToken", out)
	if err != nil || r.OK {
		return err
	}
	return &ExchangeRefusedError{Reason: r.Reason}
}

// verb runs a media verb; publisherID is sent for Subscribe and Unsubscribe only.
func (p *Participant) verb(ctx context.Context, op, publisherID string) error {
	in := map[string]any{"stageArn": p.StageArn, "participantId": p.ID}
	if op == "ivsrt:Subscribe" || op == "ivsrt:Unsubscribe" {
		in["publisherParticipantId"] = publisherID
	}
	out, err := p.e.call(ctx, op, in)
	if err != nil {
		return err
	}
	name := op[len("ivsrt:"):]
	r, err := readVerdict(name, out)
	if err != nil || r.OK {
		return err
	}
	return &MediaError{Op: name, ParticipantID: p.ID, PublisherID: publisherID, Code: r.ErrorCode}
}

// verdict is the answer of a media verb: {"ok": true} or {"ok": false, "errorCode"|"reason"}.
type verdict struct {
	OK        bool           `json:"ok"`
	ErrorCode EventErrorCode `json:"errorCode"`
	Reason    TokenRefusal   `json:"reason"`
}

func readVerdict(op string, out []byte) (verdict, error) {
	var r verdict
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("ivsrt: %s response: %w", op, err)
	}
	return r, nil
}
