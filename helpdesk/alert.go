package helpdesk

import "time"

// AlertKind is what an alert is about.
type AlertKind string

// The alert kinds a user can switch on and off.
const (
	AlertTier     AlertKind = "tier"     // a ticket entered the user's tier (escalated, or created there)
	AlertAssigned AlertKind = "assigned" // a ticket was assigned to the user
	AlertReply    AlertKind = "reply"    // someone replied on a request the user filed
	AlertDue      AlertKind = "due"      // a ticket of the user's is near its due time
	AlertSummary  AlertKind = "summary"  // the first sync of an account: one line for many tickets
)

// Alert is one entry of the alert inbox. Key identifies the event that
// raised it (which ticket, which change), so the ledger can tell an event
// already alerted from a new one across restarts and repeated pulls.
type Alert struct {
	ID       uint64    `json:"id"`
	Key      string    `json:"key"`
	Kind     AlertKind `json:"kind"`
	TicketID uint64    `json:"ticket_id,omitempty"`
	Title    string    `json:"title"`
	Body     string    `json:"body"`
	Priority Priority  `json:"priority"`
	Created  time.Time `json:"created"`
	Read     bool      `json:"read,omitempty"`
	// Notified says whether a desktop notification went out; quiet hours,
	// a pause or a rule keep an alert in the inbox only.
	Notified bool `json:"notified,omitempty"`
}
