package helpdesk

import "time"

// CommentKind separates what the requester sees from what only agents see.
type CommentKind uint8

// The comment kinds.
const (
	Reply CommentKind = iota // public correspondence, sent to the requester
	Note                     // internal note, agents only
)

// String returns "reply" or "note".
func (k CommentKind) String() string {
	if k == Note {
		return "note"
	}
	return "reply"
}

// Comment is one entry of a ticket's conversation. Comments are append-only:
// they never conflict during sync.
type Comment struct {
	ID       uint64      `json:"id"`
	TicketID uint64      `json:"ticket_id"`
	RemoteID uint64      `json:"remote_id,omitempty"` // server transaction id, zero until sent
	Kind     CommentKind `json:"kind"`
	Author   string      `json:"author"`
	Body     string      `json:"body"`
	Created  time.Time   `json:"created"`
	Pending  bool        `json:"pending,omitempty"` // written here, not yet on the server
	// Attachments are the files sent with the comment (not its body).
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Internal reports whether only agents may see the comment.
func (c Comment) Internal() bool { return c.Kind == Note }
