package app

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app/devgen"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
	"github.com/tierdesk/tierdesk/localdb/latency"
)

// benchDesk opens a desk on a copy of the benchmark store: the one make
// bench caches (TIERDESK_BENCH_STORE), or a generated one of
// TIERDESK_BENCH_TICKETS tickets (default 20,000). The desk writes durably,
// as the window's does.
func benchDesk(b *testing.B) *Desk {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "store")
	if src := os.Getenv("TIERDESK_BENCH_STORE"); src != "" {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			b.Fatalf("copy the benchmark store %s: %v", src, err)
		}
	} else {
		n := 20_000
		if v := os.Getenv("TIERDESK_BENCH_TICKETS"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				b.Fatalf("TIERDESK_BENCH_TICKETS=%q", v)
			}
		}
		s, err := localdb.Open(dir, localdb.Options{NoSync: true, GCInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		for batch := range devgen.Batches(devgen.Options{Tickets: n, Articles: n / 10, Seed: 1}) {
			if err := s.Write(batch); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	d, err := OpenDesk(dir, Options{Account: "Bench", Me: DemoIdentity()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	if !d.WaitSearch(10 * time.Minute) {
		b.Fatal("the search index was not built in 10 minutes")
	}
	return d
}

// BenchmarkLocalAction measures a technician's action from the call to the
// moment the list shows it: Desk.Reply or Desk.Escalate (one durable Badger
// transaction: ticket, comment, outbox entry), then the list query of the
// view the ticket now belongs to, which must contain it with its new
// state. Replies and escalations alternate over active L1 tickets. It
// reports p50/p95/p99 of the whole, and of a bare 512-byte write and fsync
// on the same file system in the same loop (base-fsync-*): the floor any
// durable action stands on.
func BenchmarkLocalAction(b *testing.B) {
	d := benchDesk(b)
	var ids []uint64
	for _, t := range d.Tickets(helpdesk.Filter{Tiers: []helpdesk.Tier{helpdesk.L1}, ActiveOnly: true}) {
		ids = append(ids, t.ID)
	}
	if len(ids) < 100 {
		b.Fatalf("only %d active L1 tickets to act on", len(ids))
	}
	var reply, escalate, all, fsync latency.Recorder
	// The floor: appending a record of the same order of size to a file
	// on the same file system and fsyncing it, timed in the same loop.
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync-floor"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rec := make([]byte, 512)
	i := 0
	for b.Loop() {
		fsync.Time(func() {
			if _, err := f.Write(rec); err != nil {
				b.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
		})
		id := ids[i%len(ids)]
		esc := i%2 == 1 && i < len(ids)
		i++
		t0 := time.Now()
		var err error
		var view helpdesk.Filter
		if esc {
			_, err = d.Escalate(id, helpdesk.L2, "Reproduced on two laptops; needs the network team.")
			view = helpdesk.Filter{Tiers: []helpdesk.Tier{helpdesk.L2}, ActiveOnly: true}
		} else {
			_, err = d.Reply(id, "Swapped the cable, please try again and tell me if it works.")
			view = helpdesk.Filter{ActiveOnly: true}
		}
		if err != nil {
			b.Fatal(err)
		}
		visible := false
		for _, t := range d.Tickets(view) {
			if t.ID == id {
				visible = !esc || t.Tier == helpdesk.L2
				break
			}
		}
		took := time.Since(t0)
		if !visible {
			b.Fatalf("ticket %d is not in the list after the action", id)
		}
		all.Add(took)
		if esc {
			escalate.Add(took)
		} else {
			reply.Add(took)
		}
	}
	all.Report(b, "")
	reply.Report(b, "reply-")
	escalate.Report(b, "escalate-")
	fsync.Report(b, "base-fsync-")
}
