package localdb

import (
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// ApplyPull indexes the conversation from the records in hand rather than
// reading it back; the index must still hold exactly what the store holds:
// the unsent reply kept over the pull, the server's new comment, and not
// the server comment the new snapshot no longer has.
func TestPullIndexesTheStoredConversation(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	waitSearch(t, s)
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "1", "The screen flickers.", "Tried the walrus cable.")}}); err != nil {
		t.Fatal(err)
	}
	id, ok := s.LocalID(90)
	if !ok {
		t.Fatal("remote id not mapped")
	}
	r := mut(helpdesk.MutReply, id)
	r.Body = "Swapping the zanzibar adapter."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "2", "The screen flickers.", "Firmware quokka fixed it.")}}); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]bool{"zanzibar": true, "quokka": true, "flickers": true, "walrus": false} {
		if got := found(s.Search(fts.Query{Text: word, Exact: true}), fts.KindTicket, id); got != want {
			t.Errorf("search %q finds the ticket: %v, want %v", word, got, want)
		}
	}
}

// Pulled pages are indexed in the background, in order: a burst of pages
// rewriting one ticket, with actions on it in between (which index the
// ticket themselves), must leave the index with the last state, and a
// search right after ApplyPull must already see it.
func TestPulledPagesAreIndexedInOrder(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	waitSearch(t, s)
	words := []string{"aardvark", "badger", "cheetah", "dingo", "emu", "ferret", "gecko", "heron", "ibis", "jackal", "koala", "lemur"}
	var id uint64
	for k, w := range words {
		// Other tickets fill the page, so the indexer has work queued.
		p := helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, w, "Seen a "+w+" today.")}}
		for i := range 50 {
			p.Snapshots = append(p.Snapshots, snap(uint64(1000+k*100+i), "Filler", helpdesk.L2, helpdesk.StatusOpen, "1", "Nothing to see here."))
		}
		if _, err := s.ApplyPull(p); err != nil {
			t.Fatal(err)
		}
		id, _ = s.LocalID(90)
		if k%4 == 1 {
			n := mut(helpdesk.MutNote, id)
			n.Body = "Note on the " + w + "."
			if _, _, err := s.Apply(n); err != nil {
				t.Fatal(err)
			}
		}
	}
	last := words[len(words)-1]
	if !found(s.Search(fts.Query{Text: last, Exact: true}), fts.KindTicket, id) {
		t.Fatalf("search %q right after the last page misses the ticket", last)
	}
	for k, w := range words[:len(words)-1] {
		// The server's comment changed every page; the notes (unsent) stay.
		want := k%4 == 1
		if got := found(s.Search(fts.Query{Text: w, Exact: true}), fts.KindTicket, id); got != want {
			t.Errorf("search %q finds the ticket: %v, want %v", w, got, want)
		}
	}

	if _, err := s.ApplyPull(helpdesk.Pull{Deleted: []uint64{1000}}); err != nil {
		t.Fatal(err)
	}
	gone, _ := s.LocalID(1000)
	s.WaitIndexed()
	if found(s.Search(fts.Query{Text: "nothing", Exact: true, Limit: 1000}), fts.KindTicket, gone) {
		t.Error("a ticket deleted by a pull is still found")
	}
}

// Closing the store right after a pull applies the queued indexing and
// returns; nothing is left running.
func TestCloseAfterPullDrainsTheIndexer(t *testing.T) {
	s, err := Open(t.TempDir(), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for k := range 5 {
		var p helpdesk.Pull
		for i := range 100 {
			p.Snapshots = append(p.Snapshots, snap(uint64(k*1000+i+1), "Filler", helpdesk.L2, helpdesk.StatusOpen, "1", "Nothing to see here."))
		}
		if _, err := s.ApplyPull(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if hits := s.Search(fts.Query{Text: "filler"}); hits != nil {
		t.Fatalf("a closed store searched: %d hits", len(hits))
	}
	s.WaitIndexed() // returns at once: everything was applied at Close
}

// An action returns without waiting for the indexer, and its full-text
// update lands after the page queued before it, never under it.
func TestActionIsIndexedAfterAQueuedPage(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	waitSearch(t, s)
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "1", "Seen an okapi.")}}); err != nil {
		t.Fatal(err)
	}
	id, _ := s.LocalID(90)
	s.indexer.gate.Lock() // the indexer stalls on the next job
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "2", "Seen a narwhal.")}}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		n := mut(helpdesk.MutNote, id)
		n.Body = "Asked about the pangolin."
		_, _, err := s.Apply(n)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the action waited for the stalled indexer")
	}
	s.indexer.gate.Unlock()
	for word, want := range map[string]bool{"pangolin": true, "narwhal": true, "okapi": false} {
		if got := found(s.Search(fts.Query{Text: word, Exact: true}), fts.KindTicket, id); got != want {
			t.Errorf("search %q finds the ticket: %v, want %v", word, got, want)
		}
	}
}
