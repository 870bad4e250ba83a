package localdb_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/app/devgen"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
	"github.com/tierdesk/tierdesk/localdb/latency"
)

// The benchmarks here run on a large store. make bench passes the cached
// 100,000-ticket store (app/devgen, through "tierdesk dev gen") in
// TIERDESK_BENCH_STORE, which is copied so the cache stays untouched;
// without it a store of TIERDESK_BENCH_TICKETS tickets (default 20,000)
// is generated in a temporary folder.

// benchStore opens a copy of the benchmark store, waits for its search
// index and returns it.
func benchStore(b *testing.B) *localdb.Store {
	b.Helper()
	s, _ := benchStoreFrom(b)
	return s
}

// benchStoreFrom is benchStore that also returns the closed store it
// copied, for a baseline that needs a second copy.
func benchStoreFrom(b *testing.B) (*localdb.Store, string) {
	b.Helper()
	src := os.Getenv("TIERDESK_BENCH_STORE")
	if src == "" {
		src = filepath.Join(b.TempDir(), "generated")
		n := 20_000
		if v := os.Getenv("TIERDESK_BENCH_TICKETS"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				b.Fatalf("TIERDESK_BENCH_TICKETS=%q", v)
			}
		}
		s, err := localdb.Open(src, localdb.Options{NoSync: true, GCInterval: -1})
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
	dir := copyStore(b, src)
	s, err := localdb.Open(dir, localdb.Options{GCInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	deadline := time.Now().Add(10 * time.Minute)
	for !s.SearchReady() {
		if time.Now().After(deadline) {
			b.Fatal("the search index was not built in 10 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s, src
}

// copyStore copies the closed store at src into a temporary folder, so
// that the benchmark store stays untouched.
func copyStore(b *testing.B, src string) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "store")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatalf("copy the benchmark store %s: %v", src, err)
	}
	return dir
}

// filterCases are list filters a technician uses: a tier, some statuses
// and a word typed into the filter box.
func filterCases() []helpdesk.Filter {
	tiers := [][]helpdesk.Tier{{helpdesk.L1}, {helpdesk.L2}, {helpdesk.L3}, {helpdesk.L2, helpdesk.L3}}
	statuses := [][]helpdesk.Status{{helpdesk.StatusOpen}, {helpdesk.StatusNew, helpdesk.StatusOpen}, {helpdesk.StatusStalled}, {helpdesk.StatusNew, helpdesk.StatusOpen, helpdesk.StatusStalled}}
	texts := []string{"vpn", "printer", "locked", "outlook", "slow", "install", "wi-fi", "crash", "mailbox", "access", "teams", "p", "floor 3", "zz-no-match"}
	var out []helpdesk.Filter
	for i, t := range texts {
		for j, tr := range tiers {
			out = append(out, helpdesk.Filter{Tiers: tr, Statuses: statuses[(i+j)%len(statuses)], Text: t})
		}
	}
	return out
}

// linearFilter is the baseline: the plain scan anyone would write over the
// same records, lower-casing each subject as it goes.
func linearFilter(ts []helpdesk.Ticket, f helpdesk.Filter) []*helpdesk.Ticket {
	text := strings.ToLower(f.Text)
	var out []*helpdesk.Ticket
	for i := range ts {
		t := &ts[i]
		if slices.Contains(f.Tiers, t.Tier) && slices.Contains(f.Statuses, t.Status) && strings.Contains(strings.ToLower(t.Subject), text) {
			out = append(out, t)
		}
	}
	return out
}

// BenchmarkFilter measures filtering the ticket list by tier, status and
// subject text (Store.Query, the summary index) against a linear scan of
// the same tickets held in a slice. It reports the latency percentiles of
// both (base-* for the scan) and fails if they disagree on a count.
func BenchmarkFilter(b *testing.B) {
	s := benchStore(b)
	all := s.Query(helpdesk.Filter{})
	records := make([]helpdesk.Ticket, len(all))
	for i, t := range all {
		records[i] = *t
	}
	cases := filterCases()
	var ours, base latency.Recorder
	i := 0
	for b.Loop() {
		f := cases[i%len(cases)]
		i++
		var got, want []*helpdesk.Ticket
		ours.Time(func() { got = s.Query(f) })
		base.Time(func() { want = linearFilter(records, f) })
		if len(got) != len(want) {
			b.Fatalf("filter %+v: the store found %d tickets, the scan %d", f, len(got), len(want))
		}
	}
	b.ReportMetric(float64(len(all)), "tickets")
	ours.Report(b, "")
	base.Report(b, "base-")
}

// pages makes n pull pages of 100 tickets new to the store, with their
// conversations, from the generator (another seed than the store's).
func pages(n int) []helpdesk.Pull {
	var out []helpdesk.Pull
	remote := uint64(50_000_000)
	for batch := range devgen.Batches(devgen.Options{Tickets: 100 * n, Seed: 77, BatchTickets: 100}) {
		byTicket := map[uint64][]helpdesk.Comment{}
		for _, c := range batch.Comments {
			byTicket[c.TicketID] = append(byTicket[c.TicketID], c)
		}
		var p helpdesk.Pull
		for _, t := range batch.Tickets {
			cs := byTicket[t.ID]
			for i := range cs {
				cs[i].ID, cs[i].TicketID = 0, 0
			}
			remote++
			t.ID, t.RemoteID = 0, remote
			p.Snapshots = append(p.Snapshots, helpdesk.Snapshot{Ticket: t, Comments: cs})
		}
		p.Cursors = map[string]string{"tickets": fmt.Sprint(remote)}
		out = append(out, p)
	}
	return out
}

// BenchmarkApplyPage measures storing one pulled page of 100 tickets with
// their comments (Store.ApplyPull: snapshot, rebase, conversation, summary
// and full-text index, committed with its cursor; pulled pages are not
// synced one by one, see durable.go) into the large store, against writing
// the same keys and encoded values with one raw Badger WriteBatch into a
// bare database with the same options (no fsync per page either).
//
// ApplyPull leaves the full-text indexing of its page to a background
// goroutine, so the pages are applied back to back, as a sync pass does,
// and tickets/s counts the time until that indexer has drained after the
// last page: the sustained rate, all the work included. The page-*
// latencies are ApplyPull's own (what the sync loop waits for; page-cpu is
// the calling thread's CPU, which leaves the indexer out), and
// proc-cpu-per-page is the whole process's CPU over the run, indexer and
// Badger's own goroutines included. The baseline runs afterwards on the
// same pages, for the same count; base-full is the same raw WriteBatch
// into a copy of the large store, which compacts as ApplyPull's does.
// TIERDESK_BENCH_APPLYPROFILE names a file for a CPU profile of the loop.
func BenchmarkApplyPage(b *testing.B) {
	s, src := benchStoreFrom(b)
	raw, err := localdb.OpenRawBadger(filepath.Join(b.TempDir(), "raw"))
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	rawFull, err := localdb.OpenRawBadger(copyStore(b, src))
	if err != nil {
		b.Fatal(err)
	}
	defer rawFull.Close()
	ps := pages(200)
	page := func(i int) helpdesk.Pull {
		if i < len(ps) {
			return ps[i]
		}
		// Page again with fresh server ids, so each is new to the store.
		return shift(ps[i%len(ps)], uint64(i/len(ps))*1_000_000)
	}
	var ours, base, baseFull latency.Recorder
	n := 0
	stopProfile := profileTo(b, os.Getenv("TIERDESK_BENCH_APPLYPROFILE"))
	cpu0 := processCPU(b)
	for b.Loop() {
		p := page(n)
		n++
		ours.Time(func() {
			if _, err := s.ApplyPull(p); err != nil {
				b.Fatal(err)
			}
		})
	}
	t := time.Now()
	s.WaitIndexed()
	drain := time.Since(t)
	oursCPU := processCPU(b) - cpu0
	stopProfile()

	// rawPages writes the same pages again with WriteRawPage into db.
	rawPages := func(db *badger.DB, rec *latency.Recorder) {
		next := uint64(10_000_000)
		for i := range n {
			p := page(i)
			rec.Time(func() {
				if err := localdb.WriteRawPage(db, p, next, next*30); err != nil {
					b.Fatal(err)
				}
			})
			next += uint64(len(p.Snapshots))
		}
	}
	cpu0 = processCPU(b)
	rawPages(raw, &base)
	baseCPU := processCPU(b) - cpu0
	// The same into a copy of the store ApplyPull wrote to, which compacts
	// like it: the floor at this size.
	rawPages(rawFull, &baseFull)

	tickets := float64(100 * n)
	b.ReportMetric(tickets/(ours.Total()+drain).Seconds(), "tickets/s")
	b.ReportMetric(tickets/ours.Total().Seconds(), "apply-only-tickets/s")
	b.ReportMetric(float64(drain.Microseconds()), "index-drain-µs")
	b.ReportMetric(tickets/base.Total().Seconds(), "base-tickets/s")
	b.ReportMetric(tickets/baseFull.Total().Seconds(), "base-full-tickets/s")
	b.ReportMetric(float64(oursCPU.Microseconds())/float64(n), "proc-cpu-per-page-µs")
	b.ReportMetric(float64(baseCPU.Microseconds())/float64(n), "base-proc-cpu-per-page-µs")
	ours.Report(b, "page-")
	base.Report(b, "base-page-")
}

// profileTo starts a CPU profile written to path, when path is set, and
// returns what stops it: a profile of the measured loop alone, without the
// copy of the store and the build of its search index that -cpuprofile
// would include.
func profileTo(b *testing.B, path string) func() {
	b.Helper()
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// processCPU is the CPU time the whole process has used, user and system.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func shift(p helpdesk.Pull, by uint64) helpdesk.Pull {
	q := helpdesk.Pull{Cursors: p.Cursors}
	for _, s := range p.Snapshots {
		s.Ticket.RemoteID += by
		q.Snapshots = append(q.Snapshots, s)
	}
	return q
}
