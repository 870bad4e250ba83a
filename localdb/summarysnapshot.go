package localdb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
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

// writeSummarySnapshot writes the index as the snapshot, unless the newest
// commit already is a snapshot of it. The caller holds wmu, so no writer
// can commit between reading the index and the snapshot's own commit.
func (s *Store) writeSummarySnapshot() error {
	var current bool
	if err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(snapshotHeaderKey)
		if err == nil && item.Version() == txn.ReadTs() {
			current = true
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
	var chunks [][]byte
	var count int
	err := s.db.View(func(txn *badger.Txn) error {
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
		chunks = make([][]byte, 0, n)
		for i := range int(n) {
			item, err := txn.Get(snapshotChunkKey(i))
			if err != nil {
				return fmt.Errorf("summary snapshot chunk %d: %w", i, err)
			}
			if item.Version() != version {
				return fmt.Errorf("%w: summary snapshot chunk %d from another commit", ErrCorrupt, i)
			}
			c, err := item.ValueCopy(nil)
			if err != nil {
				return fmt.Errorf("summary snapshot chunk %d: %w", i, err)
			}
			chunks = append(chunks, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// One decoder per core, one chunk at a time; each chunk's entries stay
	// in the order they were written, which is the index's order.
	parts := make([][]*entry, len(chunks))
	errs := make([]error, len(chunks))
	next := make(chan int, len(chunks))
	for i := range chunks {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(len(chunks), max(1, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for i := range next {
				parts[i], errs[i] = decodeSnapshotChunk(chunks[i])
				chunks[i] = nil
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("summary snapshot: %w", err)
	}
	ix := &summaryIndex{byID: make(map[uint64]*entry, count), byRemote: make(map[uint64]uint64, count), sorted: make([]*entry, 0, count)}
	for _, p := range parts {
		for _, e := range p {
			ix.byID[e.t.ID] = e
			if e.t.RemoteID != 0 {
				ix.byRemote[e.t.RemoteID] = e.t.ID
			}
		}
		ix.sorted = append(ix.sorted, p...)
	}
	if len(ix.sorted) != count || len(ix.byID) != count {
		return nil, fmt.Errorf("%w: summary snapshot holds %d tickets (%d distinct), its header says %d", ErrCorrupt, len(ix.sorted), len(ix.byID), count)
	}
	if !slices.IsSortedFunc(ix.sorted, newer) {
		slices.SortFunc(ix.sorted, newer)
	}
	ix.keys = make([]filterKey, len(ix.sorted))
	for i, e := range ix.sorted {
		ix.keys[i] = keyOf(e)
	}
	return ix, nil
}

func decodeSnapshotChunk(c []byte) ([]*entry, error) {
	var out []*entry
	for len(c) > 0 {
		if len(c) < 2 {
			return nil, fmt.Errorf("%w: truncated summary snapshot", ErrCorrupt)
		}
		n := int(binary.BigEndian.Uint16(c))
		if n == 0 || 2+n > len(c) {
			return nil, fmt.Errorf("%w: truncated summary snapshot", ErrCorrupt)
		}
		var t helpdesk.Ticket
		if c[2] != tagTicket {
			return nil, fmt.Errorf("%w: summary snapshot record with tag %#x", ErrCorrupt, c[2])
		}
		if err := decodeTicket(c[2:2+n], &t); err != nil {
			return nil, err
		}
		out = append(out, newEntry(t))
		c = c[2+n:]
	}
	return out, nil
}
