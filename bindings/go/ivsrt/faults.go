package ivsrt

import "context"

// FaultKind names a failure that ivsrt:InjectFault drives. The states, times and events of
// each are the README's "Compositions", "Faults".
type FaultKind string

// The faults: the first three on a composition, the last two on a participant's recording.
const (
	// FaultDestinationReconnecting: an ACTIVE destination is RECONNECTING (event Destination
	// Reconnecting), and ACTIVE again 30 s later on the engine clock (Destination Start).
	FaultDestinationReconnecting FaultKind = "destination_reconnecting"
	// FaultDestinationFailure: an ACTIVE destination is RECONNECTING, and FAILED 30 s later
	// (Destination Failure); the composition fails with its last destination.
	FaultDestinationFailure FaultKind = "destination_failure"
	// FaultSessionFailure: a STARTING or ACTIVE composition is FAILED at once, with every
	// destination that had not ended (Session Failure).
	FaultSessionFailure FaultKind = "session_failure"
	// FaultRecordingStartFailure: a STARTING recording is FAILED at once (Recording Start
	// Failure).
	FaultRecordingStartFailure FaultKind = "recording_start_failure"
	// FaultRecordingEndFailure: an ACTIVE recording (or a STOPPING one that had started)
	// ends FAILED instead of STOPPED (Recording End Failure).
	FaultRecordingEndFailure FaultKind = "recording_end_failure"
)

// Fault is one failure to inject.
type Fault struct {
	// Target is a composition ARN for the composition faults, a stage ARN for the recording
	// faults.
	Target string
	Kind   FaultKind
	// DestinationID picks one destination of the composition; "" means every ACTIVE one.
	// Composition faults but FaultSessionFailure only.
	DestinationID string
	// ParticipantID is the participant of the stage's active session whose recording
	// fails. Recording faults only, and required by them.
	ParticipantID string
}

// InjectFault makes f happen now (ivsrt:InjectFault). Errors: ErrNotFound for an unknown
// composition, destination, stage or participant (or a stage with no active session);
// ErrValidation, naming the member, for an unknown Kind, a Target of the wrong kind, or a
// member the fault does not take or lacks; ErrConflict when the fault does not apply to
// the current state (a destination that is not ACTIVE, a composition that has ended, a
// recording that is not STARTING), and then nothing changes.
func (e *Engine) InjectFault(ctx context.Context, f Fault) error {
	in := map[string]any{"target": f.Target, "fault": string(f.Kind)}
	if f.DestinationID != "" {
		in["destinationId"] = f.DestinationID
	}
	if f.ParticipantID != "" {
		in["participantId"] = f.ParticipantID
	}
	_, err := e.call(ctx, "ivsrt:InjectFault", in)
	return err
}
