package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestEscalateNeedsAHandOffNote(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	vpn := f.selectSubject("VPN drops every hour")
	queueBefore := f.navCount("L1 queue")

	test.Tap(f.ui.detail.actions.escalate)
	form := f.ui.dialogs.tier
	if form == nil {
		t.Fatal("Escalate did not open the form")
	}
	if got := form.target.Options; len(got) != 2 || got[0] != helpdesk.L2.Label() || got[1] != helpdesk.L3.Label() {
		t.Fatalf("targets %q: only higher tiers may be offered", got)
	}
	if form.target.Selected != helpdesk.L2.Label() {
		t.Fatalf("default target %q", form.target.Selected)
	}

	// No note: the desk's message shows in the form and nothing changes.
	test.Tap(form.submitB)
	if !form.problem.Visible() || !strings.Contains(form.problem.Text, "hand-off note is required") {
		t.Fatalf("problem %q", form.problem.Text)
	}
	if f.ui.dialogs.tier != form {
		t.Fatal("the form closed on a validation error")
	}
	f.quiet()
	if tk, _ := f.desk.Summary(vpn.ID); tk.Tier != helpdesk.L1 {
		t.Fatalf("tier changed to %s without a note", tk.Tier)
	}

	test.Type(form.note, "Reproduced on two laptops; the tunnel drops at 60 min. Please check the concentrator.")
	test.Tap(form.submitB)
	if f.ui.dialogs.tier != nil || f.ui.busy() {
		t.Fatal("the form stayed open after escalating")
	}
	f.settle()
	if tk, _ := f.desk.Summary(vpn.ID); tk.Tier != helpdesk.L2 {
		t.Fatalf("tier %s, want L2", tk.Tier)
	}
	// Out of the L1 queue, but still in the detail with the hand-off note.
	if f.ui.tickets.index(vpn.ID) >= 0 {
		t.Fatal("the escalated ticket is still in the L1 queue")
	}
	if f.navCount("L1 queue") != queueBefore-1 {
		t.Fatalf("L1 queue count %d, want %d", f.navCount("L1 queue"), queueBefore-1)
	}
	if f.ui.detail.id != vpn.ID || f.ui.detail.tier.text != helpdesk.L2.Label() {
		t.Fatalf("detail shows %d at %q", f.ui.detail.id, f.ui.detail.tier.text)
	}
	if !contains(texts(f.ui.detail.timeline), "Escalated L1 ⟶ L2. Hand-off: Reproduced on two laptops") {
		t.Fatal("no hand-off note in the conversation")
	}
	if f.ui.detail.actions.deescalate.Disabled() {
		t.Fatal("De-escalate disabled at L2")
	}
}

func TestDeescalateOffersLowerTiersAndEscapeCloses(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectView(app.ViewAll)
	f.selectSubject("Database replica lag")
	f.ui.changeTier(false)
	form := f.ui.dialogs.tier
	if form == nil || len(form.target.Options) != 1 || form.target.Options[0] != helpdesk.L1.Label() {
		t.Fatalf("de-escalation form %+v", form)
	}
	test.Type(form.note, "half a note")
	form.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.ui.dialogs.tier != nil || f.ui.busy() {
		t.Fatal("Escape did not close the form")
	}
	f.quiet()
}
