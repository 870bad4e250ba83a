package localdb

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// searchFixture fills a store with tickets, one with a conversation, and
// two articles, and waits for its index.
func searchFixture(t *testing.T, s *Store) (printer helpdesk.Ticket) {
	t.Helper()
	if err := s.Write(Batch{Articles: []helpdesk.Article{
		{Title: "Reset your VPN token", Category: "Network", Summary: "When the VPN disconnects", Body: "Open the **VPN** client and press reset."},
		{Title: "Clear a paper jam", Category: "Printing", Body: "Open the front door and pull the paper out."},
	}}); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		create(t, s, fmt.Sprintf("Laptop %d will not boot", i), helpdesk.Tier(i%3))
	}
	printer = create(t, s, "Printer jams on floor three", helpdesk.L1)
	r := mut(helpdesk.MutReply, printer.ID)
	r.Body = "The toner cartridge looks cracked."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	waitSearch(t, s)
	return printer
}

// searchResults runs a fixed set of queries, for comparing two indexes:
// the documents each finds, in no order (an index updated in place and
// one built afresh score alike but not to the last bit, as their
// frequencies count replaced documents until a compaction).
func searchResults(s *Store) []map[string]bool {
	var out []map[string]bool
	for _, q := range []string{"vpn disconects", "toner", "laptop boot", "printer ", "jam", "lapt", "scanner", "fuser"} {
		m := map[string]bool{}
		for _, h := range s.Search(fts.Query{Text: q, Limit: 100}) {
			m[fmt.Sprintf("%s %d", h.Kind, h.ID)] = true
		}
		out = append(out, m)
	}
	return out
}

// TestSearchSnapshotIsRestoredAfterAClose closes a store with its index
// built, and checks that the next open restores the index instead of
// rebuilding it, that what changes between that open and StartSearch (as
// the window does: sync and actions run before the first frame) is in the
// restored index, and that its answers are those of a rebuilt index.
func TestSearchSnapshotIsRestoredAfterAClose(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	old := snapshotChunkSize
	snapshotChunkSize = 500 // several chunks
	t.Cleanup(func() { snapshotChunkSize = old })
	printer := searchFixture(t, s)
	s.Close()

	s2 := openTest(t, dir, Options{DeferSearch: true})
	if !s2.hasSearchSnap {
		t.Fatal("no search snapshot found after a clean close")
	}
	if s2.searchSnap.chunks < 2 {
		t.Fatalf("search snapshot in %d chunks, want several", s2.searchSnap.chunks)
	}
	// Changes before StartSearch: a new ticket, a pulled one, a reply that
	// changes the text, an escalation that changes only the state.
	scanner := create(t, s2, "Scanner offline on floor two", helpdesk.L1)
	if _, err := s2.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(70, "VPN drops every hour", helpdesk.L2, helpdesk.StatusOpen, "1", "It disconnects.")}}); err != nil {
		t.Fatal(err)
	}
	r := mut(helpdesk.MutReply, printer.ID)
	r.Body = "Replaced the fuser unit."
	if _, _, err := s2.Apply(r); err != nil {
		t.Fatal(err)
	}
	e := mut(helpdesk.MutEscalate, printer.ID)
	e.Tier, e.Body = helpdesk.L3, "Fuser replaced, needs the vendor."
	if _, _, err := s2.Apply(e); err != nil {
		t.Fatal(err)
	}
	s2.StartSearch()
	waitSearch(t, s2)
	if !s2.searchRestored.Load() {
		t.Fatal("the index was rebuilt, not restored")
	}
	if hits := s2.Search(fts.Query{Text: "scanner offline"}); !found(hits, fts.KindTicket, scanner.ID) {
		t.Errorf("ticket created before StartSearch not found: %+v", hits)
	}
	if hits := s2.Search(fts.Query{Text: "fuser"}); !found(hits, fts.KindTicket, printer.ID) {
		t.Errorf("reply made before StartSearch not found: %+v", hits)
	}
	if hits := s2.Search(fts.Query{Text: "toner", Tiers: []helpdesk.Tier{helpdesk.L3}}); !found(hits, fts.KindTicket, printer.ID) {
		t.Errorf("escalation made before StartSearch not in the filter: %+v", hits)
	}
	pulled, _ := s2.LocalID(70)
	if hits := s2.Search(fts.Query{Text: "vpn every hour", Kinds: []fts.Kind{fts.KindTicket}}); !found(hits, fts.KindTicket, pulled) {
		t.Errorf("page pulled before StartSearch not found: %+v", hits)
	}
	restored := searchResults(s2)
	s2.Close()

	// A rebuilt index of the same records gives the same answers: the
	// snapshot is dropped by a commit after it (as a crash leaves it).
	s3 := openTest(t, dir, Options{})
	waitSearch(t, s3)
	if !s3.searchRestored.Load() {
		t.Fatal("the snapshot written by the second close was not restored")
	}
	r = mut(helpdesk.MutReply, printer.ID) // a commit that changes no query's answer
	r.Body = "Thanks, noted."
	if _, _, err := s3.Apply(r); err != nil {
		t.Fatal(err)
	}
	abandon(t, s3)
	s4 := openTest(t, dir, Options{})
	waitSearch(t, s4)
	if s4.hasSearchSnap || s4.searchRestored.Load() {
		t.Fatal("a snapshot older than the newest commit was used")
	}
	if rebuilt := searchResults(s4); !reflect.DeepEqual(rebuilt, restored) {
		t.Errorf("restored index answers\n%+v\nrebuilt index\n%+v", restored, rebuilt)
	}
}

