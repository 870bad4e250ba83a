package app

import (
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

func TestRequesterSearchHidesNotesAndOthersTickets(t *testing.T) {
	dir := t.TempDir()
	open := func(me Identity) *Desk {
		d, err := OpenDesk(dir, Options{Account: "Test", Me: me, Clock: func() time.Time { return fixed }})
		if err != nil {
			t.Fatal(err)
		}
		if !d.WaitSearch(10 * time.Second) {
			t.Fatal("search index not ready")
		}
		return d
	}
	d := open(alex)
	mine, err := d.CreateTicket(NewTicket{Subject: "Laptop fan noisy", Description: "Grinding sound.", Requester: "dana", Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Note(mine.ID, "Warranty expired, quote the replacement"); err != nil {
		t.Fatal(err)
	}
	theirs, err := d.CreateTicket(NewTicket{Subject: "Laptop screen cracked", Description: "Dropped it.", Requester: "erin", Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	if hits := d.Search("warranty", SearchOptions{}); len(hits) != 1 || hits[0].ID != mine.ID {
		t.Fatalf("agent search for a note: %+v", hits)
	}
	if hits := d.Search("laptop", SearchOptions{Kinds: []fts.Kind{fts.KindTicket}}); len(hits) != 2 {
		t.Fatalf("agent sees %d laptop tickets", len(hits))
	}
	d.Close()

	d = open(Identity{Name: "dana", Role: helpdesk.RoleRequester, Tier: helpdesk.L1})
	defer d.Close()
	if hits := d.Search("warranty", SearchOptions{}); len(hits) != 0 {
		t.Fatalf("requester found an internal note: %+v", hits)
	}
	hits := d.Search("laptop", SearchOptions{})
	if len(hits) != 1 || hits[0].ID != mine.ID {
		t.Fatalf("requester search: %+v (theirs is %d)", hits, theirs.ID)
	}
	for _, h := range hits {
		if h.Snippet != "" && (contains(h.Snippet, "Warranty") || contains(h.Snippet, "quote")) {
			t.Fatalf("snippet quotes a note: %q", h.Snippet)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
