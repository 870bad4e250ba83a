package localdb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// BenchmarkSummaryIndexOpen compares building the summary index at open
// from the snapshot (snapshot) with reading every ticket (scan), on a copy
// of TIERDESK_BENCH_STORE (make bench: the 100,000-ticket store), or on
// 20,000 tickets written here.
func BenchmarkSummaryIndexOpen(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "store")
	if src := os.Getenv("TIERDESK_BENCH_STORE"); src != "" {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
	} else {
		s, err := Open(dir, Options{NoSync: true, GCInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		tk, _ := sampleRecords()
		var batch Batch
		for i := range 20_000 {
			tk.ID, tk.RemoteID = 0, uint64(i+1)
			batch.Tickets = append(batch.Tickets, tk)
			if len(batch.Tickets) == 1000 {
				if err := s.Write(batch); err != nil {
					b.Fatal(err)
				}
				batch.Tickets = nil
			}
		}
		s.Close()
	}
	s, err := Open(dir, Options{GCInterval: -1, DeferSearch: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if !s.fromSnapshot {
		b.Fatal("the benchmark store has no current summary snapshot")
	}
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
			ix, err := s.readSummarySnapshot()
			if err != nil || len(ix.sorted) != s.Len() {
				b.Fatal(err)
			}
		}
	})
	// A real account's store is encrypted (the demo store the first-frame
	// benchmark opens is not): the same tickets, snapshot and all, in an
	// encrypted store, so the cost of decrypting the snapshot shows.
	b.Run("snapshot-encrypted", func(b *testing.B) {
		enc := encryptedCopy(b, s)
		for b.Loop() {
			ix, err := enc.readSummarySnapshot()
			if err != nil || len(ix.sorted) != enc.Len() {
				b.Fatal(err)
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			ix, err := s.buildIndex()
			if err != nil || len(ix.sorted) != s.Len() {
				b.Fatal(err)
			}
		}
	})
}

// encryptedCopy writes src's tickets into a new encrypted store, closes it
// (which writes its snapshot) and opens it again.
func encryptedCopy(b *testing.B, src *Store) *Store {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "encrypted")
	key := []byte("0123456789abcdef0123456789abcdef")
	s, err := Open(dir, Options{EncryptionKey: key, NoSync: true, GCInterval: -1, DeferSearch: true})
	if err != nil {
		b.Fatal(err)
	}
	var batch Batch
	for _, t := range src.Query(helpdesk.Filter{}) {
		tk := *t
		tk.ID = 0
		batch.Tickets = append(batch.Tickets, tk)
		if len(batch.Tickets) == 1000 {
			if err := s.Write(batch); err != nil {
				b.Fatal(err)
			}
			batch.Tickets = nil
		}
	}
	if err := s.Write(batch); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	s, err = Open(dir, Options{EncryptionKey: key, GCInterval: -1, DeferSearch: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if !s.fromSnapshot || s.Len() != src.Len() {
		b.Fatalf("encrypted copy: snapshot %v, %d of %d tickets", s.fromSnapshot, s.Len(), src.Len())
	}
	return s
}
