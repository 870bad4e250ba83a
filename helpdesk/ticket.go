package helpdesk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxSubjectLen bounds a subject in runes; RT stores 200 characters.
const MaxSubjectLen = 200

// Ticket is one support request as this device knows it. ID is local and
// stable on this device; RemoteID is the server's number, zero until the
// server has accepted a ticket created here.
type Ticket struct {
	ID        uint64    `json:"id"`
	RemoteID  uint64    `json:"remote_id,omitempty"`
	ClientRef string    `json:"client_ref,omitempty"` // made at creation; lets sync find an unacknowledged create on the server
	Subject   string    `json:"subject"`
	Requester string    `json:"requester"`
	Owner     string    `json:"owner,omitempty"` // empty: nobody has taken it
	Status    Status    `json:"status"`
	Priority  Priority  `json:"priority"`
	Tier      Tier      `json:"tier"`
	Queue     string    `json:"queue,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	Due       time.Time `json:"due,omitzero"`
	Version   string    `json:"version,omitempty"` // the server version (RT: ETag) this copy is based on
}

// Ref is how the ticket is named to people: the server number when there is
// one, otherwise a marker that it has not reached the server yet.
func (t Ticket) Ref() string {
	if t.RemoteID != 0 {
		return "#" + strconv.FormatUint(t.RemoteID, 10)
	}
	return "new-" + strconv.FormatUint(t.ID, 10)
}

// Unowned reports whether nobody has taken the ticket.
func (t Ticket) Unowned() bool { return t.Owner == "" || t.Owner == "Nobody" }

// Overdue reports whether the ticket is active and past its due time at now.
func (t Ticket) Overdue(now time.Time) bool {
	return t.Status.Active() && !t.Due.IsZero() && now.After(t.Due)
}

// Validate checks the fields a person fills in when creating a ticket.
func (t Ticket) Validate() error {
	subj := strings.TrimSpace(t.Subject)
	switch {
	case subj == "":
		return fmt.Errorf("%w: a ticket needs a subject", ErrInvalid)
	case utf8.RuneCountInString(subj) > MaxSubjectLen:
		return fmt.Errorf("%w: the subject is longer than %d characters", ErrInvalid, MaxSubjectLen)
	case strings.ContainsAny(subj, "\r\n"):
		return fmt.Errorf("%w: the subject must be one line", ErrInvalid)
	case strings.TrimSpace(t.Requester) == "":
		return fmt.Errorf("%w: a ticket needs a requester", ErrInvalid)
	case !t.Status.Valid():
		return fmt.Errorf("%w: status %q", ErrInvalid, t.Status)
	case !t.Priority.Valid():
		return fmt.Errorf("%w: priority %d", ErrInvalid, t.Priority)
	case !t.Tier.Valid():
		return fmt.Errorf("%w: tier %d", ErrInvalid, t.Tier)
	}
	return nil
}
