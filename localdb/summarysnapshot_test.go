package localdb

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// abandon closes the database the way a crash or a kill leaves it: no
// summary snapshot is written. Its goroutines are stopped first, as a
// killed process's are: the indexer reading a ticket while the database
// closes under it made Badger panic (ErrDBClosed from NewIterator).
func abandon(t *testing.T, s *Store) {
	t.Helper()
	s.closed.Do(func() {
		close(s.stopGC)
		<-s.gcDone
		s.stopSearchRebuild()
		s.wmu.Lock()
		s.stopIndexer()
		s.wmu.Unlock()
		s.closedFlag.Store(true)
		s.reads.close()
		if err := s.db.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

func summaries(s *Store) []helpdesk.Ticket {
	var out []helpdesk.Ticket
	for _, t := range s.Query(helpdesk.Filter{}) {
		out = append(out, *t)
	}
	return out
}

func sameSummaries(t *testing.T, got, want []helpdesk.Ticket) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d tickets, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.Created.Equal(w.Created) || !g.Updated.Equal(w.Updated) || !g.Due.Equal(w.Due) {
			t.Fatalf("ticket %d times differ", i)
		}
		g.Created, g.Updated, g.Due = w.Created, w.Updated, w.Due
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("ticket %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestSummarySnapshotIsUsedAfterAClose(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	old := snapshotChunkSize
	snapshotChunkSize = 300 // several chunks from a few tickets
	t.Cleanup(func() { snapshotChunkSize = old })
	for i := range 25 {
		create(t, s, fmt.Sprintf("Ticket %d", i), helpdesk.Tier(i%3))
	}
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(7, "From the server", helpdesk.L2, helpdesk.StatusOpen, "1", "x")}}); err != nil {
		t.Fatal(err)
	}
	want := summaries(s)
	if s.fromSnapshot {
		t.Fatal("a new store claims a snapshot")
	}
	s.Close()

	s2 := openTest(t, dir, Options{})
	if !s2.fromSnapshot {
		t.Fatal("the open after a clean close read every ticket")
	}
	sameSummaries(t, summaries(s2), want)
	if id, ok := s2.LocalID(7); !ok || id == 0 {
		t.Fatal("server id lost through the snapshot")
	}
	if n := len(s2.Query(helpdesk.Filter{Tiers: []helpdesk.Tier{helpdesk.L2}})); n != 9 {
		t.Fatalf("L2 filter after the snapshot: %d tickets, want 9", n)
	}
	// An open that changes nothing leaves the snapshot current.
	s2.Close()
	s3 := openTest(t, dir, Options{})
	if !s3.fromSnapshot {
		t.Fatal("an open that committed nothing made the snapshot stale")
	}
	sameSummaries(t, summaries(s3), want)
}

// The snapshot decoder lower-cases subjects itself, into one buffer per
// chunk; the text filter must still see exactly strings.ToLower.
func TestSummarySnapshotLowersSubjectsLikeStringsToLower(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	old := snapshotChunkSize
	snapshotChunkSize = 200
	t.Cleanup(func() { snapshotChunkSize = old })
	subjects := []string{"all lower case", "VPN Drops Every Hour", "ÄRGER mit dem Drucker", "İstanbul office: no Wi-Fi",
		"x", "ZZZ", "mixed ascii and ünïcödé CAPS", "bad utf-8 \xff\xfe HERE", "ΣΊΣΥΦΟΣ"}
	for i, subj := range subjects {
		create(t, s, subj, helpdesk.Tier(i%3))
	}
	s.Close()
	s2 := openTest(t, dir, Options{})
	if !s2.fromSnapshot {
		t.Fatal("the open after a clean close read every ticket")
	}
	if len(s2.index.sorted) != len(subjects) {
		t.Fatalf("%d tickets, want %d", len(s2.index.sorted), len(subjects))
	}
	for _, e := range s2.index.sorted {
		if want := strings.ToLower(e.t.Subject); e.lower != want {
			t.Errorf("subject %q: lower %q, want %q", e.t.Subject, e.lower, want)
		}
	}
	if got := s2.Query(helpdesk.Filter{Text: "ärger"}); len(got) != 1 || got[0].Subject != subjects[2] {
		t.Errorf("text filter ärger: %d tickets", len(got))
	}
	if got := s2.Query(helpdesk.Filter{Text: "drops every"}); len(got) != 1 || got[0].Subject != subjects[1] {
		t.Errorf("text filter drops every: %d tickets", len(got))
	}
}

// Whatever is committed after the snapshot — here by a session that never
// closed — makes the next open read every ticket, so a deleted or changed
// ticket is never brought back from the snapshot.
func TestSummarySnapshotIsNotTrustedAfterLaterCommits(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{
		snap(1, "a", helpdesk.L1, helpdesk.StatusOpen, "1"), snap(2, "b", helpdesk.L1, helpdesk.StatusOpen, "1")}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s2 := openTest(t, dir, Options{})
	if !s2.fromSnapshot {
		t.Fatal("snapshot not used")
	}
	if _, err := s2.ApplyPull(helpdesk.Pull{Deleted: []uint64{1}}); err != nil {
		t.Fatal(err)
	}
	kept := create(t, s2, "Written before the crash", helpdesk.L3)
	abandon(t, s2)

	s3 := openTest(t, dir, Options{})
	if s3.fromSnapshot {
		t.Fatal("a stale snapshot was trusted")
	}
	if _, ok := s3.LocalID(1); ok {
		t.Fatal("a ticket deleted after the snapshot came back")
	}
	if got, ok := s3.Summary(kept.ID); !ok || got.Subject != kept.Subject || s3.Len() != 2 {
		t.Fatalf("after the crash: %d tickets, new one %v", s3.Len(), ok)
	}
}

// A damaged snapshot is reported and passed over, never trusted.
func TestDamagedSummarySnapshotFallsBackToTheTickets(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	for i := range 5 {
		create(t, s, fmt.Sprintf("Ticket %d", i), helpdesk.L1)
	}
	want := summaries(s)
	s.Close()
	db, err := badger.Open(badgerOptions(dir, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	// Chunk and header rewritten in one commit, so the snapshot is current
	// but its record is cut short.
	err = db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(snapshotChunkKey(0))
		if err != nil {
			return err
		}
		c, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		h, err := txn.Get(snapshotHeaderKey)
		if err != nil {
			return err
		}
		hv, err := h.ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := txn.Set(snapshotChunkKey(0), c[:len(c)-3]); err != nil {
			return err
		}
		return txn.Set(snapshotHeaderKey, hv)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s2 := openTest(t, dir, Options{})
	if s2.fromSnapshot {
		t.Fatal("a damaged snapshot was used")
	}
	sameSummaries(t, summaries(s2), want)
}
