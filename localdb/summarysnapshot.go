package localdb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// The summary snapshot is the summary index written out at Close, so the
// next open reads a few large values instead of one small value per
// ticket. Reading 100,000 ticket records one by one through Badger's
// iterator, block by block, was most of what remained of opening a large
// store once they were binary (BENCHMARKS.md); the snapshot is read as a
// handful of 2 MiB values and decoded on every core.
//
// It is only trusted when nothing was committed after it: Close writes it
// last, in one transaction, and open uses it only if that transaction's
// commit timestamp is still the newest in the database. Anything written
// later — by a session that crashed, or one that never closed — makes it
// stale, and open falls back to reading every ticket. A stale snapshot
// costs time, never correctness, and it lives inside the encrypted store
// like every other record.
var (
	snapshotHeaderKey = nameKey(kindMeta, "summary")
	snapshotChunkSize = 2 << 20 // well under the 16 MiB value-log file
)

const snapshotFormat = 1

func snapshotChunkKey(i int) []byte {
	return binary.BigEndian.AppendUint32(nameKey(kindMeta, "summary/"), uint32(i))
}

// writeSnapshots writes the summary index as the summary snapshot, with
// the search snapshot when the full-text index is complete
// (searchsnapshot.go), unless the newest commit already holds both. The caller holds wmu and has
// stopped the indexer, so no writer can commit between reading the indexes
// and the snapshot's own commit, and no pulled page is left unindexed.
func (s *Store) writeSnapshots() error {
	withSearch := s.searchReady.Load() && !s.search.Building()
	var current bool
	if err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(snapshotHeaderKey)
		if err != nil || item.Version() != txn.ReadTs() {
			return nil
		}
		current = true
		if withSearch {
			item, err := txn.Get(searchSnapshotHeaderKey)
			current = err == nil && item.Version() == txn.ReadTs()
		}
		return nil
	}); err != nil || current {
		return err
	}
	s.index.mu.RLock()
	var chunks [][]byte
	var b []byte
	for _, e := range s.index.sorted {
		if len(b) >= snapshotChunkSize {
			chunks = append(chunks, b)
			b = nil
		}
		if b == nil {
			b = make([]byte, 0, snapshotChunkSize+4096)
		}
		start := len(b)
		b = append(b, 0, 0) // room for a two-byte length
		b = appendTicket(b, e.t)
		n := len(b) - start - 2
		if n >= 1<<16 {
			s.index.mu.RUnlock()
			return fmt.Errorf("summary snapshot: ticket %d encodes to %d bytes", e.t.ID, n)
		}
		binary.BigEndian.PutUint16(b[start:], uint16(n))
	}
	if len(b) > 0 {
		chunks = append(chunks, b)
	}
	count := len(s.index.sorted)
	s.index.mu.RUnlock()

	header := binary.AppendUvarint([]byte{snapshotFormat}, uint64(len(chunks)))
	header = binary.AppendUvarint(header, uint64(count))
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	for i, c := range chunks {
		if err := txn.Set(snapshotChunkKey(i), c); err != nil {
			return fmt.Errorf("summary snapshot: %w", err)
		}
	}
	if err := txn.Set(snapshotHeaderKey, header); err != nil {
		return fmt.Errorf("summary snapshot: %w", err)
	}
	if withSearch {
		if err := s.setSearchSnapshot(txn); err != nil {
			return fmt.Errorf("search snapshot: %w", err)
		}
	}
	if err := txn.Commit(); err != nil {
		return fmt.Errorf("summary snapshot: %w", err)
	}
	return nil
}

// errStaleSnapshot says the snapshot cannot be used; open reads every
// ticket instead.
var errStaleSnapshot = errors.New("no current summary snapshot")

