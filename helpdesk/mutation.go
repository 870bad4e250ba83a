package helpdesk

import (
	"fmt"
	"strings"
	"time"
)

// MutationKind names what a user did to a ticket.
type MutationKind string

// The mutation kinds. Each is one user action and one outbox entry.
const (
	MutCreate     MutationKind = "create"
	MutReply      MutationKind = "reply"
	MutNote       MutationKind = "note"
	MutStatus     MutationKind = "status"
	MutTake       MutationKind = "take"
	MutAssign     MutationKind = "assign"
	MutEscalate   MutationKind = "escalate"
	MutDeescalate MutationKind = "deescalate"
)

// MutationState says where an outbox entry stands. Nothing leaves the outbox
// except by reaching the server or by the user discarding it.
type MutationState string

// The outbox states.
const (
	StatePending  MutationState = "pending"  // waiting to be sent
	StateFailed   MutationState = "failed"   // the server refused it; Error says why
	StateConflict MutationState = "conflict" // the server changed the same field; the user decides
)

// Progress is how far sending a mutation got. Steps are recorded before
// they are taken, so a recorded step may or may not have reached the server.
type Progress uint8

// The sending steps, in order.
const (
	NotSent    Progress = iota
	Attempted           // the first request was (perhaps) sent
	FieldsSent          // a tier change's field update succeeded; its hand-off note is next
)

// MaxBodyLen bounds a reply, note or hand-off note (1 MiB of text).
const MaxBodyLen = 1 << 20

// Mutation is one user action recorded for the server: what was done, to
// which ticket, against which server version, and where it stands.
type Mutation struct {
	Seq         uint64        `json:"seq"`       // position in the outbox, set by the store
	ClientID    string        `json:"client_id"` // unique per action; makes retries idempotent
	Kind        MutationKind  `json:"kind"`
	TicketID    uint64        `json:"ticket_id"` // local ticket id; set by the store for creates
	BaseVersion string        `json:"base_version,omitempty"`
	Author      string        `json:"author"`
	Created     time.Time     `json:"created"`
	State       MutationState `json:"state"`
	Error       string        `json:"error,omitempty"`
	// Progress is recorded durably before each step of sending, so that
	// after a crash the engine knows what the server may already have.
	Progress Progress `json:"progress,omitempty"`
	// AttemptedAt is when sending began: a server may still be working on
	// a request whose answer was lost, so a create is not sent again until
	// a lookup has had time to find it.
	AttemptedAt time.Time `json:"attempted_at,omitzero"`
	CommentID   uint64    `json:"comment_id,omitempty"` // the local comment this action added

	// Payload: which fields are used depends on Kind.
	Ticket   *Ticket  `json:"ticket,omitempty"` // MutCreate: the new ticket
	Body     string   `json:"body,omitempty"`   // reply, note, hand-off note, or a new ticket's description
	Status   Status   `json:"status,omitempty"` // MutStatus
	Owner    string   `json:"owner,omitempty"`  // MutAssign (MutTake uses Author)
	Tier     Tier     `json:"tier,omitempty"`   // MutEscalate, MutDeescalate: the target tier
	Priority Priority `json:"priority,omitempty"`
	// Attachments are the files of a MutCreate or MutReply; their bytes
	// are in the local store until the action is acknowledged.
	Attachments []Attachment `json:"attachments,omitempty"`

	// The field's value before the change, recorded by the store: on a
	// version conflict it tells a field only this side changed from one
	// both sides changed.
	FromTier   Tier   `json:"from_tier,omitempty"`
	FromStatus Status `json:"from_status,omitempty"`
	FromOwner  string `json:"from_owner,omitempty"`

	// Knowledge-base mutations (see article_mutation.go): the local
	// article, its content as written, and for an edit the server's
	// version it was made against (nil for an article not yet on the
	// server), for a field-by-field merge on conflict.
	ArticleID   uint64   `json:"article_id,omitempty"`
	Article     *Article `json:"article,omitempty"`
	FromArticle *Article `json:"from_article,omitempty"`
}

// Validate checks a mutation on its own, before it is applied to a ticket.
func (m Mutation) Validate() error {
	if m.ClientID == "" {
		return fmt.Errorf("%w: mutation without a client id", ErrInvalid)
	}
	if strings.TrimSpace(m.Author) == "" {
		return fmt.Errorf("%w: mutation without an author", ErrInvalid)
	}
	if len(m.Body) > MaxBodyLen {
		return fmt.Errorf("%w: the text is longer than %d bytes", ErrInvalid, MaxBodyLen)
	}
	if err := validateAttachments(m.Kind, m.Attachments); err != nil {
		return err
	}
	blank := strings.TrimSpace(m.Body) == ""
	switch m.Kind {
	case MutCreate:
		if m.Ticket == nil {
			return fmt.Errorf("%w: create without a ticket", ErrInvalid)
		}
		return m.Ticket.Validate()
	case MutReply:
		if blank {
			return fmt.Errorf("%w: the reply is empty", ErrInvalid)
		}
	case MutNote:
		if blank {
			return fmt.Errorf("%w: the note is empty", ErrInvalid)
		}
	case MutStatus:
		if !m.Status.Valid() {
			return fmt.Errorf("%w: status %q", ErrInvalid, m.Status)
		}
	case MutTake:
	case MutAssign:
		if strings.ContainsAny(m.Owner, "\r\n\t") {
			return fmt.Errorf("%w: owner %q", ErrInvalid, m.Owner)
		}
	case MutEscalate, MutDeescalate:
		if !m.Tier.Valid() {
			return fmt.Errorf("%w: tier %d", ErrInvalid, m.Tier)
		}
		if blank {
			return fmt.Errorf("%w: a hand-off note is required when the tier changes", ErrInvalid)
		}
	case MutArticleCreate, MutArticleEdit:
		return m.validateArticle()
	default:
		return fmt.Errorf("%w: mutation kind %q", ErrInvalid, m.Kind)
	}
	return nil
}

