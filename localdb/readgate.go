package localdb

import (
	"sync"

	badger "github.com/dgraph-io/badger/v4"
)

// readGate lets Close wait for the read transactions in flight. Badger
// panics (ErrDBClosed from NewIterator) when the database closes under an
// open read, and a reader on another goroutine — the detail view loading a
// conversation while the user switches account, say — must get an error,
// not crash the app. Unlike a read-write lock, a read that starts while
// Close waits (a nested one, or a new one) is refused at once rather than
// queued behind Close, so nothing can deadlock on it. The one rule: a read
// must not wait for wmu inside its transaction (nor may the loop body of an
// iterator such as Comments or Outbox), since Close holds wmu while it waits
// for the reads; every caller collects first and writes after.
type readGate struct {
	mu      sync.Mutex
	readers int
	closing bool
	drained *sync.Cond
}

// enter admits a reader; false once the gate is closing.
func (g *readGate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closing {
		return false
	}
	g.readers++
	return true
}

func (g *readGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.readers--
	if g.readers == 0 && g.drained != nil {
		g.drained.Broadcast()
	}
}

// close refuses new readers and waits for those in flight.
func (g *readGate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closing = true
	if g.drained == nil {
		g.drained = sync.NewCond(&g.mu)
	}
	for g.readers > 0 {
		g.drained.Wait()
	}
}

// view runs fn in a read-only transaction that Close waits for; once the
// store is closing it returns ErrClosed without reading.
func (s *Store) view(fn func(*badger.Txn) error) error {
	if !s.reads.enter() {
		return ErrClosed
	}
	defer s.reads.leave()
	return s.db.View(fn)
}
