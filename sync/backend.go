package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Backend is what the engine needs of a helpdesk server. Implementations map
// the server's vocabulary (queues, custom fields, transactions) onto
// helpdesk types, and classify failures with the errors below.
type Backend interface {
	// Changes returns one page of tickets changed after cursor ("" means
	// from the beginning), each with its full current state and
	// conversation, and the cursor to ask with next. The engine stores the
	// page and the cursor in one transaction.
	Changes(ctx context.Context, cursor string) (Page, error)
	// Fetch returns one ticket's current state and conversation.
	Fetch(ctx context.Context, remoteID uint64) (Remote, error)
	// Create files a new ticket, recording ref server-side so FindCreated
	// can find it if the outcome of this call is never learned. It may
	// return a Remote with a RemoteID and an error together: the ticket
	// exists but a follow-up (status, owner, requester) did not take; it
	// must not be created again.
	// files are attached to the first message.
	Create(ctx context.Context, t helpdesk.Ticket, description, ref string, files ...File) (Remote, error)
	// FindCreated looks for a ticket created with ref; found is false when
	// none exists, in which case creating again cannot duplicate.
	FindCreated(ctx context.Context, ref string) (r Remote, found bool, err error)
	// Comment adds a public reply or an internal note. Comments never
	// conflict, so no version is sent. files are attached to it.
	Comment(ctx context.Context, remoteID uint64, kind helpdesk.CommentKind, body string, files ...File) error
	// Update changes ticket fields if the ticket is still at baseVersion;
	// otherwise it returns ErrConflict and changes nothing.
	Update(ctx context.Context, remoteID uint64, baseVersion string, c FieldChange) error
}

// Page is one batch of the server's change feed.
type Page struct {
	Tickets []Remote
	Deleted []uint64 // remote ids the server no longer has
	Cursor  string   // where the next call starts
	More    bool     // another page is ready now
	Total   int      // changes in this pull when the server says, for progress; -1 if unknown
	Done    int      // changes delivered so far in this pull, with Total
}

// Remote is a ticket as the server has it: RemoteID and Version set, ID
// zero (the store maps it to a local id), with the whole conversation,
// oldest first, each comment with its RemoteID.
type Remote = helpdesk.Snapshot

// FieldChange lists the ticket fields one mutation changes; nil means
// unchanged.
type FieldChange struct {
	Status *helpdesk.Status
	Owner  *string        // "" unassigns
	Tier   *helpdesk.Tier // the adapter maps it to a queue or a custom field
}

// ErrConflict: the ticket changed on the server since the version the
// change was made against (RT: 412 on If-Match).
var ErrConflict = errors.New("changed on the server")

// ErrNotFound: the server has no such ticket (deleted, or never created).
var ErrNotFound = errors.New("not on the server")

// ErrUnauthorized: the server refused the credentials. Nothing is parked
// for it: every request would fail alike until the user fixes the account.
var ErrUnauthorized = errors.New("the server did not accept the user name and password or token")

// RefusedError is a server's refusal of a change on its merits (validation,
// rights). Retrying the same request will not help; the user must decide.
type RefusedError struct {
	Status  int      // HTTP status, 0 if not HTTP
	Message string   // the server's words, shown to the user
	Details []string // further messages, if the server gave several
}

func (e *RefusedError) Error() string { return "refused by the server: " + e.Message }

// TransientError is a failure worth retrying later: the network, a timeout,
// a 5xx, a 429. RetryAfter is the server's hint (zero when none).
type TransientError struct {
	Err        error
	RetryAfter time.Duration
	// NotSent says the request certainly never reached the server (the
	// connection could not be opened), so a create need not be looked up.
	NotSent bool
}

func (e *TransientError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("temporary failure (retry after %s): %v", e.RetryAfter, e.Err)
	}
	return "temporary failure: " + e.Err.Error()
}

func (e *TransientError) Unwrap() error { return e.Err }

// ProtocolError is a response the client cannot understand (malformed
// JSON, a missing field). It is retried like a transient failure but
// reported distinctly, since it usually means a proxy or a server upgrade.
type ProtocolError struct {
	What string
	Err  error
}

func (e *ProtocolError) Error() string {
	return "unexpected response: " + e.What + ": " + e.Err.Error()
}

func (e *ProtocolError) Unwrap() error { return e.Err }
