package ui

import (
	"testing"
)

func TestChangesAreCoalesced(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	vpn := f.ticketBySubject("VPN drops every hour")
	for _, note := range []string{"one", "two", "three"} {
		if _, err := f.desk.Note(vpn.ID, note); err != nil {
			t.Fatal(err)
		}
	}
	// All three wait in one scheduled refresh.
	fn := <-f.queue
	f.quiet()
	fn()
	if f.ui.status.unsent.Text != plural(f.desk.State().Unsent, "unsent change", "unsent changes") {
		t.Fatalf("status bar %q", f.ui.status.unsent.Text)
	}
	// After a refresh ran, the next change schedules a new one.
	if _, err := f.desk.Note(vpn.ID, "four"); err != nil {
		t.Fatal(err)
	}
	f.settle()
}

func TestShutdownStopsFollowing(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.win.Close()
	f.ui.shutdown() // twice is fine
	vpn := f.ticketBySubject("VPN drops every hour")
	if _, err := f.desk.Note(vpn.ID, "after close"); err != nil {
		t.Fatal(err)
	}
	f.quiet()
}
