package ivsrt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Joining a stage in the simulated media plane: ivsrt:JoinStage (README, "Test control").
// Participant tokens are checked as IVS checks them at join: signature, expiry on the engine
// clock, revocation (DisconnectParticipant) and the stage's existence.

// Protocol is the protocol a participant joins with (the model's ParticipantProtocol; the
// engine accepts these three).
type Protocol string

const (
	ProtocolWHIP  Protocol = "WHIP" // the default: WebRTC, as the broadcast SDKs join
	ProtocolRTMP  Protocol = "RTMP"
	ProtocolRTMPS Protocol = "RTMPS"
)

// Client is what a participant's client reports about itself, as GetParticipant returns it
// (the model's ParticipantClientAttribute members). Each is at most 128 characters of
// [a-zA-Z0-9-_.,:;\s], else Join fails with ErrValidation; an empty one is not sent and
// reads back as "".
type Client struct {
	BrowserName    string `json:"browserName,omitempty"`
	BrowserVersion string `json:"browserVersion,omitempty"`
	OSName         string `json:"osName,omitempty"`
	OSVersion      string `json:"osVersion,omitempty"`
	SDKVersion     string `json:"sdkVersion,omitempty"`
	ISPName        string `json:"ispName,omitempty"`
}

// JoinOption sets a member of the join request.
type JoinOption func(*joinRequest)

type joinRequest struct {
	Token    string   `json:"token"`
	Protocol Protocol `json:"protocol,omitempty"`
	Client   *Client  `json:"client,omitempty"`
}

// WithProtocol joins with p instead of WHIP.
func WithProtocol(p Protocol) JoinOption { return func(r *joinRequest) { r.Protocol = p } }

// WithClient sets the client attributes GetParticipant reports.
func WithClient(c Client) JoinOption { return func(r *joinRequest) { r.Client = &c } }

// The reasons a token is refused: TokenVerification.Reason, JoinRefusedError.Reason and
// ExchangeRefusedError.Reason. A TokenRefusal is also an error, so that
// errors.Is(err, ivsrt.RefusedExpired) tells a refusal's reason.
type TokenRefusal string

const (
	RefusedMalformed     TokenRefusal = "malformed"       // not a JWT the engine can read
	RefusedBadSignature  TokenRefusal = "bad_signature"   // signed by another key
	RefusedExpired       TokenRefusal = "expired"         // the engine clock is past its exp
	RefusedRevoked       TokenRefusal = "revoked"         // DisconnectParticipant revoked it
	RefusedStageDeleted  TokenRefusal = "stage_deleted"   // its stage is gone
	RefusedNotSelfSigned TokenRefusal = "not_self_signed" // exchange only: an API-issued token
	// Self-signed tokens (README, "Public keys and self-signed tokens"):
	RefusedUnknownKey    TokenRefusal = "unknown_key"             // kid names no key of the stage's account and region
	RefusedInvalidClaims TokenRefusal = "invalid_claims"          // version, lifetime or stage claims wrong
	RefusedClaimChanged  TokenRefusal = "immutable_claim_changed" // exchange only: another resource or jti
)

func (r TokenRefusal) Error() string { return "ivsrt: token refused: " + string(r) }

// ErrJoinRefused matches every *JoinRefusedError.
var ErrJoinRefused = errors.New("ivsrt: join refused")

// JoinRefusedError is Join's error when the engine refuses the token. It matches
// ErrJoinRefused and its Reason with errors.Is.
type JoinRefusedError struct {
	// Reason is one of RefusedMalformed, RefusedBadSignature, RefusedExpired,
	// RefusedRevoked, RefusedStageDeleted, and for self-signed tokens RefusedUnknownKey or
	// RefusedInvalidClaims.
	Reason TokenRefusal
}

func (e *JoinRefusedError) Error() string { return "ivsrt: join refused: " + string(e.Reason) }

// Is reports whether target is ErrJoinRefused or e's Reason.
func (e *JoinRefusedError) Is(target error) bool {
	return target == ErrJoinRefused || target == error(e.Reason)
}

// Join joins the stage of token (a participant token from CreateParticipantToken or
// CreateStage) as the participant the token names, at the engine clock's time. The first
// join of a stage without an active session starts one ("st-" + 13 alphanumerics, then the
// stage's activeSessionId); joining again with the same token reconnects the same
// participant. A refused token is a *JoinRefusedError and changes nothing; a bad option
// (an unknown Protocol, a Client attribute out of its pattern) is an *Error, ErrValidation.
func (e *Engine) Join(ctx context.Context, token string, opts ...JoinOption) (*Participant, error) {
	req := joinRequest{Token: token}
	for _, o := range opts {
		o(&req)
	}
	out, err := e.call(ctx, "ivsrt:JoinStage", req)
	if err != nil {
		return nil, err
	}
	var r struct {
		Joined        bool         `json:"joined"`
		Reason        TokenRefusal `json:"reason"`
		ParticipantID string       `json:"participantId"`
		StageArn      string       `json:"stageArn"`
		SessionID     string       `json:"sessionId"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("ivsrt: JoinStage response: %w", err)
	}
	if !r.Joined {
		return nil, &JoinRefusedError{Reason: r.Reason}
	}
	return &Participant{ID: r.ParticipantID, StageArn: r.StageArn, SessionID: r.SessionID, e: e}, nil
}
