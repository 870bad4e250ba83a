package localdb

import (
	"iter"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Outbox yields the unsent actions, oldest first: the order they must reach
// the server in.
func (s *Store) Outbox() iter.Seq2[helpdesk.Mutation, error] {
	return scan[helpdesk.Mutation](s, []byte{kindOutbox})
}

// Pending returns the number of actions in the outbox without reading disk.
func (s *Store) Pending() int {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.pending
}
