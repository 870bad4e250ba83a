package helpdesk

import (
	"fmt"
	"strings"
)

// Status is a ticket's lifecycle state. The values are Request Tracker's
// built-in lifecycle, which most helpdesks map onto cleanly.
type Status string

// The ticket statuses.
const (
	StatusNew      Status = "new"
	StatusOpen     Status = "open"
	StatusStalled  Status = "stalled"
	StatusResolved Status = "resolved"
	StatusRejected Status = "rejected"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusNew, StatusOpen, StatusStalled, StatusResolved, StatusRejected}
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusNew, StatusOpen, StatusStalled, StatusResolved, StatusRejected:
		return true
	}
	return false
}

// Active reports whether the ticket still needs work; resolved and rejected
// tickets drop out of the work queues.
func (s Status) Active() bool { return s == StatusNew || s == StatusOpen || s == StatusStalled }

// Title returns the status capitalised for display.
func (s Status) Title() string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// ParseStatus accepts a status name in any case.
func ParseStatus(v string) (Status, error) {
	s := Status(strings.ToLower(strings.TrimSpace(v)))
	if !s.Valid() {
		return "", fmt.Errorf("%w: status %q (want new, open, stalled, resolved or rejected)", ErrInvalid, v)
	}
	return s, nil
}
