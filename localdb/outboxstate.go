package localdb

import (
	"errors"
	"fmt"
	"slices"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// Mutation reads one outbox entry.
func (s *Store) Mutation(seq uint64) (helpdesk.Mutation, error) {
	var m helpdesk.Mutation
	err := s.view(func(txn *badger.Txn) error { return getJSON(txn, idKey(kindOutbox, seq), &m) })
	if err != nil {
		return m, fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	return m, nil
}

// Advance durably records how far sending seq has got, before the step is
// taken, so that after a crash the engine knows what the server may have.
func (s *Store) Advance(seq uint64, p helpdesk.Progress) error {
	return s.updateMutation(seq, func(m *helpdesk.Mutation) error {
		if p == helpdesk.Attempted && m.Progress < helpdesk.Attempted {
			m.AttemptedAt = time.Now().UTC()
		}
		m.Progress = p
		return nil
	})
}

// Park sets an entry's state (failed or conflict) with the server's words,
// or back to pending (retry), which clears the message.
func (s *Store) Park(seq uint64, state helpdesk.MutationState, msg string) error {
	return s.updateMutation(seq, func(m *helpdesk.Mutation) error {
		m.State, m.Error = state, msg
		if state == helpdesk.StatePending {
			m.Error = ""
		}
		return nil
	})
}

// Rebase re-bases a conflicting entry on the server's current version: the
// user chose "keep mine", so it is sent again against that version.
func (s *Store) Rebase(seq uint64, version string) error {
	return s.updateMutation(seq, func(m *helpdesk.Mutation) error {
		m.BaseVersion, m.State, m.Error = version, helpdesk.StatePending, ""
		return nil
	})
}

// Edit replaces the text of an unsent reply, note or hand-off note.
func (s *Store) Edit(seq uint64, body string) (helpdesk.Mutation, error) {
	var out helpdesk.Mutation
	err := s.updateMutation(seq, func(m *helpdesk.Mutation) error {
		if m.Kind.IsArticle() {
			return fmt.Errorf("%w: an unsent article is changed by editing the article", helpdesk.ErrInvalid)
		}
		c := *m
		c.Body = body
		if err := c.Validate(); err != nil {
			return err
		}
		*m = c
		m.State, m.Error = helpdesk.StatePending, ""
		out = *m
		return nil
	})
	if err != nil {
		return out, err
	}
	// The conversation shows the new text at once.
	if cm, ok := out.Comment(); ok && out.CommentID != 0 {
		cm.ID, cm.TicketID = out.CommentID, out.TicketID
		s.wmu.Lock()
		defer s.wmu.Unlock()
		if err := s.update(func(txn *badger.Txn) error { return setJSON(txn, commentKey(cm.TicketID, cm.ID), cm) }); err != nil {
			return out, fmt.Errorf("edit outbox entry %d: %w", seq, err)
		}
		s.reindexTickets(cm.TicketID)
	}
	return out, nil
}

func (s *Store) updateMutation(seq uint64, f func(*helpdesk.Mutation) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.update(func(txn *badger.Txn) error {
		var m helpdesk.Mutation
		if err := getJSON(txn, idKey(kindOutbox, seq), &m); err != nil {
			return err
		}
		if err := f(&m); err != nil {
			return err
		}
		return setJSON(txn, idKey(kindOutbox, seq), m)
	})
	if err != nil {
		return fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	return nil
}

// Acknowledge removes an entry the server now has. snap, when the caller
// fetched it, becomes the ticket's server copy (for a create it also maps
// the local ticket to its new server id); without it the action's comment
// is just marked as sent until the next pull brings the server's copy.
//
// Acknowledging an entry that is gone (the user discarded it while it was
// being sent) is not an error: the server has it either way, and the next
// pull shows the ticket as the server keeps it.
func (s *Store) Acknowledge(seq uint64, snap *helpdesk.Snapshot) (helpdesk.Ticket, error) {
	t, err := s.removeMutation(seq, snap, false)
	if errors.Is(err, ErrNotFound) {
		return t, nil
	}
	return t, err
}

// Discard removes an entry the user gave up on and rebuilds the ticket from
// its server copy and the remaining unsent changes; a ticket created here
// and never sent disappears with it.
func (s *Store) Discard(seq uint64) (helpdesk.Ticket, error) {
	if m, err := s.Mutation(seq); err == nil && m.Kind.IsArticle() {
		return helpdesk.Ticket{}, s.discardArticle(seq)
	}
	return s.removeMutation(seq, nil, true)
}

func (s *Store) removeMutation(seq uint64, snap *helpdesk.Snapshot, discard bool) (helpdesk.Ticket, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	var ops []func(*badger.Txn) error
	var view helpdesk.Ticket
	gone, dropped := false, 1
	err := s.view(func(txn *badger.Txn) error {
		var m helpdesk.Mutation
		if err := getJSON(txn, idKey(kindOutbox, seq), &m); err != nil {
			return err
		}
		pend, err := pendingByTicket(txn)
		if err != nil {
			return err
		}
		rest := slices.DeleteFunc(pend[m.TicketID], func(x helpdesk.Mutation) bool { return x.Seq == seq })
		ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(idKey(kindOutbox, seq)) })
		ops = append(ops, deleteAttachments(m)...)
		id := m.TicketID
		switch {
		case snap != nil:
			v, _, snapOps, err := planSnapshot(txn, id, *snap, rest, &next, m.CommentID)
			if err != nil {
				return err
			}
			view = v
			ops = append(ops, snapOps...)
		case discard:
			if m.CommentID != 0 {
				ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(commentKey(id, m.CommentID)) })
			}
			server, err := snapshot(txn, id)
			if err != nil {
				return err
			}
			v, ok := rebase(server, rest)
			if !ok {
				gone = true
				keys, err := ticketKeys(txn, id)
				if err != nil {
					return err
				}
				for _, k := range keys {
					ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(k) })
				}
				// Later actions on a ticket that will never exist go too.
				for _, x := range rest {
					ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(idKey(kindOutbox, x.Seq)) })
					ops = append(ops, deleteAttachments(x)...)
				}
				dropped += len(rest)
				view = helpdesk.Ticket{ID: id}
				return nil
			}
			v.ID = id
			view = v
			ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindTicket, id), v) })
		default:
			if err := getJSON(txn, idKey(kindTicket, id), &view); err != nil {
				return err
			}
			if m.CommentID != 0 {
				var c helpdesk.Comment
				if err := getJSON(txn, commentKey(id, m.CommentID), &c); err == nil {
					c.Pending = false
					ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, commentKey(id, c.ID), c) })
				}
			}
		}
		return nil
	})
	if err != nil {
		return view, fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	before := s.counters
	ops = append(ops, func(txn *badger.Txn) error { return putCounters(txn, before, next) })
	if err := s.runSplitDurable(ops); err != nil {
		return view, fmt.Errorf("outbox entry %d: %w", seq, err)
	}
	s.counters = next
	s.pending -= dropped
	if gone {
		s.index.remove(view.ID)
		s.waitIndexed() // a pulled page still queued must not bring it back
		s.search.Delete(fts.KindTicket, view.ID)
	} else {
		s.index.upsert(view)
		s.reindexTickets(view.ID)
	}
	return view, nil
}