// TestSearchSnapshotNotWrittenUnbuilt closes a store whose index was
// never filled: the summary snapshot is written, the stale search snapshot
// is not trusted by the next open, which rebuilds. A close that changed
// nothing keeps both current.
func TestSearchSnapshotNotWrittenUnbuilt(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	printer := searchFixture(t, s)
	s.Close()

	// Nothing changes: the snapshot stays current without search running.
	s2 := openTest(t, dir, Options{DeferSearch: true})
	s2.Close()
	s3 := openTest(t, dir, Options{DeferSearch: true})
	if !s3.hasSearchSnap {
		t.Fatal("a close that changed nothing dropped the search snapshot")
	}
	// A change, then a close before the index is restored.
	create(t, s3, "Scanner offline", helpdesk.L1)
	s3.Close()
	s4 := openTest(t, dir, Options{})
	if !s4.fromSnapshot {
		t.Fatal("summary snapshot not written")
	}
	if s4.hasSearchSnap {
		t.Fatal("a search snapshot older than the summary snapshot was trusted")
	}
	waitSearch(t, s4)
	if hits := s4.Search(fts.Query{Text: "toner"}); !found(hits, fts.KindTicket, printer.ID) {
		t.Errorf("rebuilt index: %+v", hits)
	}
	if hits := s4.Search(fts.Query{Text: "scanner"}); len(hits) != 1 {
		t.Errorf("rebuilt index, the ticket created last: %+v", hits)
	}
}

// TestDamagedSearchSnapshotIsRebuilt damages one byte of a search
// snapshot that is still the newest commit (every snapshot record is
// written again, one changed): the open must notice, log it, rebuild, and
// search as before.
func TestDamagedSearchSnapshotIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	searchFixture(t, s)
	want := searchResults(s)
	s.Close()

	db, err := badger.Open(badgerOptions(dir, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	damaged := false
	err = db.Update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{kindMeta}})
		type kv struct{ k, v []byte }
		var all []kv
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				it.Close()
				return err
			}
			all = append(all, kv{k, v})
		}
		it.Close()
		for _, e := range all {
			if chunk := nameKey(kindMeta, "search/"); bytes.HasPrefix(e.k, chunk) && !damaged {
				e.v[0] = 0x7f // the articles' document count
				damaged = true
			}
			if err := txn.Set(e.k, e.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || !damaged {
		t.Fatalf("damage the snapshot: %v (damaged %v)", err, damaged)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	s2 := openTest(t, dir, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if !s2.fromSnapshot || !s2.hasSearchSnap {
		t.Fatal("the rewritten snapshot is not the newest commit")
	}
	waitSearch(t, s2)
	if s2.searchRestored.Load() {
		t.Fatal("a damaged snapshot was restored")
	}
	if !bytes.Contains(logs.Bytes(), []byte("rebuilding it")) {
		t.Errorf("nothing logged about the damaged snapshot: %q", logs.String())
	}
	if got := searchResults(s2); !reflect.DeepEqual(got, want) {
		t.Errorf("after the rebuild\n%+v\nwant\n%+v", got, want)
	}
}
