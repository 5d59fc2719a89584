package ivsrt

import (
	"encoding/json"
	"time"
)

// Durability says when an acknowledged write reaches the disk.
type Durability string

const (
	// DurabilitySync (the default): every acknowledged write is on disk.
	DurabilitySync Durability = "sync"
	// DurabilityNoSync is faster; a machine crash may lose recent writes, never corrupts.
	DurabilityNoSync Durability = "nosync"
)

// Options configure an engine. The zero value is a private temporary store in us-east-1,
// account 123456789012, with the system clock, removed at Close.
type Options struct {
	// DataDir is the LMDB store directory, created if missing. Empty: a private temporary
	// store removed at Close. Several engines and processes may share one directory.
	DataDir string
	// Region of Invoke requests (HTTP requests take it from their signature); default
	// "us-east-1".
	Region string
	// AccountID is the 12-digit account of every ARN; default "123456789012".
	AccountID string
	// Seed, when set, makes ids, tokens and the signing key deterministic (non-negative).
	Seed *int64
	// Clock, when not zero, starts a manual clock at this instant (whole seconds, UTC);
	// move it with SetClock and AdvanceClock. Zero: the system clock.
	Clock time.Time
	// Durability of writes; empty means DurabilitySync.
	Durability Durability
	// Quotas overrides service quotas, e.g. {"stages": 5} (stages per account and region,
	// default 1000).
	Quotas map[string]int
	// Strict rejects request members the API does not define.
	Strict bool
	// SessionEndDelaySeconds, when set, is how long a stage session outlives its last
	// participant, in seconds of the engine clock (0 to 86400; default 180, for the docs'
	// "a few minutes").
	SessionEndDelaySeconds *int64
}

// Int64 returns a pointer to v, for Options.Seed and Options.SessionEndDelaySeconds.
func Int64(v int64) *int64 { return &v }

// region returns the effective region.
func (o *Options) region() string {
	if o.Region == "" {
		return "us-east-1"
	}
	return o.Region
}

// accountID returns the effective account id.
func (o *Options) accountID() string {
	if o.AccountID == "" {
		return "123456789012"
	}
	return o.AccountID
}

// json renders the options as the ivsrt_engine_open JSON object; unset fields are left to
// the engine's defaults.
func (o *Options) json() ([]byte, error) {
	m := map[string]any{}
	if o.DataDir != "" {
		m["data_dir"] = o.DataDir
	}
	if o.Region != "" {
		m["region"] = o.Region
	}
	if o.AccountID != "" {
		m["account_id"] = o.AccountID
	}
	if o.Seed != nil {
		m["seed"] = *o.Seed
	}
	if !o.Clock.IsZero() {
		m["clock"] = formatTime(o.Clock)
	}
	if o.Durability != "" {
		m["durability"] = string(o.Durability)
	}
	if o.Quotas != nil {
		m["quotas"] = o.Quotas
	}
	if o.Strict {
		m["strict"] = true
	}
	if o.SessionEndDelaySeconds != nil {
		m["session_end_delay_seconds"] = *o.SessionEndDelaySeconds
	}
	return json.Marshal(m)
}

// formatTime renders t as the ISO-8601 instant the engine reads ("2026-01-02T03:04:05Z").
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
