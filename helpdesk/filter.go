package helpdesk

import (
	"slices"
	"strings"
)

// Filter selects tickets for a list view. Zero fields match everything; Text
// matches case-insensitively anywhere in the subject or the reference.
type Filter struct {
	Tiers      []Tier
	Statuses   []Status
	ActiveOnly bool   // only new, open and stalled
	Owner      string // exact owner name; see Unowned
	Unowned    bool   // only tickets nobody has taken
	Requester  string
	Queue      string
	Text       string
}

// Matcher is a Filter prepared for many Match calls (the text lower-cased once).
type Matcher struct {
	f    Filter
	text string
}

// Matcher prepares f for repeated matching.
func (f Filter) Matcher() Matcher {
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if text == "#" {
		text = "" // the start of a typed reference: nothing to narrow by yet
	}
	return Matcher{f: f, text: text}
}

// Match reports whether t passes the filter. subjectLower is t.Subject in
// lower case; callers that keep it precomputed (the summary index) avoid an
// allocation per ticket, others pass strings.ToLower(t.Subject).
func (m Matcher) Match(t *Ticket, subjectLower string) bool {
	f := &m.f
	if len(f.Tiers) > 0 && !slices.Contains(f.Tiers, t.Tier) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, t.Status) {
		return false
	}
	if f.ActiveOnly && !t.Status.Active() {
		return false
	}
	if f.Unowned && !t.Unowned() {
		return false
	}
	if f.Owner != "" && t.Owner != f.Owner {
		return false
	}
	if f.Requester != "" && t.Requester != f.Requester {
		return false
	}
	if f.Queue != "" && t.Queue != f.Queue {
		return false
	}
	if m.text != "" && !strings.Contains(subjectLower, m.text) {
		if !strings.Contains(strings.ToLower(t.Ref()), m.text) {
			return false
		}
	}
	return true
}

// Match reports whether t passes f; for many tickets use Matcher.
func (f Filter) Match(t Ticket) bool {
	return f.Matcher().Match(&t, strings.ToLower(t.Subject))
}
