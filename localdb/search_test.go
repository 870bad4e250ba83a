package localdb

import (
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

func waitSearch(t *testing.T, s *Store) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !s.SearchReady() {
		if time.Now().After(deadline) {
			t.Fatal("search index not ready after 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func found(hits []fts.Hit, kind fts.Kind, id uint64) bool {
	for _, h := range hits {
		if h.Kind == kind && h.ID == id {
			return true
		}
	}
	return false
}

func TestSearchFollowsChanges(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	// Records written before a reopen are found through the rebuild.
	if err := s.Write(Batch{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(Batch{Articles: []helpdesk.Article{{Title: "Reset your VPN token", Category: "Network",
		Summary: "When the VPN disconnects", Body: "Open the **VPN** client and press reset."}}}); err != nil {
		t.Fatal(err)
	}
	tk := create(t, s, "Printer jams on floor three", helpdesk.L1)
	r := mut(helpdesk.MutReply, tk.ID)
	r.Body = "The toner cartridge looks cracked."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	n := mut(helpdesk.MutNote, tk.ID)
	n.Body = "Secret budget overrun"
	if _, _, err := s.Apply(n); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, dir, Options{})
	waitSearch(t, s)

	hits := s.Search(fts.Query{Text: "vpn disconects", Kinds: []fts.Kind{fts.KindArticle}})
	if len(hits) == 0 || hits[0].Kind != fts.KindArticle || hits[0].Title != "Reset your VPN token" {
		t.Fatalf("article hits %+v", hits)
	}
	if !found(s.Search(fts.Query{Text: "toner cracked"}), fts.KindTicket, tk.ID) {
		t.Fatal("reply not found")
	}
	if !found(s.Search(fts.Query{Text: "budget"}), fts.KindTicket, tk.ID) {
		t.Fatal("note not found by agents")
	}
	if found(s.Search(fts.Query{Text: "budget", NoNotes: true}), fts.KindTicket, tk.ID) {
		t.Fatal("note found with NoNotes")
	}

	// Changes after the rebuild are indexed at once.
	r = mut(helpdesk.MutReply, tk.ID)
	r.Body = "Replaced the fuser assembly."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	if !found(s.Search(fts.Query{Text: "fuser"}), fts.KindTicket, tk.ID) {
		t.Fatal("new reply not found")
	}
	tk2 := create(t, s, "Monitor flickering", helpdesk.L2)
	if !found(s.Search(fts.Query{Text: "monitor"}), fts.KindTicket, tk2.ID) {
		t.Fatal("new ticket not found")
	}
	st := mut(helpdesk.MutStatus, tk2.ID)
	st.Status = helpdesk.StatusOpen
	if _, _, err := s.Apply(st); err != nil {
		t.Fatal(err)
	}
	if !found(s.Search(fts.Query{Text: "monitor", Statuses: []helpdesk.Status{helpdesk.StatusOpen}}), fts.KindTicket, tk2.ID) {
		t.Fatal("status change not indexed")
	}

	// A pull that changes the subject updates results; a deletion removes it.
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{
		snap(7, "Keyboard missing keys", helpdesk.L1, helpdesk.StatusOpen, "1", "x")}}); err != nil {
		t.Fatal(err)
	}
	id, _ := s.LocalID(7)
	if !found(s.Search(fts.Query{Text: "keyboard"}), fts.KindTicket, id) {
		t.Fatal("pulled ticket not found")
	}
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{
		snap(7, "Mouse scroll wheel broken", helpdesk.L1, helpdesk.StatusOpen, "2", "x")}}); err != nil {
		t.Fatal(err)
	}
	if found(s.Search(fts.Query{Text: "keyboard"}), fts.KindTicket, id) || !found(s.Search(fts.Query{Text: "scroll wheel"}), fts.KindTicket, id) {
		t.Fatal("subject change not indexed")
	}
	if _, err := s.ApplyPull(helpdesk.Pull{Deleted: []uint64{7}}); err != nil {
		t.Fatal(err)
	}
	if found(s.Search(fts.Query{Text: "scroll wheel"}), fts.KindTicket, id) {
		t.Fatal("deleted ticket still found")
	}
}

func TestCloseDuringRebuild(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	var arts []helpdesk.Article
	for i := range 3000 {
		arts = append(arts, helpdesk.Article{Title: "Article about widgets", Body: string(rune('a'+i%26)) + " body text for the article"})
	}
	if err := s.Write(Batch{Articles: arts}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for range 5 {
		s2, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s2.Close()
		if hits := s2.Search(fts.Query{Text: "widgets"}); hits != nil {
			t.Fatal("search after close")
		}
	}
}

// A deferred index is not built until StartSearch, and a store closed
// before then closes at once.
func TestDeferredSearchStartsOnRequest(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	create(t, s, "Laptop fan rattles", helpdesk.L1)
	s.Close()

	s = openTest(t, dir, Options{DeferSearch: true})
	time.Sleep(50 * time.Millisecond)
	if s.SearchReady() || len(s.Search(fts.Query{Text: "fan"})) != 0 {
		t.Fatal("a deferred index was built before StartSearch")
	}
	s.StartSearch()
	waitSearch(t, s)
	if len(s.Search(fts.Query{Text: "fan"})) != 1 {
		t.Fatal("the started index does not find the ticket")
	}
	s.StartSearch() // a second call does nothing
	s.Close()

	s = openTest(t, dir, Options{DeferSearch: true})
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("closing a store whose index was never started hangs")
	}
	s.StartSearch() // after Close: nothing happens
	if s.SearchReady() {
		t.Fatal("a closed store built its index")
	}
}
