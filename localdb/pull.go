package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// ApplyPull stores a page of server state with its cursor and rebases the
// unsent changes over it: each ticket's local view becomes the server
// snapshot with this device's pending mutations replayed on top, so the
// user keeps seeing their own changes until the server has them. The
// server's conversation replaces the synced comments; unsent ones stay.
func (s *Store) ApplyPull(p helpdesk.Pull) ([]helpdesk.TicketChange, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	var ops []func(*badger.Txn) error
	var changes []helpdesk.TicketChange
	var upserts []helpdesk.Ticket
	var removed []uint64
	var docs []fts.Doc
	err := s.view(func(txn *badger.Txn) error {
		pend, err := pendingByTicket(txn)
		if err != nil {
			return err
		}
		fresh := map[uint64]uint64{} // server ids first seen in this page
		for _, snap := range p.Snapshots {
			if snap.Ticket.RemoteID == 0 {
				return fmt.Errorf("%w: snapshot without a server id", ErrCorrupt)
			}
			id, known := s.index.local(snap.Ticket.RemoteID)
			if !known {
				if id, known = fresh[snap.Ticket.RemoteID]; !known {
					next.ticket++
					id = next.ticket
					fresh[snap.Ticket.RemoteID] = id
				}
			}
			old, _ := s.index.get(id)
			// A ticket id handed out in this page has nothing stored under
			// it yet: no comments to scan (an iterator per ticket was a
			// tenth of ApplyPull's CPU on a page of new tickets).
			isNew := id > s.counters.ticket
			view, added, snapOps, conv, err := planSnapshotConv(txn, id, snap, pend[id], &next, 0, isNew)
			if err != nil {
				return err
			}
			docs = append(docs, fts.TicketDoc(view, conv))
			changes = append(changes, helpdesk.TicketChange{Old: old, New: &view, Added: added})
			upserts = append(upserts, view)
			ops = append(ops, snapOps...)
		}
		for _, remote := range p.Deleted {
			id, known := s.index.local(remote)
			if !known {
				continue
			}
			old, _ := s.index.get(id)
			if len(pend[id]) > 0 {
				// Unsent work on a ticket the server dropped is not thrown
				// away: it is parked as failed for the user to read and
				// discard.
				for _, m := range pend[id] {
					m.State, m.Error = helpdesk.StateFailed, "the ticket was deleted on the server"
					ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindOutbox, m.Seq), m) })
				}
				continue
			}
			changes = append(changes, helpdesk.TicketChange{Old: old})
			removed = append(removed, id)
			keys, err := ticketKeys(txn, id)
			if err != nil {
				return err
			}
			for _, k := range keys {
				ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(k) })
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("apply pull: %w", err)
	}
	before := s.counters
	ops = append(ops, func(txn *badger.Txn) error { return putCounters(txn, before, next) })
	for name, c := range p.Cursors {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, nameKey(kindCursor, name), c) })
	}
	if err := s.runSplit(ops); err != nil {
		return nil, fmt.Errorf("apply pull: %w", err)
	}
	s.counters = next
	s.index.remove(removed...)
	s.index.upsert(upserts...)
	// Indexed from the records in hand (reading back what was just written,
	// reindexTickets, was three quarters of ApplyPull's CPU), and in the
	// background: the text analysis was then over half of it (indexer.go).
	s.queueIndex(indexJob{deletes: removed, docs: docs})
	return changes, nil
}

// planSnapshot plans the writes that make snap the server copy of local
// ticket id: the snapshot, the rebased local view, and the server's
// conversation in place of the synced comments (plus the comment dropID,
// which the server now has). It also returns the server comments the device
// had not seen. It reads through txn and writes nothing.
func planSnapshot(txn *badger.Txn, id uint64, snap helpdesk.Snapshot, pend []helpdesk.Mutation, next *counters, dropID uint64) (helpdesk.Ticket, []helpdesk.Comment, []func(*badger.Txn) error, error) {
	view, added, ops, _, err := planSnapshotConv(txn, id, snap, pend, next, dropID, false)
	return view, added, ops, err
}

