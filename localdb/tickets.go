package localdb

import (
	"encoding/binary"
	"fmt"
	"iter"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Ticket reads one ticket from disk.
func (s *Store) Ticket(id uint64) (helpdesk.Ticket, error) {
	var t helpdesk.Ticket
	err := s.view(func(txn *badger.Txn) error { return getJSON(txn, idKey(kindTicket, id), &t) })
	if err != nil {
		return t, fmt.Errorf("ticket %d: %w", id, err)
	}
	return t, nil
}

// Comments yields a ticket's conversation in the order it was written.
// Iteration stops at the first error, which is yielded.
func (s *Store) Comments(ticket uint64) iter.Seq2[helpdesk.Comment, error] {
	prefix := make([]byte, 9)
	prefix[0] = kindComment
	binary.BigEndian.PutUint64(prefix[1:], ticket)
	return scan[helpdesk.Comment](s, prefix)
}

// scan yields every record under prefix, decoded as T, in key order. It
// holds one read transaction for the whole scan, so it sees a snapshot.
func scan[T any](s *Store, prefix []byte) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		err := s.view(func(txn *badger.Txn) error {
			opts := badger.DefaultIteratorOptions
			opts.Prefix = prefix
			it := txn.NewIterator(opts)
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				var v T
				if err := it.Item().Value(func(b []byte) error { return decode(b, &v) }); err != nil {
					return fmt.Errorf("key %x: %w", it.Item().Key(), err)
				}
				if !yield(v, nil) {
					return errStop
				}
			}
			return nil
		})
		if err != nil && err != errStop {
			var zero T
			yield(zero, err)
		}
	}
}

// errStop ends a scan early when the consumer stops iterating.
var errStop = fmt.Errorf("scan stopped")