// ApplyTo makes the mutation's change to t, as the local optimistic change and
// again when pending changes are rebased over fresh server state. It refuses
// changes that make no sense for t as it now is (escalating to a lower tier,
// setting the status it already has).
func (m Mutation) ApplyTo(t *Ticket) error {
	if err := m.Validate(); err != nil {
		return err
	}
	switch m.Kind {
	case MutCreate:
		id := t.ID
		*t = *m.Ticket
		t.ID = id
	case MutReply:
		// A reply from an agent re-opens a new ticket, as RT does.
		if t.Status == StatusNew && t.Requester != m.Author {
			t.Status = StatusOpen
		}
	case MutNote:
	case MutStatus:
		if t.Status == m.Status {
			return fmt.Errorf("%w: %s is already %s", ErrInvalid, t.Ref(), m.Status)
		}
		t.Status = m.Status
	case MutTake:
		if t.Owner == m.Author {
			return fmt.Errorf("%w: %s is already yours", ErrInvalid, t.Ref())
		}
		t.Owner = m.Author
	case MutAssign:
		t.Owner = strings.TrimSpace(m.Owner)
	case MutEscalate:
		if m.Tier <= t.Tier {
			return fmt.Errorf("%w: %s is at %s; escalation must go above it", ErrInvalid, t.Ref(), t.Tier)
		}
		t.Tier = m.Tier
		t.Owner = "" // the next tier picks it up
	case MutDeescalate:
		if m.Tier >= t.Tier {
			return fmt.Errorf("%w: %s is at %s; de-escalation must go below it", ErrInvalid, t.Ref(), t.Tier)
		}
		t.Tier = m.Tier
		t.Owner = ""
	}
	if m.Kind != MutCreate && !m.Created.IsZero() {
		t.Updated = m.Created
	}
	return nil
}

// Comment returns the conversation entry the mutation adds, if any: replies,
// notes, a new ticket's description, and the hand-off note of a tier change
// (kept as an internal note so the next tier reads it first).
func (m Mutation) Comment() (Comment, bool) {
	c := Comment{TicketID: m.TicketID, Author: m.Author, Created: m.Created, Pending: true}
	switch m.Kind {
	case MutReply:
		c.Kind, c.Body, c.Attachments = Reply, m.Body, m.Attachments
	case MutNote:
		c.Kind, c.Body = Note, m.Body
	case MutCreate:
		if strings.TrimSpace(m.Body) == "" && len(m.Attachments) == 0 {
			return Comment{}, false
		}
		c.Kind, c.Body, c.Attachments = Reply, m.Body, m.Attachments
	case MutEscalate:
		c.Kind, c.Body = Note, fmt.Sprintf("Escalated %s → %s. Hand-off: %s", m.FromTier, m.Tier, m.Body)
	case MutDeescalate:
		c.Kind, c.Body = Note, fmt.Sprintf("De-escalated %s → %s. Hand-off: %s", m.FromTier, m.Tier, m.Body)
	default:
		return Comment{}, false
	}
	return c, true
}

// Describe is a one-line summary of the mutation for the outbox view and CLI.
func (m Mutation) Describe() string {
	switch m.Kind {
	case MutCreate:
		if m.Ticket != nil {
			return fmt.Sprintf("Create %q", m.Ticket.Subject)
		}
		return "Create ticket"
	case MutReply:
		return "Reply: " + excerpt(m.Body, 60)
	case MutNote:
		return "Note: " + excerpt(m.Body, 60)
	case MutStatus:
		return "Status → " + m.Status.Title()
	case MutTake:
		return "Take (" + m.Author + ")"
	case MutAssign:
		if m.Owner == "" {
			return "Unassign"
		}
		return "Assign → " + m.Owner
	case MutEscalate:
		return fmt.Sprintf("Escalate %s → %s", m.FromTier, m.Tier)
	case MutDeescalate:
		return fmt.Sprintf("De-escalate %s → %s", m.FromTier, m.Tier)
	case MutArticleCreate, MutArticleEdit:
		return m.describeArticle()
	}
	return string(m.Kind)
}

// excerpt shortens s to at most n runes on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
