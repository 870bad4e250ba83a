package localdb

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

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
	// keys[i] is sorted[i]'s filterKey: the fields list views filter on
	// first, in one contiguous array, so a filter scans 200 KB per 100,000
	// tickets and loads an entry only when its tier and status pass.
	// Following a pointer per ticket instead made the index slower than a
	// plain scan of a slice (BENCHMARKS.md).
	keys []filterKey
}

// filterKey packs a ticket's tier (high byte) and statusCode (low byte).
type filterKey uint16

func keyOf(e *entry) filterKey { return filterKey(e.tier)<<8 | filterKey(e.status) }

type entry struct {
	t      *helpdesk.Ticket
	lower  string // subject in lower case, for text filters
	tier   helpdesk.Tier
	status uint8 // statusCode
}

// statusCodes numbers the statuses for the inline filter; unknownStatus
// (a status this build does not know) always goes to the full match.
var statusCodes = func() map[helpdesk.Status]uint8 {
	m := map[helpdesk.Status]uint8{}
	for i, st := range helpdesk.Statuses() {
		m[st] = uint8(i)
	}
	return m
}()

const unknownStatus = 255

// activeCode[statusCode(s)] is s.Active(); false for unknownStatus, as
// Active is for a status it does not know.
var activeCode = func() (a [256]bool) {
	for st, c := range statusCodes {
		a[c] = st.Active()
	}
	return a
}()

func statusCode(st helpdesk.Status) uint8 {
	if c, ok := statusCodes[st]; ok {
		return c
	}
	return unknownStatus
}

func newEntry(t helpdesk.Ticket) *entry {
	e := entryFor(&t, strings.ToLower(t.Subject))
	return &e
}

// entryFor is the index entry of *t, which it keeps a pointer to; lower
// is strings.ToLower(t.Subject).
func entryFor(t *helpdesk.Ticket, lower string) entry {
	return entry{t: t, lower: lower, tier: t.Tier, status: statusCode(t.Status)}
}

// hasUpper says whether strings.ToLower(s) could differ from s.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// appendLower appends strings.ToLower(s) to b without allocating for ASCII.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
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
	// Decoding the tickets' JSON is most of the time it takes to open a
	// large store (1.4 s of CPU for 100,000 tickets on the 2-core test
	// machine, see BENCHMARKS.md), and the values are independent, so the
	// iterator hands chunks of value copies to one decoder per CPU.
	type chunk struct {
		vals    [][]byte
		entries []*entry
		err     error
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	todo := make(chan *chunk, workers)
	var done []*chunk
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range todo {
				c.entries = make([]*entry, 0, len(c.vals))
				for _, v := range c.vals {
					var t helpdesk.Ticket
					if err := decode(v, &t); err != nil {
						c.err = err
						break
					}
					c.entries = append(c.entries, newEntry(t))
				}
				c.vals = nil
			}
		}()
	}
	err := s.view(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte{kindTicket}
		it := txn.NewIterator(opts)
		defer it.Close()
		c := &chunk{}
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			c.vals = append(c.vals, v)
			if len(c.vals) == 512 {
				done = append(done, c)
				todo <- c
				c = &chunk{}
			}
		}
		if len(c.vals) > 0 {
			done = append(done, c)
			todo <- c
		}
		return nil
	})
	close(todo)
	wg.Wait()
	if err != nil {
		return ix, err
	}
	var all []*entry
	for _, c := range done {
		if c.err != nil {
			return ix, c.err
		}
		all = append(all, c.entries...)
	}
	return indexOf(all), nil
}

// indexOf builds the index over entries, in any order (already sorted is
// cheapest): the two maps are independent, so one is filled on each core.
func indexOf(entries []*entry) *summaryIndex {
	if !slices.IsSortedFunc(entries, newer) {
		slices.SortFunc(entries, newer)
	}
	ix := &summaryIndex{sorted: entries}
	var wg sync.WaitGroup
	wg.Go(func() {
		ix.byID = make(map[uint64]*entry, len(entries))
		for _, e := range entries {
			ix.byID[e.t.ID] = e
		}
	})
	ix.byRemote = make(map[uint64]uint64, len(entries))
	for _, e := range entries {
		if e.t.RemoteID != 0 {
			ix.byRemote[e.t.RemoteID] = e.t.ID
		}
	}
	ix.keys = make([]filterKey, len(ix.sorted))
	for i, e := range ix.sorted {
		ix.keys[i] = keyOf(e)
	}
	wg.Wait()
	return ix
}

// upsert publishes the new state of tickets after their commit. The old
// entries are cut out and the new ones merged in with one pass over the
// sorted arrays: inserting a page of 100 tickets one by one moved the whole
// 100,000-entry array 100 times, a third of ApplyPull's CPU.
func (ix *summaryIndex) upsert(ts ...helpdesk.Ticket) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	last := make(map[uint64]int, len(ts)) // a ticket given twice: the later state wins
	for i, t := range ts {
		last[t.ID] = i
	}
	add := make([]*entry, 0, len(last))
	var cut []int // positions in sorted of the entries replaced
	for i, t := range ts {
		if last[t.ID] != i {
			continue
		}
		if old, ok := ix.byID[t.ID]; ok {
			if p, found := slices.BinarySearchFunc(ix.sorted, old, newer); found {
				cut = append(cut, p)
			}
			if old.t.RemoteID != 0 && ix.byRemote[old.t.RemoteID] == t.ID {
				delete(ix.byRemote, old.t.RemoteID)
			}
		}
		e := newEntry(t)
		ix.byID[t.ID] = e
		if t.RemoteID != 0 {
			ix.byRemote[t.RemoteID] = t.ID
		}
		add = append(add, e)
	}
	ix.cut(cut)
	slices.SortFunc(add, newer)
	ix.merge(add)
}

