package sync

import (
	"iter"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Store is what the engine needs of the local store; localdb.Store
// satisfies it. Every method that changes the store is one transaction,
// durable when it returns, except the pulled pages: those become durable at
// Flush (a crash before loses a page together with its cursor, so the next
// sync pulls it again).
type Store interface {
	// Outbox yields unsent actions, oldest first.
	Outbox() iter.Seq2[helpdesk.Mutation, error]
	// Summary returns the local view of a ticket.
	Summary(id uint64) (*helpdesk.Ticket, bool)
	// LocalID maps a server ticket id to the local one.
	LocalID(remote uint64) (uint64, bool)
	// Advance records how far sending an action got, before the step.
	Advance(seq uint64, p helpdesk.Progress) error
	// Acknowledge removes an action the server has, storing its fresh
	// snapshot when given.
	Acknowledge(seq uint64, snap *helpdesk.Snapshot) (helpdesk.Ticket, error)
	// Park marks an action failed or conflicting with the server's words.
	Park(seq uint64, state helpdesk.MutationState, msg string) error
	// Attachment returns the bytes of a file of an unsent action.
	Attachment(blob uint64) ([]byte, error)
	// Cursor returns a saved sync cursor ("" if none).
	Cursor(name string) (string, error)
	// ApplyPull stores a page with its cursor and rebases unsent actions.
	ApplyPull(p helpdesk.Pull) ([]helpdesk.TicketChange, error)
	// Flush makes the pages stored so far durable.
	Flush() error
}
