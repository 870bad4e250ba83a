package localdb

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// summaryIndex keeps every ticket in memory, newest first, so list views and
// their filters never read Badger. Entries are immutable once published:
// an update replaces the pointer, so readers may hold results without a lock.
type summaryIndex struct {
	mu       sync.RWMutex
	byID     map[uint64]*entry
	byRemote map[uint64]uint64 // server id → local id
	sorted   []*entry          // Updated descending, then ID descending
}

type entry struct {
	t     *helpdesk.Ticket
	lower string // subject in lower case, for text filters
}

func newEntry(t helpdesk.Ticket) *entry {
	return &entry{t: &t, lower: strings.ToLower(t.Subject)}
}

// newer orders entries newest first; ID breaks ties so the order is total.
func newer(a, b *entry) int {
	if c := b.t.Updated.Compare(a.t.Updated); c != 0 {
		return c
	}
	return cmp.Compare(b.t.ID, a.t.ID)
}

func (s *Store) buildIndex() (*summaryIndex, error) {
	ix := &summaryIndex{byID: make(map[uint64]*entry), byRemote: make(map[uint64]uint64)}
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte{kindTicket}
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var t helpdesk.Ticket
			if err := it.Item().Value(func(b []byte) error { return decode(b, &t) }); err != nil {
				return err
			}
			e := newEntry(t)
			ix.byID[t.ID] = e
			if t.RemoteID != 0 {
				ix.byRemote[t.RemoteID] = t.ID
			}
			ix.sorted = append(ix.sorted, e)
		}
		return nil
	})
	slices.SortFunc(ix.sorted, newer)
	return ix, err
}

// upsert publishes the new state of tickets after their commit.
func (ix *summaryIndex) upsert(ts ...helpdesk.Ticket) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, t := range ts {
		ix.removeLocked(t.ID)
		e := newEntry(t)
		ix.byID[t.ID] = e
		if t.RemoteID != 0 {
			ix.byRemote[t.RemoteID] = t.ID
		}
		i, _ := slices.BinarySearchFunc(ix.sorted, e, newer)
		ix.sorted = slices.Insert(ix.sorted, i, e)
	}
}

// remove drops tickets deleted from the store.
func (ix *summaryIndex) remove(ids ...uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range ids {
		ix.removeLocked(id)
	}
}

func (ix *summaryIndex) removeLocked(id uint64) {
	old, ok := ix.byID[id]
	if !ok {
		return
	}
	if i, found := slices.BinarySearchFunc(ix.sorted, old, newer); found {
		ix.sorted = slices.Delete(ix.sorted, i, i+1)
	}
	delete(ix.byID, id)
	if old.t.RemoteID != 0 && ix.byRemote[old.t.RemoteID] == id {
		delete(ix.byRemote, old.t.RemoteID)
	}
}

func (ix *summaryIndex) local(remote uint64) (uint64, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	id, ok := ix.byRemote[remote]
	return id, ok
}

func (ix *summaryIndex) get(id uint64) (*helpdesk.Ticket, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return e.t, true
}

func (ix *summaryIndex) len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.sorted)
}

func (ix *summaryIndex) query(f helpdesk.Filter) []*helpdesk.Ticket {
	m := f.Matcher()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]*helpdesk.Ticket, 0, 64)
	for _, e := range ix.sorted {
		if m.Match(e.t, e.lower) {
			out = append(out, e.t)
		}
	}
	return out
}

// Query returns the tickets that pass f, most recently updated first, from
// memory. The tickets are shared and must not be modified.
func (s *Store) Query(f helpdesk.Filter) []*helpdesk.Ticket { return s.index.query(f) }

// Summary returns the in-memory copy of one ticket; like Query's results it
// is shared and read-only. It is what list rows use instead of Badger.
func (s *Store) Summary(id uint64) (*helpdesk.Ticket, bool) { return s.index.get(id) }

// LocalID maps a server ticket id to the local one.
func (s *Store) LocalID(remote uint64) (uint64, bool) { return s.index.local(remote) }

// Len returns the number of tickets in the store.
func (s *Store) Len() int { return s.index.len() }