// cut removes the entries at positions (in any order) from sorted and keys,
// moving each run between them once.
func (ix *summaryIndex) cut(positions []int) {
	if len(positions) == 0 {
		return
	}
	slices.Sort(positions)
	w := positions[0]
	for i, p := range positions {
		end := len(ix.sorted)
		if i+1 < len(positions) {
			end = positions[i+1]
		}
		w += copy(ix.sorted[w:], ix.sorted[p+1:end])
		copy(ix.keys[w-(end-p-1):], ix.keys[p+1:end])
	}
	clear(ix.sorted[w:]) // let the garbage collector have the old entries
	ix.sorted, ix.keys = ix.sorted[:w], ix.keys[:w]
}

// merge inserts entries sorted by newer into sorted and keys, filling from
// the end so every existing entry moves at most once.
func (ix *summaryIndex) merge(add []*entry) {
	if len(add) == 0 {
		return
	}
	n := len(ix.sorted)
	ix.sorted = slices.Grow(ix.sorted, len(add))[:n+len(add)]
	ix.keys = slices.Grow(ix.keys, len(add))[:n+len(add)]
	hi := n // sorted[:hi] are the existing entries not yet moved
	for j := len(add) - 1; j >= 0; j-- {
		e := add[j]
		p, _ := slices.BinarySearchFunc(ix.sorted[:hi], e, newer)
		// Existing entries from p to hi go after e: they move up by j+1.
		copy(ix.sorted[p+j+1:], ix.sorted[p:hi])
		copy(ix.keys[p+j+1:], ix.keys[p:hi])
		ix.sorted[p+j], ix.keys[p+j] = e, keyOf(e)
		hi = p
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
		ix.keys = slices.Delete(ix.keys, i, i+1)
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

// plan is a filter prepared for a scan of the index: the tier and status
// part decided on the packed keys, the rest by a Matcher.
type plan struct {
	m, rest helpdesk.Matcher
	restAll bool // the rest passes every ticket
	// tierPass[tier] & statusPass[status] is 1 when the packed key
	// passes: two loads and an AND per ticket instead of three branches,
	// as the scan runs over every ticket of the store.
	tierPass, statusPass [256]uint8
}

func newPlan(f helpdesk.Filter) *plan {
	p := &plan{m: f.Matcher()}
	rf := f
	rf.Tiers, rf.Statuses, rf.ActiveOnly = nil, nil, false
	p.rest = rf.Matcher()
	p.restAll = p.rest.All()
	var tierOK, statusOK [256]bool
	for _, t := range f.Tiers {
		tierOK[t] = true
	}
	statusOK[unknownStatus] = true
	for _, st := range f.Statuses {
		statusOK[statusCode(st)] = true
	}
	for i := range 256 {
		if len(f.Tiers) == 0 || tierOK[i] {
			p.tierPass[i] = 1
		}
		if (len(f.Statuses) == 0 || statusOK[i]) && (!f.ActiveOnly || activeCode[i]) {
			p.statusPass[i] = 1
		}
	}
	return p
}

// pass is the inline pre-filter: it only rejects what the full match would
// reject too.
func (p *plan) pass(k filterKey) bool {
	return p.tierPass[uint8(k>>8)]&p.statusPass[uint8(k)] != 0
}

// match finishes the decision for an entry whose key passed.
func (p *plan) match(k filterKey, e *entry) bool {
	// The pre-filter decided tier and status exactly unless the status is
	// one it has no code for; the rest of the filter remains. Views
	// without text or owner (a queue, "all active") pass half the store:
	// no call per ticket for a match that cannot fail.
	if uint8(k) == unknownStatus {
		return p.m.Match(e.t, e.lower)
	}
	return p.restAll || p.rest.Match(e.t, e.lower)
}

func (ix *summaryIndex) query(f helpdesk.Filter) []*helpdesk.Ticket {
	p := newPlan(f)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	capacity := 64
	if p.restAll {
		// A view such as "all active" returns tens of thousands of
		// tickets: counting them first (a pass over 2 bytes a ticket)
		// allocates the result once instead of doubling it a dozen times,
		// which halves the garbage each list refresh leaves, and with it
		// how often a collection slows the next action down.
		capacity = 0
		for _, k := range ix.keys {
			if p.pass(k) {
				capacity++
			}
		}
	}
	out := make([]*helpdesk.Ticket, 0, capacity)
	for i, k := range ix.keys {
		if p.pass(k) && p.match(k, ix.sorted[i]) {
			out = append(out, ix.sorted[i].t)
		}
	}
	return out
}

// count is len(query(f)) without building the result: the navigation
// shows a count per view and refreshes them after every change.
func (ix *summaryIndex) count(f helpdesk.Filter) int {
	p := newPlan(f)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := 0
	for i, k := range ix.keys {
		if p.pass(k) && p.match(k, ix.sorted[i]) {
			n++
		}
	}
	return n
}

// Count returns how many tickets pass f, as len(Query(f)) would, without
// allocating the result.
func (s *Store) Count(f helpdesk.Filter) int { return s.index.count(f) }

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
