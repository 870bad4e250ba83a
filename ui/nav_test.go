package ui

import (
	"slices"
	"testing"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestAgentNavigation(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	want := []string{"L1 queue", "Assigned to me", "All tickets", "My requests", "Alerts", "Outbox", "Knowledge base", "Settings"}
	if got := f.navTitles(); !slices.Equal(got, want) {
		t.Fatalf("navigation %q, want %q", got, want)
	}
	if cur, _ := f.ui.nav.currentEntry(); cur.view != app.ViewMyTier {
		t.Fatalf("opens on %q", cur.title)
	}
	f.ui.nav.selectKind(navKB)
	if !f.ui.kb.pane.Visible() || f.ui.ticketPane.Visible() || f.ui.outbox.pane.Visible() {
		t.Fatal("the knowledge base pane is not the one shown")
	}
}

func TestRequesterSeesReducedNavigation(t *testing.T) {
	requester := app.Identity{Name: "bob", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}
	f := newFixture(t, requester, seedTickets)
	if got, want := f.navTitles(), []string{"My requests", "Alerts", "Knowledge base", "Settings"}; !slices.Equal(got, want) {
		t.Fatalf("navigation %q, want %q", got, want)
	}
	if f.ui.tickets.count.Text != "1 ticket" || f.ui.tickets.rows[0].Requester != "bob" {
		t.Fatalf("my requests: %q", f.ui.tickets.count.Text)
	}
	if f.ui.tickets.tier.Visible() {
		t.Fatal("requesters get a tier filter")
	}
	f.selectSubject("Printer on floor 3 jams")
	shown := texts(f.ui.detail.actions.box)
	if !contains(shown, "Reply") || contains(shown, "Escalate…") || contains(shown, "Note") || contains(shown, "Take") {
		t.Fatalf("requester actions %q", shown)
	}
	// Shortcuts for agent actions do nothing.
	f.ui.compose(helpdesk.Note)
	f.ui.changeTier(true)
	if f.ui.detail.composer.isOpen() || f.ui.busy() {
		t.Fatal("a requester could open a note or escalation")
	}
	// New ticket (Ctrl+N) is "Report a problem" for a requester.
	f.ui.newTicket()
	if f.ui.dialogs.report == nil || f.ui.dialogs.create != nil {
		t.Fatal("a requester's new ticket is not the report form")
	}
}

func TestRequesterDoesNotSeeInternalNotes(t *testing.T) {
	// An agent writes the internal note, as a sync from an agent's work
	// would bring one.
	seed := func(d *app.Desk, c *testClock) {
		seedTickets(d, c)
		printer := d.Tickets(helpdesk.Filter{Text: "Printer on floor 3 jams"})[0]
		if _, err := d.Note(printer.ID, "Requester keeps loading A3 paper."); err != nil {
			t.Fatal(err)
		}
	}
	f := newFixture(t, app.Identity{Name: "bob", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}, seed)
	printer := f.ticketBySubject("Printer on floor 3 jams")
	if _, err := f.desk.Reply(printer.ID, "It happened again today."); err != nil {
		t.Fatal(err)
	}
	f.settle()
	f.selectSubject("Printer on floor 3 jams")
	shown := texts(f.ui.detail.timeline)
	if contains(shown, "A3 paper") || contains(shown, "Internal note") {
		t.Fatalf("a requester sees an internal note: %q", shown)
	}
	if !contains(shown, "It happened again today.") {
		t.Fatal("the requester's reply is missing")
	}
}
