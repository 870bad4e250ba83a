package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Apply records one user action: the optimistic change to the ticket, the
// comment the action adds (if any) and the outbox entry, in one durable
// transaction. It fills in the ids the store owns (outbox Seq, a new
// ticket's ID, the comment's ID) and returns the mutation and the ticket as
// stored. Validation errors wrap helpdesk.ErrInvalid and change nothing.
func (s *Store) Apply(m helpdesk.Mutation) (helpdesk.Mutation, helpdesk.Ticket, error) {
	return s.apply(m, nil)
}

func (s *Store) apply(m helpdesk.Mutation, files [][]byte) (helpdesk.Mutation, helpdesk.Ticket, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	var t helpdesk.Ticket
	err := s.update(func(txn *badger.Txn) error {
		if err := putAttachments(txn, &m, files, &next); err != nil {
			return err
		}
		if m.Kind == helpdesk.MutCreate {
			next.ticket++
			t.ID = next.ticket
			m.TicketID = t.ID
		} else {
			if err := getJSON(txn, idKey(kindTicket, m.TicketID), &t); err != nil {
				return fmt.Errorf("ticket %d: %w", m.TicketID, err)
			}
			if m.BaseVersion == "" {
				m.BaseVersion = t.Version
			}
			m.FromTier, m.FromStatus, m.FromOwner = t.Tier, t.Status, t.Owner
		}
		if err := m.ApplyTo(&t); err != nil {
			return err
		}
		if err := setJSON(txn, idKey(kindTicket, t.ID), t); err != nil {
			return err
		}
		if c, ok := m.Comment(); ok {
			next.comment++
			c.ID = next.comment
			c.TicketID = t.ID
			m.CommentID = c.ID
			if err := setJSON(txn, commentKey(t.ID, c.ID), c); err != nil {
				return err
			}
		}
		next.outbox++
		m.Seq = next.outbox
		m.State = helpdesk.StatePending
		m.Error = ""
		if err := setJSON(txn, idKey(kindOutbox, m.Seq), m); err != nil {
			return err
		}
		return putCounters(txn, s.counters, next)
	})
	if err != nil {
		if errors.Is(err, helpdesk.ErrInvalid) {
			return m, t, err
		}
		return m, t, fmt.Errorf("record %s: %w", m.Kind, err)
	}
	s.counters = next
	s.pending++
	s.index.upsert(t)
	// The full-text side goes through the indexer's queue, behind any
	// pulled page still queued (which must not overwrite this state), so
	// the action returns once it is durable and in the list.
	_, comment := m.Comment()
	s.queueIndex(indexJob{action: actionJob{id: t.ID, stateOnly: !comment && m.Kind != helpdesk.MutCreate}})
	return m, t, nil
}
