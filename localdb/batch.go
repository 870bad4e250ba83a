package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// Batch is a set of records that arrive together: a page pulled from the
// server, or a generated workspace. Records with a zero ID get a new one.
type Batch struct {
	Tickets  []helpdesk.Ticket
	Comments []helpdesk.Comment
	Articles []helpdesk.Article
	// Cursors are saved with the last records of the batch, so a crash
	// before the end re-pulls the page rather than skipping it.
	Cursors map[string]string
}

// Write stores a batch durably and updates the summary index. A batch that fits in
// one Badger transaction is atomic; a larger one is split, with the cursors
// written in the final part, so an interrupted write is repeated whole by
// the next pull (records are upserts, so repeating is harmless).
func (s *Store) Write(b Batch) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	for i := range b.Tickets {
		if b.Tickets[i].ID == 0 {
			next.ticket++
			b.Tickets[i].ID = next.ticket
		}
		next.ticket = max(next.ticket, b.Tickets[i].ID)
	}
	for i := range b.Comments {
		if b.Comments[i].ID == 0 {
			next.comment++
			b.Comments[i].ID = next.comment
		}
		next.comment = max(next.comment, b.Comments[i].ID)
	}
	for i := range b.Articles {
		if b.Articles[i].ID == 0 {
			next.article++
			b.Articles[i].ID = next.article
		}
		next.article = max(next.article, b.Articles[i].ID)
	}

	ops := make([]func(*badger.Txn) error, 0, len(b.Tickets)+len(b.Comments)+len(b.Articles)+len(b.Cursors)+1)
	for _, t := range b.Tickets {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindTicket, t.ID), t) })
		if t.RemoteID != 0 {
			// It came from a server: that is also its server copy.
			ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindSnapshot, t.ID), t) })
		}
	}
	for _, c := range b.Comments {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, commentKey(c.TicketID, c.ID), c) })
	}
	for _, a := range b.Articles {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, idKey(kindArticle, a.ID), a) })
	}
	before := s.counters
	ops = append(ops, func(txn *badger.Txn) error { return putCounters(txn, before, next) })
	for name, c := range b.Cursors {
		ops = append(ops, func(txn *badger.Txn) error { return setJSON(txn, nameKey(kindCursor, name), c) })
	}
	if err := s.runSplitDurable(ops); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	s.counters = next
	s.index.upsert(b.Tickets...)
	if len(b.Articles) > 0 {
		docs := make([]fts.Doc, len(b.Articles))
		for i, a := range b.Articles {
			docs[i] = fts.ArticleDoc(a)
		}
		s.search.Upsert(docs...)
	}
	touched := make([]uint64, 0, len(b.Tickets))
	seen := map[uint64]bool{}
	for _, t := range b.Tickets {
		if !seen[t.ID] {
			seen[t.ID] = true
			touched = append(touched, t.ID)
		}
	}
	for _, c := range b.Comments {
		if !seen[c.TicketID] {
			seen[c.TicketID] = true
			touched = append(touched, c.TicketID)
		}
	}
	s.reindexTickets(touched...)
	return nil
}

// runSplit applies ops in as few transactions as Badger's size limit allows,
// in order. It does not sync: pulled pages use it as is, writes that must be
// durable use runSplitDurable (durable.go).
func (s *Store) runSplit(ops []func(*badger.Txn) error) error {
	for len(ops) > 0 {
		txn := s.db.NewTransaction(true)
		n := 0
		for _, op := range ops {
			err := op(txn)
			if errors.Is(err, badger.ErrTxnTooBig) && n > 0 {
				break
			}
			if err != nil {
				txn.Discard()
				return err
			}
			n++
		}
		if err := txn.Commit(); err != nil {
			return err
		}
		s.unsynced.Store(true)
		ops = ops[n:]
	}
	return nil
}
