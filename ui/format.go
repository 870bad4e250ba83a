package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// dueLayout is how people type and read due times. It is local time and has
// no seconds because help-desk deadlines are never that precise.
const dueLayout = "2006-01-02 15:04"

// ago renders t relative to now for lists ("3h ago"), where an exact time
// would be harder to scan. Beyond a week the date is clearer than "23d ago".
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	if d < 0 {
		return "in " + span(-d)
	}
	if d < time.Minute {
		return "just now"
	}
	if d < 7*24*time.Hour {
		return span(d) + " ago"
	}
	return shortDate(now, t)
}

// span is a duration in the largest whole unit people use for it.
func span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	default:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
}

// shortDate drops the year when it is the current one, as mail clients do.
func shortDate(now, t time.Time) string {
	t = t.Local()
	if t.Year() == now.Local().Year() {
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}

// stamp is an absolute, local timestamp for the conversation, where people
// compare times with phone calls and e-mails.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("Mon 2 Jan 2006 15:04")
}

// dueText describes a due time with how far away it is, so the header tells
// at a glance whether the ticket is late.
func dueText(now time.Time, t helpdesk.Ticket) string {
	if t.Due.IsZero() {
		return "no due time"
	}
	abs := t.Due.Local().Format("2 Jan 15:04")
	if t.Overdue(now) {
		return abs + " (overdue by " + span(now.Sub(t.Due)) + ")"
	}
	if t.Due.After(now) {
		return abs + " (in " + span(t.Due.Sub(now)) + ")"
	}
	return abs
}

// parseDue reads the optional due field of the new-ticket form.
func parseDue(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(dueLayout, s, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: due time %q: use YYYY-MM-DD HH:MM", helpdesk.ErrInvalid, s)
	}
	return t, nil
}

// plural writes "1 ticket" / "3 tickets".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// userMessage turns an error into a sentence for a person. Validation
// errors wrap helpdesk.ErrInvalid and read "invalid: the reply is empty";
// the "invalid:" prefix is noise for a user, so it is dropped.
func userMessage(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if errors.Is(err, helpdesk.ErrInvalid) {
		prefix := helpdesk.ErrInvalid.Error() + ": "
		if i := strings.LastIndex(msg, prefix); i >= 0 {
			msg = msg[i+len(prefix):]
		}
	}
	return capitalise(msg)
}

// drawable replaces characters Fyne cannot draw in context. U+2192 (→) is
// shaped with the bundled emoji font, which then also gets the space after
// it and draws that as a missing glyph ("L1 →� L2"); the long arrow comes
// from a text font and draws cleanly. Display only: stored text is kept.
func drawable(s string) string { return strings.ReplaceAll(s, "→", "⟶") }

// upperFirst upper-cases the first letter only: for list items, where a
// period added after "use https://" would read as part of the address.
func upperFirst(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// capitalise upper-cases the first letter and ends the sentence.
func capitalise(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// roleTitle names a role for the status bar.
func roleTitle(r helpdesk.Role) string {
	s := string(r)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ownerText names who holds a ticket, saying so when nobody does, because an
// empty cell reads as "not loaded" rather than "waiting to be taken".
func ownerText(t *helpdesk.Ticket) string {
	if t.Unowned() {
		return "Unowned"
	}
	return t.Owner
}
