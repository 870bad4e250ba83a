package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestReplyThroughTheComposer(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	before := f.desk.State().Unsent
	if want := plural(before, "unsent change", "unsent changes"); f.ui.status.unsent.Text != want {
		t.Fatalf("status bar %q, want %q", f.ui.status.unsent.Text, want)
	}
	printer := f.selectSubject("Printer on floor 3 jams")
	d := f.ui.detail

	test.Tap(d.actions.reply)
	if !d.composer.isOpen() || d.composer.kind != helpdesk.Reply {
		t.Fatal("Reply did not open the composer")
	}
	// Empty: the desk refuses, the composer says why and stays open.
	test.Tap(d.composer.send)
	if !d.composer.problem.Visible() || !strings.Contains(d.composer.problem.Text, "empty") {
		t.Fatalf("empty reply: problem %q", d.composer.problem.Text)
	}
	f.quiet()

	test.Type(d.composer.entry, "Cleared the jam and replaced the roller.")
	test.Tap(d.composer.send)
	f.settle()
	if d.composer.isOpen() || d.composer.entry.Text != "" {
		t.Fatal("the composer stayed open after sending")
	}
	shown := texts(d.timeline)
	if !contains(shown, "Cleared the jam and replaced the roller.") || !contains(shown, "Reply") || !contains(shown, "Unsent") {
		t.Fatalf("timeline %q", shown)
	}
	if got, want := f.ui.status.unsent.Text, plural(before+1, "unsent change", "unsent changes"); got != want {
		t.Fatalf("status bar %q, want %q", got, want)
	}
	if f.navCount("Outbox") != before+1 {
		t.Fatalf("outbox count %d", f.navCount("Outbox"))
	}
	// The reply from an agent opened the new ticket.
	if tk, _ := f.desk.Summary(printer.ID); tk.Status != helpdesk.StatusOpen || d.actions.status.Selected != "Open" {
		t.Fatalf("status %s, select %q", tk.Status, d.actions.status.Selected)
	}
}

func TestNoteIsAnInternalNote(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.selectSubject("VPN drops every hour")
	d := f.ui.detail
	test.Tap(d.actions.note)
	if d.composer.kind != helpdesk.Note || !strings.Contains(d.composer.heading.Text, "Internal note") {
		t.Fatalf("composer heading %q", d.composer.heading.Text)
	}
	test.Type(d.composer.entry, "Probably the DHCP lease time.")
	test.Tap(d.composer.send)
	f.settle()
	cards := d.timeline.Objects
	last, ok := cards[len(cards)-1].(*card)
	if !ok {
		t.Fatalf("last timeline entry is %T", cards[len(cards)-1])
	}
	if last.tone == nil || *last.tone != toneAmber {
		t.Fatal("the note is not on a tinted card")
	}
	if got := texts(last); !contains(got, "Internal note") || !contains(got, "Probably the DHCP lease time.") {
		t.Fatalf("note card %q", got)
	}
	first := cards[0].(*card)
	if first.tone != nil || !contains(texts(first), "Reply") {
		t.Fatal("the description is not a neutral reply card")
	}
}

func TestComposerKeepsTextOnErrorAndAcrossTickets(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.selectSubject("VPN drops every hour")
	d := f.ui.detail
	test.Tap(d.actions.reply)
	test.Type(d.composer.entry, "Half-written answer")

	// Moving to another ticket and back brings the draft back.
	f.selectSubject("Printer on floor 3 jams")
	if d.composer.isOpen() {
		t.Fatal("the draft followed to another ticket")
	}
	f.selectSubject("VPN drops every hour")
	if !d.composer.isOpen() || d.composer.entry.Text != "Half-written answer" {
		t.Fatalf("draft lost: open %v, text %q", d.composer.isOpen(), d.composer.entry.Text)
	}

	// A failure that is not the user's (the store is gone) keeps the text
	// and shows a dialog.
	if err := f.desk.Close(); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.composer.send)
	if d.composer.entry.Text != "Half-written answer" || !d.composer.isOpen() {
		t.Fatal("the text was lost on an error")
	}
	if !f.ui.busy() {
		t.Fatal("no error dialog")
	}
}

func TestActionsFollowTheTicket(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectView(app.ViewAll)
	f.selectSubject("Printer on floor 3 jams")
	a := f.ui.detail.actions
	if a.take.Disabled() || a.escalate.Disabled() || !a.deescalate.Disabled() {
		t.Fatalf("L1 unowned: take %v escalate %v de-escalate %v", a.take.Disabled(), a.escalate.Disabled(), a.deescalate.Disabled())
	}
	test.Tap(a.take)
	f.settle()
	if !a.take.Disabled() || f.ui.detail.owner.Text != "Owner: alice" {
		t.Fatal("Take did not make the ticket mine")
	}

	db := f.selectSubject("Database replica lag")
	if a.deescalate.Disabled() {
		t.Fatal("De-escalate disabled at L2")
	}
	if _, err := f.desk.Escalate(db.ID, helpdesk.L3, "Needs the DBA team."); err != nil {
		t.Fatal(err)
	}
	f.settle()
	if !a.escalate.Disabled() {
		t.Fatal("Escalate enabled at L3")
	}

	// Status select.
	a.status.SetSelected("Stalled")
	f.settle()
	if tk, _ := f.desk.Summary(db.ID); tk.Status != helpdesk.StatusStalled {
		t.Fatalf("status %s", tk.Status)
	}
}
