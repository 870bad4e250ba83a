package helpdesk

import (
	"slices"
	"strconv"
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
	// refLike: text could be part of a reference ("#123", "new-5"). Most
	// typed text cannot, and then no ticket's reference is formatted:
	// doing so for every ticket was most of a filter's time on a large
	// store (an allocation per ticket; see BENCHMARKS.md).
	refLike bool
}

// Matcher prepares f for repeated matching.
func (f Filter) Matcher() Matcher {
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if text == "#" {
		text = "" // the start of a typed reference: nothing to narrow by yet
	}
	refLike := text != "" && strings.Trim(text, "#0123456789new-") == ""
	return Matcher{f: f, text: text, refLike: refLike}
}

// All reports whether every ticket passes: the filter names nothing to
// narrow by (a typed "#" alone counts as nothing, as in Match).
func (m *Matcher) All() bool {
	f := &m.f
	return len(f.Tiers) == 0 && len(f.Statuses) == 0 && !f.ActiveOnly && !f.Unowned &&
		f.Owner == "" && f.Requester == "" && f.Queue == "" && m.text == ""
}

// Match reports whether t passes the filter. subjectLower is t.Subject in
// lower case; callers that keep it precomputed (the summary index) avoid an
// allocation per ticket, others pass strings.ToLower(t.Subject).
//
// The receiver is a pointer: a Matcher is a dozen words, and copying it for
// each of 100,000 tickets cost more than the matching (BENCHMARKS.md).
func (m *Matcher) Match(t *Ticket, subjectLower string) bool {
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
		if !m.refLike || !m.refContains(t) {
			return false
		}
	}
	return true
}

// refContains reports whether t's reference (see Ticket.Ref, already lower
// case) contains the filter text, formatting it on the stack.
func (m *Matcher) refContains(t *Ticket) bool {
	var buf [24]byte
	b := buf[:0]
	if t.RemoteID != 0 {
		b = strconv.AppendUint(append(b, '#'), t.RemoteID, 10)
	} else {
		b = strconv.AppendUint(append(b, "new-"...), t.ID, 10)
	}
	return strings.Contains(string(b), m.text)
}

// Match reports whether t passes f; for many tickets use Matcher.
func (f Filter) Match(t Ticket) bool {
	m := f.Matcher()
	return m.Match(&t, strings.ToLower(t.Subject))
}
