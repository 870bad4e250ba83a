package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestNewTicketFormValidatesAndSelects(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.runShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	form := f.ui.dialogs.create
	if form == nil {
		t.Fatal("Ctrl+N did not open the form")
	}
	if form.requester.Text != "alice" || form.tier.Selected != helpdesk.L1.Label() {
		t.Fatalf("defaults: requester %q tier %q", form.requester.Text, form.tier.Selected)
	}

	// No subject: the desk's message inline, the description kept.
	test.Type(form.description, "Outlook asks for the password every five minutes.")
	test.Tap(form.createB)
	if !form.problem.Visible() || !strings.Contains(form.problem.Text, "needs a subject") {
		t.Fatalf("problem %q", form.problem.Text)
	}
	if f.ui.dialogs.create != form || form.description.Text != "Outlook asks for the password every five minutes." {
		t.Fatal("the form closed or lost the description")
	}
	f.quiet()

	// A bad due time is caught by the form itself.
	test.Type(form.subject, "Outlook password prompts")
	test.Type(form.due, "tomorrow")
	test.Tap(form.createB)
	if !strings.Contains(form.problem.Text, "YYYY-MM-DD HH:MM") {
		t.Fatalf("due problem %q", form.problem.Text)
	}
	f.quiet()

	form.due.SetText("2026-03-12 17:00")
	form.priority.SetSelected("High")
	form.requester.SetText("frank")
	form.queue.SetText("Email")
	test.Tap(form.createB)
	if f.ui.busy() {
		t.Fatal("the form stayed open after creating")
	}
	f.settle()
	tk := f.ticketBySubject("Outlook password prompts")
	if tk.Requester != "frank" || tk.Priority != helpdesk.PriorityHigh || tk.Queue != "Email" || tk.Tier != helpdesk.L1 {
		t.Fatalf("created %+v", tk)
	}
	if want := time.Date(2026, 3, 12, 17, 0, 0, 0, time.Local); !tk.Due.Equal(want) {
		t.Fatalf("due %v, want %v", tk.Due, want)
	}
	if f.ui.tickets.selected != tk.ID || f.ui.detail.id != tk.ID || f.ui.tickets.index(tk.ID) < 0 {
		t.Fatal("the new ticket is not selected in the list and detail")
	}
	if !contains(texts(f.ui.detail.timeline), "Outlook asks for the password every five minutes.") {
		t.Fatal("the description is not in the conversation")
	}
}

func TestNewTicketOutsideTheViewSwitchesView(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	test.Type(f.ui.tickets.search, "printer")
	f.ui.newTicket()
	form := f.ui.dialogs.create
	test.Type(form.subject, "Core switch firmware")
	form.tier.SetSelected(helpdesk.L3.Label())
	test.Tap(form.createB)
	f.settle()
	tk := f.ticketBySubject("Core switch firmware")
	cur, _ := f.ui.nav.currentEntry()
	if cur.view != app.ViewAssigned && cur.view != app.ViewAll && cur.view != app.ViewMyRequests {
		t.Fatalf("still in %q, which cannot show an L3 ticket", cur.title)
	}
	if f.ui.tickets.search.Text != "" || f.ui.tickets.index(tk.ID) < 0 || f.ui.detail.id != tk.ID {
		t.Fatalf("new ticket not shown: view %q, search %q", cur.title, f.ui.tickets.search.Text)
	}
}
