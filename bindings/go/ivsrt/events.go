package ivsrt

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// The engine's EventBridge stream: ivsrt:ReceiveEvents (README, "Test control").

// Event is one event as Amazon EventBridge delivers it (the envelope of NOTES.md §9 and the
// EventBridge user guide, "Events"). The engine emits "IVS Stage Update" events for
// "Participant Published", "Participant Unpublished" and "Participant Publish Error"; IVS
// sends none for joins and leaves.
type Event struct {
	Version    string          `json:"version"`     // "0"
	ID         string          `json:"id"`          // a UUID (version 4 form)
	DetailType string          `json:"detail-type"` // "IVS Stage Update"
	Source     string          `json:"source"`      // "aws.ivs"
	Account    string          `json:"account"`     // the engine's account id
	Time       time.Time       `json:"time"`        // the engine clock at emission, whole seconds, UTC
	Region     string          `json:"region"`      // the stage's region
	Resources  []string        `json:"resources"`   // [the stage ARN]
	Detail     json.RawMessage `json:"detail"`      // for "IVS Stage Update", a StageUpdateDetail
}

// StageUpdateDetail is the detail of an "IVS Stage Update" event (NOTES.md §9, from a
// captured payload).
type StageUpdateDetail struct {
	SessionID     string    `json:"session_id"`
	EventName     string    `json:"event_name"` // "Participant Published", ...
	EventTime     time.Time `json:"event_time"`
	UserID        string    `json:"user_id"` // the token's userId, "" when it had none
	ParticipantID string    `json:"participant_id"`
}

// StageUpdate decodes the detail of an "IVS Stage Update" event; for any other detail-type
// it is an error.
func (ev Event) StageUpdate() (StageUpdateDetail, error) {
	var d StageUpdateDetail
	if ev.DetailType != "IVS Stage Update" {
		return d, fmt.Errorf("ivsrt: event %s is %q, not an IVS Stage Update", ev.ID, ev.DetailType)
	}
	err := json.Unmarshal(ev.Detail, &d)
	return d, err
}

// Events returns up to max events emitted after cursor, oldest first, and the cursor to pass
// next time (unchanged when there is no new event). cursor "" reads from the oldest event
// kept; max 0 means the engine's default, 100; the engine takes 1 to 1000, else ErrValidation
// (as for a cursor it did not give out). Events are persisted with the store, so every
// engine on the same DataDir reads them; each reader keeps its own cursor. The engine keeps
// the latest 10,000.
func (e *Engine) Events(ctx context.Context, cursor string, max int) (events []Event, next string, err error) {
	in := map[string]any{}
	if cursor != "" {
		in["cursor"] = cursor
	}
	if max != 0 {
		in["maxEvents"] = max
	}
	out, err := e.call(ctx, "ivsrt:ReceiveEvents", in)
	if err != nil {
		return nil, "", err
	}
	var r struct {
		Events []Event `json:"events"`
		Cursor string  `json:"cursor"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, "", fmt.Errorf("ivsrt: ReceiveEvents response: %w", err)
	}
	return r.Events, r.Cursor, nil
}