// planSnapshotConv is planSnapshot that also returns the conversation the
// ticket will have once the writes are done (the unsent comments kept, then
// the server's), so ApplyPull can index it without reading it back. isNew
// says the id was never used, so no comments are stored under it.
func planSnapshotConv(txn *badger.Txn, id uint64, snap helpdesk.Snapshot, pend []helpdesk.Mutation, next *counters, dropID uint64, isNew bool) (helpdesk.Ticket, []helpdesk.Comment, []func(*badger.Txn) error, []helpdesk.Comment, error) {
	server := snap.Ticket
	server.ID = id
	view, _ := rebase(&server, pend)
	ops := []func(*badger.Txn) error{
		func(txn *badger.Txn) error { return setJSON(txn, idKey(kindSnapshot, id), server) },
		func(txn *badger.Txn) error { return setJSON(txn, idKey(kindTicket, id), view) },
	}
	var drop [][]byte
	var seen map[uint64]bool
	var conv []helpdesk.Comment
	if !isNew {
		var err error
		if drop, seen, conv, err = scanComments(txn, id, dropID); err != nil {
			return view, nil, nil, nil, err
		}
	}
	for _, k := range drop {
		ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(k) })
	}
	var added []helpdesk.Comment
	for _, c := range snap.Comments {
		next.comment++
		c.ID, c.TicketID, c.Pending = next.comment, id, false
		if c.RemoteID == 0 || !seen[c.RemoteID] {
			added = append(added, c)
		}
		// New ids are above every stored one, so appending keeps the key
		// order a read of the ticket's comments would give.
		conv = append(conv, c)
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, commentKey(id, c.ID), c) })
	}
	return view, added, ops, conv, nil
}

// rebase replays pending mutations over a server snapshot (nil for a ticket
// created here and not yet on the server). A mutation that no longer
// applies (the server already has that status) is simply a no-op. It
// reports false when there is nothing to show: no snapshot and no create.
func rebase(server *helpdesk.Ticket, pend []helpdesk.Mutation) (helpdesk.Ticket, bool) {
	var t helpdesk.Ticket
	ok := server != nil
	if ok {
		t = *server
	}
	for _, m := range pend {
		if m.Kind == helpdesk.MutCreate {
			if !ok {
				t.ID = m.TicketID
				_ = m.ApplyTo(&t)
				ok = true
			}
			continue
		}
		_ = m.ApplyTo(&t) // a change the server state already has is a no-op
	}
	return t, ok
}

// pendingByTicket reads the ticket mutations in the outbox grouped by
// local ticket id, in order.
func pendingByTicket(txn *badger.Txn) (map[uint64][]helpdesk.Mutation, error) {
	return pendingBy(txn, false)
}

// pendingBy reads the outbox in order, grouped by local article id
// (articles) or ticket id (the rest): one scan for both kinds of lane.
func pendingBy(txn *badger.Txn, articles bool) (map[uint64][]helpdesk.Mutation, error) {
	out := map[uint64][]helpdesk.Mutation{}
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte{kindOutbox}
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var m helpdesk.Mutation
		if err := it.Item().Value(func(b []byte) error { return decode(b, &m) }); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		switch {
		case articles && m.Kind.IsArticle():
			out[m.ArticleID] = append(out[m.ArticleID], m)
		case !articles && !m.Kind.IsArticle():
			out[m.TicketID] = append(out[m.TicketID], m)
		}
	}
	return out, nil
}

// scanComments returns the keys of a ticket's comments that came from, or
// already reached, the server (and of comment also): a fresh snapshot
// replaces them. It also returns the server ids of the comments stored, and
// the comments that stay (the unsent ones), in key order.
func scanComments(txn *badger.Txn, id, also uint64) ([][]byte, map[uint64]bool, []helpdesk.Comment, error) {
	var keys [][]byte
	var kept []helpdesk.Comment
	seen := map[uint64]bool{}
	opts := badger.DefaultIteratorOptions
	opts.Prefix = commentKey(id, 0)[:9]
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var c helpdesk.Comment
		if err := it.Item().Value(func(b []byte) error { return decode(b, &c) }); err != nil {
			return nil, nil, nil, err
		}
		if c.RemoteID != 0 {
			seen[c.RemoteID] = true
		}
		if !c.Pending || (also != 0 && c.ID == also) {
			keys = append(keys, it.Item().KeyCopy(nil))
		} else {
			kept = append(kept, c)
		}
	}
	return keys, seen, kept, nil
}

// ticketKeys returns every key that belongs to a ticket.
func ticketKeys(txn *badger.Txn, id uint64) ([][]byte, error) {
	keys := [][]byte{idKey(kindTicket, id), idKey(kindSnapshot, id)}
	opts := badger.IteratorOptions{Prefix: commentKey(id, 0)[:9]}
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys, nil
}

// snapshot reads the server copy of a ticket; nil when the server has
// never had it.
func snapshot(txn *badger.Txn, id uint64) (*helpdesk.Ticket, error) {
	var t helpdesk.Ticket
	err := getJSON(txn, idKey(kindSnapshot, id), &t)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &t, nil
}
