package ui

import (
	"strings"
	"testing"
)

func TestOutboxListsPendingChanges(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectKind(navOutbox)
	o := f.ui.outbox
	if !o.pane.Visible() {
		t.Fatal("outbox not shown")
	}
	unsent := f.desk.State().Unsent
	if len(o.rows) != unsent || o.list.Length() != unsent {
		t.Fatalf("%d rows, %d unsent", len(o.rows), unsent)
	}
	if !strings.HasPrefix(o.rows[0].what, `Create "Printer on floor 3 jams"`) || o.rows[0].state != "pending" {
		t.Fatalf("first row %+v", o.rows[0])
	}
	last := o.rows[len(o.rows)-1]
	if last.what != "Status → Resolved" || !strings.Contains(last.ticket, "New starter laptop") {
		t.Fatalf("last row %+v", last)
	}
	if !contains(texts(o.list), "Pending") {
		t.Fatal("state badge not drawn")
	}

	// A change while the outbox is on screen shows up at once.
	vpn := f.ticketBySubject("VPN drops every hour")
	if _, err := f.desk.Note(vpn.ID, "Checked the logs."); err != nil {
		t.Fatal(err)
	}
	f.settle()
	if len(o.rows) != unsent+1 || o.rows[len(o.rows)-1].what != "Note: Checked the logs." {
		t.Fatalf("after a note: %d rows", len(o.rows))
	}
}
