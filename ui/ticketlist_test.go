package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestListShowsTheQueue(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	l := f.ui.tickets

	// The L1 queue: active L1 tickets, newest first.
	if got := l.count.Text; got != "2 tickets" {
		t.Fatalf("count label = %q, want 2 tickets", got)
	}
	if l.list.Length() != 2 {
		t.Fatalf("list length = %d", l.list.Length())
	}
	drawn := texts(l.list)
	for _, want := range []string{"VPN drops every hour", "Printer on floor 3 jams", "Urgent", "Unowned", "L1", "New", "1h ago"} {
		if !contains(drawn, want) {
			t.Errorf("the list does not show %q; it shows %q", want, drawn)
		}
	}
	if contains(drawn, "Database replica lag") {
		t.Error("an L2 ticket is in the L1 queue")
	}
	if f.navCount("L1 queue") != 2 || f.navCount("All tickets") != 4 || f.navCount("My requests") != 1 {
		t.Errorf("nav counts: %+v", f.ui.nav.entries)
	}
}

func TestSearchNarrowsAsYouType(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectView(app.ViewAll)
	l := f.ui.tickets
	if l.count.Text != "4 tickets" {
		t.Fatalf("all tickets: %q", l.count.Text)
	}
	test.Type(l.search, "vpn")
	if l.count.Text != "1 ticket" || l.list.Length() != 1 || l.rows[0].Subject != "VPN drops every hour" {
		t.Fatalf("after typing vpn: %q, rows %d", l.count.Text, l.list.Length())
	}
	// References match too.
	l.search.SetText("")
	ref := f.ticketBySubject("Database replica lag").Ref()
	test.Type(l.search, ref)
	if l.list.Length() != 1 || l.rows[0].Subject != "Database replica lag" {
		t.Fatalf("search %q: %d rows", ref, l.list.Length())
	}
	// Escape clears the search.
	l.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if l.search.Text != "" || l.list.Length() != 4 {
		t.Fatalf("escape: text %q, %d rows", l.search.Text, l.list.Length())
	}
}

func TestFilterSelects(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectView(app.ViewAll)
	l := f.ui.tickets
	l.tier.SetSelected("L2")
	if l.list.Length() != 1 || l.rows[0].Tier != helpdesk.L2 {
		t.Fatalf("tier L2: %d rows", l.list.Length())
	}
	l.tier.SetSelected(anyTier)
	l.status.SetSelected(activeStatus)
	if l.count.Text != "3 tickets" {
		t.Fatalf("active: %q", l.count.Text)
	}
	l.status.SetSelected("Resolved")
	if l.list.Length() != 1 || l.rows[0].Status != helpdesk.StatusResolved {
		t.Fatalf("resolved: %d rows", l.list.Length())
	}
	// A tier outside the view (L2 in the L1 queue) matches nothing rather
	// than widening the view.
	l.status.SetSelected(anyStatus)
	f.ui.nav.selectView(app.ViewMyTier)
	l.tier.SetSelected("L2")
	if l.list.Length() != 0 || l.count.Text != "0 tickets" {
		t.Fatalf("L2 in the L1 queue: %q", l.count.Text)
	}
}

func TestSelectionOpensDetailAndSurvivesRefresh(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	printer := f.selectSubject("Printer on floor 3 jams")
	if f.ui.detail.id != printer.ID {
		t.Fatalf("detail shows %d, want %d", f.ui.detail.id, printer.ID)
	}
	if got := f.ui.detail.title.Text; got != printer.Ref()+"  Printer on floor 3 jams" {
		t.Fatalf("detail title %q", got)
	}
	if !contains(texts(f.ui.detail.timeline), "Paper jam every morning.") {
		t.Fatal("the description is not in the conversation")
	}
	if i := f.ui.tickets.index(printer.ID); i != 1 {
		t.Fatalf("printer ticket at row %d, want 1 (VPN is newer)", i)
	}

	// Someone else (a sync, the CLI) updates the other ticket: it moves to
	// the top, and the selection follows the printer ticket by id.
	vpn := f.ticketBySubject("VPN drops every hour")
	f.clock.advance(time.Hour)
	if _, err := f.desk.Take(printer.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.advance(time.Hour)
	if _, err := f.desk.Note(vpn.ID, "Looking at the VPN logs."); err != nil {
		t.Fatal(err)
	}
	f.settle()
	if f.ui.tickets.selected != printer.ID || f.ui.detail.id != printer.ID {
		t.Fatalf("selection moved: list %d, detail %d", f.ui.tickets.selected, f.ui.detail.id)
	}
	if f.ui.tickets.index(printer.ID) != 1 || f.ui.tickets.index(vpn.ID) != 0 {
		t.Fatal("rows not reordered by update time")
	}
	// The take was applied to the detail (it was in the same batch).
	if f.ui.detail.owner.Text != "Owner: alice" || !f.ui.detail.actions.take.Disabled() {
		t.Fatalf("owner %q, take disabled %v", f.ui.detail.owner.Text, f.ui.detail.actions.take.Disabled())
	}
}

func TestKeyboardMovesThroughTheList(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	l := f.ui.tickets
	l.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if l.selected != l.rows[0].ID || f.ui.detail.id != l.rows[0].ID {
		t.Fatal("Down in the search box did not select the first ticket")
	}
	l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if l.selected != l.rows[1].ID {
		t.Fatal("Down in the list did not move to the second ticket")
	}
	l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // at the end: stays
	if l.selected != l.rows[1].ID {
		t.Fatal("Down past the end moved the selection")
	}
	f.ui.win.Canvas().Unfocus()
	f.ui.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyUp})
	if l.selected != l.rows[0].ID {
		t.Fatal("Up with nothing focused did not move up")
	}
}

func TestRowsHaveOneHeight(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	l := f.ui.tickets
	var heights []float32
	for i := range l.rows {
		r := newTicketRow()
		l.updateItem(i, r)
		heights = append(heights, r.MinSize().Height)
	}
	overdue := &helpdesk.Ticket{Subject: "x", Status: helpdesk.StatusOpen, Due: f.clock.Now().Add(-time.Hour), Owner: "a very long owner name indeed"}
	r := newTicketRow()
	r.set(overdue, f.clock.Now())
	heights = append(heights, r.MinSize().Height, newTicketRow().MinSize().Height)
	if slices.Min(heights) != slices.Max(heights) {
		t.Fatalf("row heights differ: %v", heights)
	}
	if !r.overdue.Visible() {
		t.Fatal("overdue marker hidden on an overdue ticket")
	}
}
