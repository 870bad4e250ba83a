package localdb

import (
	"encoding/binary"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/localdb/fts"
)

// The search snapshot is the full-text index written out at Close, in the
// same transaction as the summary snapshot and under the same rule: open
// trusts it only if that transaction is still the newest commit. Rebuilding
// the index of 100,000 tickets with 400,000 comments reads every record
// (which makes the whole store resident) and analyses 62 MB of text, about
// 2.5 s of both cores after every start; restoring it copies a few arrays.
//
// Open only finds it and holds the index (fts.Index.Hold), so every change
// from then on is recorded; StartSearch reads it after the first frame and
// restores it, replaying those changes. A snapshot that turns out unusable
// (damaged, or of another fts.SnapshotVersion) costs the rebuild it
// replaced, nothing else.
var searchSnapshotHeaderKey = nameKey(kindMeta, "search")

func searchSnapshotChunkKey(i int) []byte {
	return binary.BigEndian.AppendUint32(nameKey(kindMeta, "search/"), uint32(i))
}

// searchSnapshotRef is the snapshot open found: the version of its commit,
// its chunks and their total size.
type searchSnapshotRef struct {
	version uint64
	chunks  int
	size    int
}

// findSearchSnapshot returns the search snapshot if it belongs to the
// newest commit and to this version of the index. It reads only the header.
func (s *Store) findSearchSnapshot() (searchSnapshotRef, bool) {
	var ref searchSnapshotRef
	found := false
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(searchSnapshotHeaderKey)
		if err != nil || item.Version() != txn.ReadTs() {
			return nil
		}
		return item.Value(func(h []byte) error {
			if len(h) == 0 || h[0] != fts.SnapshotVersion {
				return nil
			}
			r := newReader(h[1:])
			n, size := r.uvarint("search snapshot chunks"), r.uvarint("search snapshot size")
			if r.end("search snapshot header") != nil || n > 1<<20 || size > 1<<34 {
				return nil
			}
			ref = searchSnapshotRef{version: item.Version(), chunks: int(n), size: int(size)}
			found = true
			return nil
		})
	})
	return ref, err == nil && found
}

// setSearchSnapshot writes the search snapshot in txn, the transaction
// that writes the summary snapshot.
func (s *Store) setSearchSnapshot(txn *badger.Txn) error {
	data := s.search.AppendSnapshot(nil)
	n := 0
	for rest := data; len(rest) > 0; n++ {
		c := rest[:min(len(rest), snapshotChunkSize)]
		rest = rest[len(c):]
		if err := txn.Set(searchSnapshotChunkKey(n), c); err != nil {
			return err
		}
	}
	header := binary.AppendUvarint([]byte{fts.SnapshotVersion}, uint64(n))
	header = binary.AppendUvarint(header, uint64(len(data)))
	return txn.Set(searchSnapshotHeaderKey, header)
}

// errSnapshotMoved says the snapshot's records are not those open found.
var errSnapshotMoved = errors.New("search snapshot rewritten since the open")

// restoreSearch restores the index from the snapshot open found.
func (s *Store) restoreSearch(ref searchSnapshotRef) error {
	// Sized from the header, but not trusting it beyond a size no real
	// index reaches: a damaged header must cost a rebuild, not the memory.
	data := make([]byte, 0, min(ref.size, 256<<20))
	err := s.view(func(txn *badger.Txn) error {
		for i := range ref.chunks {
			item, err := txn.Get(searchSnapshotChunkKey(i))
			if err != nil {
				return fmt.Errorf("chunk %d: %w", i, err)
			}
			if item.Version() != ref.version {
				return errSnapshotMoved
			}
			if err := item.Value(func(v []byte) error {
				if len(data)+len(v) > ref.size {
					return fmt.Errorf("%w: search snapshot longer than its header says", ErrCorrupt)
				}
				data = append(data, v...)
				return nil
			}); err != nil {
				return fmt.Errorf("chunk %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read search snapshot: %w", err)
	}
	if len(data) != ref.size {
		return fmt.Errorf("%w: search snapshot of %d bytes, its header says %d", ErrCorrupt, len(data), ref.size)
	}
	if err := s.search.Restore(data); err != nil {
		return fmt.Errorf("restore search snapshot: %w", err)
	}
	return nil
}
