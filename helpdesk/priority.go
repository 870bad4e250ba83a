package helpdesk

import (
	"fmt"
	"strings"
)

// Priority orders tickets by urgency. It is a small ordinal rather than RT's
// 0..99 number so that rules ("alert me at High and above") stay simple; the
// back-end adapter maps ranges onto it.
type Priority uint8

// The priorities, lowest first.
const (
	PriorityLow Priority = iota
	PriorityNormal
	PriorityHigh
	PriorityUrgent
)

// Priorities lists every priority, lowest first.
func Priorities() []Priority {
	return []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}
}

var priorityNames = [...]string{"low", "normal", "high", "urgent"}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return int(p) < len(priorityNames) }

// String returns the lower-case name ("high").
func (p Priority) String() string {
	if !p.Valid() {
		return fmt.Sprintf("priority(%d)", uint8(p))
	}
	return priorityNames[p]
}

// Title returns the capitalised name for display.
func (p Priority) Title() string {
	s := p.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// ParsePriority accepts a priority name in any case.
func ParsePriority(v string) (Priority, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	for i, n := range priorityNames {
		if n == s {
			return Priority(i), nil
		}
	}
	return 0, fmt.Errorf("%w: priority %q (want low, normal, high or urgent)", ErrInvalid, v)
}

// MarshalText encodes the priority by name.
func (p Priority) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("%w: priority %d", ErrInvalid, p)
	}
	return []byte(p.String()), nil
}

// UnmarshalText is the inverse of MarshalText.
func (p *Priority) UnmarshalText(b []byte) error {
	v, err := ParsePriority(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
