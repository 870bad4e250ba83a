package localdb

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// vlogFiles counts the store's value-log files.
func vlogFiles(t *testing.T, dir string) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.vlog"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}

// TestFirstGarbageCollectionReclaimsOldSnapshots closes a store several
// times with a change each time, as short sessions do: every close writes
// the summary and search snapshots again and leaves the previous ones as
// value-log garbage. The next session's first collection, which comes
// firstGCAfter after the open rather than a whole interval later, must
// give those files back.
func TestFirstGarbageCollectionReclaimsOldSnapshots(t *testing.T) {
	oldSize, oldFirst := valueLogFileSize, firstGCAfter
	valueLogFileSize = 1 << 20 // Badger's smallest
	t.Cleanup(func() { valueLogFileSize, firstGCAfter = oldSize, oldFirst })
	dir := t.TempDir()
	s := openTest(t, dir, Options{GCInterval: -1})
	// Enough tickets for snapshot chunks above the value threshold, so
	// they are written to the value log.
	var b Batch
	for i := range 3000 {
		b.Tickets = append(b.Tickets, helpdesk.Ticket{RemoteID: uint64(i + 1), Subject: fmt.Sprintf("Printer %d on floor %d jams after the update", i, i%7),
			Requester: "dana", Owner: "sam", Queue: "General", Tier: helpdesk.Tier(i % 3), Status: helpdesk.StatusOpen, Created: t0, Updated: t0})
	}
	if err := s.Write(b); err != nil {
		t.Fatal(err)
	}
	waitSearch(t, s)
	s.Close()
	for i := range 6 {
		s := openTest(t, dir, Options{GCInterval: -1})
		waitSearch(t, s)
		create(t, s, fmt.Sprintf("Session %d", i), helpdesk.L1)
		s.Close()
	}
	before := vlogFiles(t, dir)
	if before < 4 {
		t.Fatalf("%d value-log files after six sessions: the snapshots did not reach the value log", before)
	}

	firstGCAfter = 50 * time.Millisecond
	s = openTest(t, dir, Options{}) // the default interval: ten minutes
	deadline := time.Now().Add(10 * time.Second)
	for vlogFiles(t, dir) > before/2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d value-log files 10 s after the open, %d before: the first collection did not run or reclaimed nothing", vlogFiles(t, dir), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("value-log files: %d before, %d after the first collection", before, vlogFiles(t, dir))
	if n := len(summaries(s)); n != 3006 {
		t.Fatalf("%d tickets after the collection, want 3006", n)
	}
}