// readSummarySnapshot builds the index from the snapshot, or returns
// errStaleSnapshot when there is none or something was committed after it.
func (s *Store) readSummarySnapshot() (*summaryIndex, error) {
	// One decoder per core takes each chunk as soon as it is read, so
	// decoding overlaps reading; each chunk's entries stay in the order
	// they were written, which is the index's order.
	type chunk struct {
		i    int
		data string
	}
	var (
		count int
		parts [][]*entry
		errs  []error
		wg    sync.WaitGroup
	)
	todo := make(chan chunk, 2)
	startDecoders := func(n int) {
		parts, errs = make([][]*entry, n), make([]error, n)
		for range max(1, runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for c := range todo {
					parts[c.i], errs[c.i] = decodeSnapshotChunk(c.data)
				}
			})
		}
	}
	err := s.view(func(txn *badger.Txn) error {
		defer close(todo)
		item, err := txn.Get(snapshotHeaderKey)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return errStaleSnapshot
		}
		if err != nil {
			return err
		}
		if item.Version() != txn.ReadTs() {
			return errStaleSnapshot
		}
		version := item.Version()
		h, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if len(h) == 0 || h[0] != snapshotFormat {
			return errStaleSnapshot
		}
		r := newReader(h[1:])
		n := r.uvarint("snapshot chunks")
		count = int(r.uvarint("snapshot count"))
		if err := r.end("snapshot header"); err != nil {
			return err
		}
		if n > 1<<20 || count > 1<<30 {
			return fmt.Errorf("%w: summary snapshot header claims %d chunks, %d tickets", ErrCorrupt, n, count)
		}
		startDecoders(int(n))
		for i := range int(n) {
			item, err := txn.Get(snapshotChunkKey(i))
			if err != nil {
				return fmt.Errorf("summary snapshot chunk %d: %w", i, err)
			}
			if item.Version() != version {
				return fmt.Errorf("%w: summary snapshot chunk %d from another commit", ErrCorrupt, i)
			}
			// Copied straight into a string, which the tickets' strings
			// are then cut from (decodeSnapshotChunk).
			var c string
			if err := item.Value(func(v []byte) error { c = string(v); return nil }); err != nil {
				return fmt.Errorf("summary snapshot chunk %d: %w", i, err)
			}
			todo <- chunk{i, c}
		}
		return nil
	})
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("summary snapshot: %w", err)
	}
	all := make([]*entry, 0, count)
	for _, p := range parts {
		all = append(all, p...)
	}
	ix := indexOf(all)
	if len(ix.sorted) != count || len(ix.byID) != count {
		return nil, fmt.Errorf("%w: summary snapshot holds %d tickets (%d distinct), its header says %d", ErrCorrupt, len(ix.sorted), len(ix.byID), count)
	}
	return ix, nil
}

// decodeSnapshotChunk decodes one chunk's tickets into two arrays (tickets
// and entries) rather than three allocations per ticket: at 100,000
// tickets the allocations and the garbage collector's write barriers cost
// more than the decoding itself. For the same reason the tickets' strings
// are all cut from the chunk (read into one string), and the lower-case
// subjects the filters use from one buffer per chunk, instead of two
// allocations per ticket (200,000 per open at 100,000 tickets). A chunk
// then lives as long as one of its tickets does: 2 MiB at most per chunk,
// about what the tickets' own strings would hold.
func decodeSnapshotChunk(c string) ([]*entry, error) {
	n := 0
	for rest := c; len(rest) > 0; n++ {
		if len(rest) < 2 {
			return nil, fmt.Errorf("%w: truncated summary snapshot", ErrCorrupt)
		}
		size := int(rest[0])<<8 | int(rest[1])
		if size == 0 || 2+size > len(rest) {
			return nil, fmt.Errorf("%w: truncated summary snapshot", ErrCorrupt)
		}
		rest = rest[2+size:]
	}
	tickets := make([]helpdesk.Ticket, n)
	entries := make([]entry, n)
	out := make([]*entry, n)
	type span struct{ from, to int }
	lowered := make([]span, n) // where entries[i].lower is in lowers, if it differs from the subject
	var lowers []byte
	for i, off := 0, 0; i < n; i++ {
		size := int(c[off])<<8 | int(c[off+1])
		from, to := off+2, off+2+size
		off = to
		if c[from] != tagTicket {
			return nil, fmt.Errorf("%w: summary snapshot record with tag %#x", ErrCorrupt, c[from])
		}
		t := &tickets[i]
		if err := readTicket(reader{rest: c[from+1 : to]}, t); err != nil {
			return nil, err
		}
		entries[i] = entryFor(t, t.Subject) // lower-cased below if it has capitals
		if hasUpper(t.Subject) {
			start := len(lowers)
			lowers = appendLower(lowers, t.Subject)
			lowered[i] = span{start, len(lowers)}
		}
		out[i] = &entries[i]
	}
	ls := string(lowers)
	for i, sp := range lowered {
		if sp.to > sp.from {
			entries[i].lower = ls[sp.from:sp.to]
		}
	}
	return out, nil
}
