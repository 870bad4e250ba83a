package localdb

import (
	"os"
	"path/filepath"
	"testing"
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
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			ix, err := s.buildIndex()
			if err != nil || len(ix.sorted) != s.Len() {
				b.Fatal(err)
			}
		}
	})
}
