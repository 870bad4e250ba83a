package app

import (
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// AlertRules are one user's choices about desktop alerts on one account.
// Alerts that a rule silences still land in the inbox: a rule decides what
// interrupts the user, never what they can find later.
type AlertRules struct {
	Tier     bool `json:"tier"`     // a ticket reaches my tier
	Assigned bool `json:"assigned"` // a ticket is assigned to me
	Reply    bool `json:"reply"`    // a reply on a request I filed
	Due      bool `json:"due"`      // a ticket of mine nears its due time
	// DueLead is how long before the due time the alert comes.
	DueLead time.Duration `json:"due_lead"`
	// MinPriority silences tickets below it.
	MinPriority helpdesk.Priority `json:"min_priority"`
	// QuietFrom and QuietTo bound the quiet hours as minutes after local
	// midnight; equal values mean no quiet hours. The span may cross
	// midnight (22:00–07:00).
	QuietFrom int `json:"quiet_from"`
	QuietTo   int `json:"quiet_to"`
	// PausedUntil silences everything until then ("pause for an hour").
	PausedUntil time.Time `json:"paused_until,omitzero"`
}

// DefaultAlertRules alert on everything, 30 minutes before due, no quiet
// hours: an engineer who installs Tierdesk for its alerts gets them.
func DefaultAlertRules() AlertRules {
	return AlertRules{Tier: true, Assigned: true, Reply: true, Due: true, DueLead: 30 * time.Minute}
}

// Validate checks rules a person set.
func (r AlertRules) Validate() error {
	if r.DueLead < 0 || r.DueLead > 7*24*time.Hour {
		return fmt.Errorf("%w: due-time lead %s (0 to 7 days)", helpdesk.ErrInvalid, r.DueLead)
	}
	if r.QuietFrom < 0 || r.QuietFrom >= 24*60 || r.QuietTo < 0 || r.QuietTo >= 24*60 {
		return fmt.Errorf("%w: quiet hours must be times of day", helpdesk.ErrInvalid)
	}
	if !r.MinPriority.Valid() {
		return fmt.Errorf("%w: minimum priority %d", helpdesk.ErrInvalid, r.MinPriority)
	}
	return nil
}

// Wants reports whether the kind of alert is switched on.
func (r AlertRules) Wants(k helpdesk.AlertKind) bool {
	switch k {
	case helpdesk.AlertTier:
		return r.Tier
	case helpdesk.AlertAssigned:
		return r.Assigned
	case helpdesk.AlertReply:
		return r.Reply
	case helpdesk.AlertDue:
		return r.Due
	}
	return true
}

// Quiet reports whether now (in its own location) is in the quiet hours
// or the pause.
func (r AlertRules) Quiet(now time.Time) bool {
	if now.Before(r.PausedUntil) {
		return true
	}
	if r.QuietFrom == r.QuietTo {
		return false
	}
	m := now.Hour()*60 + now.Minute()
	if r.QuietFrom < r.QuietTo {
		return m >= r.QuietFrom && m < r.QuietTo
	}
	return m >= r.QuietFrom || m < r.QuietTo
}

const alertRulesSetting = "alerts.rules"

// AlertRules returns the user's rules on this account.
func (d *Desk) AlertRules() (AlertRules, error) {
	r := DefaultAlertRules()
	if _, err := d.store.Setting(alertRulesSetting, &r); err != nil {
		return r, err
	}
	return r, nil
}

// SetAlertRules saves the user's rules on this account.
func (d *Desk) SetAlertRules(r AlertRules) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := d.store.SetSetting(alertRulesSetting, r); err != nil {
		return err
	}
	d.feed.publish(Change{Alerts: true}) // the tray's pause label follows
	return nil
}

// PauseAlerts silences desktop alerts for the duration (0 resumes them).
func (d *Desk) PauseAlerts(span time.Duration) error {
	r, err := d.AlertRules()
	if err != nil {
		return err
	}
	r.PausedUntil = time.Time{}
	if span > 0 {
		r.PausedUntil = d.clock().Add(span)
	}
	return d.SetAlertRules(r)
}
