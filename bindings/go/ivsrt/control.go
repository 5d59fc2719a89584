package ivsrt

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// The test-control operations. They exist only in the embedded engine (no AWS endpoint has
// them) and are reachable through Invoke and these methods, never over HTTP.

// TokenCapabilities are the capabilities a participant token grants. As in AWS's tokens, a
// capability not granted has no key in the claims; it reads as false.
type TokenCapabilities struct {
	AllowPublish   bool `json:"allow_publish"`
	AllowSubscribe bool `json:"allow_subscribe"`
}

// TokenClaims are the claims of a participant token issued by the engine.
type TokenClaims struct {
	ParticipantID string            `json:"jti"`
	UserID        string            `json:"user_id,omitempty"`
	Resource      string            `json:"resource"` // the stage ARN
	Topic         string            `json:"topic"`    // the stage id
	IssuedAt      int64             `json:"iat"`      // Unix seconds
	ExpiresAt     int64             `json:"exp"`      // Unix seconds
	EventsURL     string            `json:"events_url"`
	WhipURL       string            `json:"whip_url"`
	Capabilities  TokenCapabilities `json:"capabilities"`
	Attributes    map[string]string `json:"attributes,omitempty"`
	Version       string            `json:"version"`
}

// TokenVerification is the engine's verdict on a participant token.
type TokenVerification struct {
	Valid bool `json:"valid"`
	// Reason, when not Valid: RefusedMalformed, RefusedBadSignature, RefusedExpired,
	// RefusedRevoked or RefusedStageDeleted, the reasons Join refuses the token with.
	Reason TokenRefusal `json:"reason,omitempty"`
	// Claims are the token's claims when the engine could read them.
	Claims *TokenClaims `json:"claims,omitempty"`
	// Raw is the whole response of ivsrt:VerifyParticipantToken.
	Raw json.RawMessage `json:"-"`
}

// VerifyParticipantToken checks a token as a stage would at join time: signature, expiry,
// revocation (DisconnectParticipant) and the stage's existence.
func (e *Engine) VerifyParticipantToken(ctx context.Context, token string) (*TokenVerification, error) {
	out, err := e.call(ctx, "ivsrt:VerifyParticipantToken", map[string]any{"token": token})
	if err != nil {
		return nil, err
	}
	var v TokenVerification
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("ivsrt: VerifyParticipantToken response: %w", err)
	}
	v.Raw = out
	return &v, nil
}

// SetClock starts the manual clock at t (whole seconds) and returns the engine's time.
func (e *Engine) SetClock(ctx context.Context, t time.Time) (time.Time, error) {
	return e.clockCall(ctx, "ivsrt:SetClock", map[string]any{"time": formatTime(t)})
}

// AdvanceClock moves the manual clock on by d, a whole number of seconds, and returns the
// engine's time.
func (e *Engine) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	if d%time.Second != 0 {
		return time.Time{}, fmt.Errorf("ivsrt: AdvanceClock: %v is not a whole number of seconds", d)
	}
	return e.clockCall(ctx, "ivsrt:AdvanceClock", map[string]any{"seconds": int64(d / time.Second)})
}

// Clock returns the engine's current time and whether its clock is manual.
func (e *Engine) Clock(ctx context.Context) (now time.Time, manual bool, err error) {
	out, err := e.call(ctx, "ivsrt:GetClock", map[string]any{})
	if err != nil {
		return time.Time{}, false, err
	}
	var r struct {
		Time   string `json:"time"`
		Manual bool   `json:"manual"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return time.Time{}, false, fmt.Errorf("ivsrt: GetClock response: %w", err)
	}
	now, err = time.Parse(time.RFC3339, r.Time)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("ivsrt: GetClock response: %w", err)
	}
	return now, r.Manual, nil
}

// Reset removes every stage, tag and participant of the store.
func (e *Engine) Reset(ctx context.Context) error {
	_, err := e.call(ctx, "ivsrt:Reset", map[string]any{})
	return err
}

func (e *Engine) clockCall(ctx context.Context, op string, in any) (time.Time, error) {
	out, err := e.call(ctx, op, in)
	if err != nil {
		return time.Time{}, err
	}
	var r struct {
		Time string `json:"time"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return time.Time{}, fmt.Errorf("ivsrt: %s response: %w", op, err)
	}
	t, err := time.Parse(time.RFC3339, r.Time)
	if err != nil {
		return time.Time{}, fmt.Errorf("ivsrt: %s response: %w", op, err)
	}
	return t, nil
}

func (e *Engine) call(ctx context.Context, op string, in any) ([]byte, error) {
	req, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	return e.Invoke(ctx, op, req)
}
