package localdb

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// residentValueLog sums the resident size of this process's mappings of
// the value-log files in dir, apart from the newest one, from
// /proc/self/smaps.
func residentValueLog(t *testing.T, dir string) int {
	t.Helper()
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rss := map[string]int{}
	var cur string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			cur = ""
			if len(fields) == 6 && filepath.Dir(fields[5]) == dir && strings.HasSuffix(fields[5], ".vlog") {
				cur = fields[5]
			}
		case cur != "" && len(fields) == 3 && fields[0] == "Rss:":
			kb, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatalf("smaps: %q", sc.Text())
			}
			rss[cur] += kb << 10
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	newest, total := "", 0
	for p := range rss {
		newest = max(newest, p)
	}
	for p, n := range rss {
		if p != newest {
			total += n
		}
	}
	return total
}

// TestReleasedValueLogPagesReadBackTheSame fills several value-log files
// with large values, reads them (which makes them resident), releases the
// pages, and checks that they are no longer resident and that every value
// reads back byte for byte.
func TestReleasedValueLogPagesReadBackTheSame(t *testing.T) {
	old := valueLogFileSize
	valueLogFileSize = 1 << 20 // Badger's smallest
	t.Cleanup(func() { valueLogFileSize = old })
	dir := t.TempDir()
	s := openTest(t, dir, Options{NoSync: true})
	r := rand.New(rand.NewPCG(5, 5))
	want := map[string][]byte{}
	for i := range 12 {
		v := make([]byte, 300<<10) // above the value threshold: in the value log
		for j := range v {
			v[j] = byte(r.IntN(256))
		}
		k := string(nameKey(kindMeta, fmt.Sprintf("test/%d", i)))
		want[k] = v
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(k), v) }); err != nil {
			t.Fatal(err)
		}
	}
	readAll := func() {
		t.Helper()
		if err := s.view(func(txn *badger.Txn) error {
			for k, v := range want {
				item, err := txn.Get([]byte(k))
				if err != nil {
					return err
				}
				got, err := item.ValueCopy(nil)
				if err != nil {
					return err
				}
				if !bytes.Equal(got, v) {
					return fmt.Errorf("%s reads back different", k)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	readAll()
	before := residentValueLog(t, dir)
	if before < 2<<20 {
		t.Fatalf("only %d bytes of closed value-log files resident after reading 3.6 MB from them", before)
	}
	n, err := s.releaseSnapshotPages()
	if err != nil {
		t.Fatal(err)
	}
	after := residentValueLog(t, dir)
	t.Logf("advised %d bytes; resident %d -> %d", n, before, after)
	if n < before || after > 64<<10 {
		t.Errorf("advised %d bytes; %d of %d bytes still resident", n, after, before)
	}
	readAll()
}

// TestRestoredSnapshotsLeaveNoPagesResident opens a store whose snapshots
// fill closed value-log files, as a large store's do, and checks that once
// the search index is restored their pages are not resident, while the
// store still answers from them at the next open.
func TestRestoredSnapshotsLeaveNoPagesResident(t *testing.T) {
	old := valueLogFileSize
	valueLogFileSize = 1 << 20
	t.Cleanup(func() { valueLogFileSize = old })
	dir := t.TempDir()
	s := openTest(t, dir, Options{NoSync: true})
	words := strings.Fields("printer vpn laptop outlook mailbox password token badge scanner monitor dock wifi teams license backup")
	var b Batch
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3000 {
		b.Tickets = append(b.Tickets, helpdesk.Ticket{
			ID: uint64(i + 1), RemoteID: uint64(1000 + i), Requester: fmt.Sprintf("user%d@example.com", i%97),
			Subject: fmt.Sprintf("%s and %s fail on floor %d (case %d)", words[i%len(words)], words[(i/7)%len(words)], i%9, i),
			Status:  helpdesk.StatusOpen, Tier: helpdesk.Tier(i % 3), Created: t0, Updated: t0.Add(time.Duration(i) * time.Minute),
		})
	}
	if err := s.Write(b); err != nil {
		t.Fatal(err)
	}
	waitSearch(t, s)
	wantResults := searchResults(s)
	s.Close()

	s2 := openTest(t, dir, Options{DeferSearch: true})
	s2.StartSearch()
	waitSearch(t, s2)
	if !s2.searchRestored.Load() {
		t.Fatal("the index was rebuilt, not restored")
	}
	if n := residentValueLog(t, dir); n > 64<<10 {
		t.Errorf("%d bytes of the snapshots' value-log files still resident after the restore", n)
	}
	if got := searchResults(s2); fmt.Sprint(got) != fmt.Sprint(wantResults) {
		t.Errorf("search after the restore:\n got %v\nwant %v", got, wantResults)
	}
	if s2.Count(helpdesk.Filter{}) != 3000 {
		t.Errorf("%d tickets after the reopen, want 3000", s2.Count(helpdesk.Filter{}))
	}
}

// TestReleasingPagesWhileValueLogFilesComeAndGo releases the value log's
// pages over and over while another goroutine writes large values (which
// rotates the value-log files) and collects garbage (which rewrites and
// deletes them), then checks every value. An advice that reached a
// mapping Badger had removed meanwhile must neither fail the release nor
// disturb what the kernel put at that address since (MADV_DONTNEED, tried
// first, failed here with ENOMEM for such ranges). The writes and the
// collection take turns: run at the same time they trip a data race inside
// Badger (DB.MaxVersion against memTable.Put), which is not what this
// test is about.
func TestReleasingPagesWhileValueLogFilesComeAndGo(t *testing.T) {
	old := valueLogFileSize
	valueLogFileSize = 1 << 20
	t.Cleanup(func() { valueLogFileSize = old })
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	const keys = 8
	value := func(k, gen int) []byte {
		return bytes.Repeat([]byte{byte(k), byte(gen)}, 100<<10) // 200 KB: in the value log
	}
	key := func(k int) []byte { return nameKey(kindMeta, fmt.Sprintf("churn/%d", k)) }
	gens, rewritten := 0, 0 // read only after done
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			for gen := 0; ; gen++ {
				select {
				case <-stop:
					return nil
				default:
				}
				for k := range keys {
					if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(key(k), value(k, gen)) }); err != nil {
						return err
					}
				}
				gens = gen
				// Small records as well, so that memtables flush and
				// compact: compaction is what tells the collection which
				// files hold garbage.
				wb := s.db.NewWriteBatch()
				for i := range 2000 {
					if err := wb.Set(nameKey(kindMeta, fmt.Sprintf("filler/%d", i)), bytes.Repeat([]byte{byte(gen)}, 1<<10)); err != nil {
						wb.Cancel()
						return err
					}
				}
				if err := wb.Flush(); err != nil {
					return err
				}
				rewritten += s.CollectGarbage()
			}
		}()
	}()
	deadline := time.Now().Add(3 * time.Second)
	released := 0
	for time.Now().Before(deadline) {
		n, err := s.releaseSnapshotPages()
		if err != nil {
			t.Fatal(err)
		}
		released += n
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rounds of writes, %d value-log files rewritten and deleted, %d bytes of mappings advised", gens, rewritten, released)
	if released == 0 || rewritten == 0 || gens < 10 {
		t.Fatal("the churn did not rotate, collect and release value-log files")
	}
	if err := s.view(func(txn *badger.Txn) error {
		for k := range keys {
			item, err := txn.Get(key(k))
			if err != nil {
				return err
			}
			got, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			if !bytes.Equal(got, value(k, gens)) {
				return fmt.Errorf("value %d differs after the churn", k)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
