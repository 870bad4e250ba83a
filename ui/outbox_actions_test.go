package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// outboxWithNote opens the outbox of the seeded desk after adding a note,
// returning the note's row.
func outboxWithNote(t *testing.T) (*fixture, outboxRow) {
	t.Helper()
	f := newFixture(t, technician, seedTickets)
	vpn := f.ticketBySubject("VPN drops every hour")
	if _, err := f.desk.Note(vpn.ID, "Checked the logs."); err != nil {
		t.Fatal(err)
	}
	f.settle()
	f.ui.nav.selectKind(navOutbox)
	o := f.ui.outbox
	r := o.rows[len(o.rows)-1]
	if r.what != "Note: Checked the logs." || !r.editable || r.state != helpdesk.StatePending {
		t.Fatalf("note row %+v", r)
	}
	return f, r
}

// drawRow renders row i through the list's own callbacks.
func drawRow(o *outboxView, i int) *outboxItem {
	it := o.createItem().(*outboxItem)
	o.updateItem(i, it)
	return it
}

func TestOutboxRowsShowStatesAndActions(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectKind(navOutbox)
	o := f.ui.outbox
	ms, err := f.desk.Outbox()
	if err != nil || len(ms) < 3 {
		t.Fatalf("outbox %d, %v", len(ms), err)
	}
	// Park entries the way the sync engine does: a local desk cannot.
	ms[0].State, ms[0].Error = helpdesk.StateFailed, "Permission denied"
	ms[1].State, ms[1].Error = helpdesk.StateConflict, "Priority was changed on the server"
	ms[2].Kind, ms[2].Body = helpdesk.MutReply, "On it." // a pending reply
	ms[3].Kind, ms[3].Status = helpdesk.MutStatus, helpdesk.StatusOpen
	ms[3].Progress = helpdesk.Attempted // being sent
	o.setRows(ms[:4], nil)

	visible := func(it *outboxItem) []string {
		var out []string
		for _, b := range []*widget.Button{it.retry, it.keep, it.edit, it.theirs, it.discard} {
			if b.Visible() {
				out = append(out, b.Text)
			}
		}
		return out
	}
	cases := []struct {
		badge, problem string
		imp            widget.Importance
		buttons        string
	}{
		{"Failed", "Refused by the server: Permission denied", widget.DangerImportance, "Retry Discard…"},
		{"Conflict", "Changed on the server too: Priority was changed on the server", widget.WarningImportance, "Keep mine Take theirs…"},
		{"Pending", "Waiting to be sent", widget.LowImportance, "Edit… Discard…"},
		{"Pending", "Being sent; the server may already have it", widget.LowImportance, "Discard…"},
	}
	for i, c := range cases {
		it := drawRow(o, i)
		if it.state.text != c.badge || it.problem.Text != c.problem || it.problem.Importance != c.imp {
			t.Errorf("row %d: badge %q, problem %q (%v)", i, it.state.text, it.problem.Text, it.problem.Importance)
		}
		if got := strings.Join(visible(it), " "); got != c.buttons {
			t.Errorf("row %d (%s): buttons %q, want %q", i, c.badge, got, c.buttons)
		}
	}
	if it := drawRow(o, 0); it.state.tone != toneRed {
		t.Error("failed is not red")
	}
	if it := drawRow(o, 1); it.state.tone != toneAmber {
		t.Error("conflict is not amber")
	}
	if !strings.Contains(o.summary.Text, "1 was refused by the server and 1 conflicts") {
		t.Fatalf("summary %q", o.summary.Text)
	}
	// A row never reads the store: the rows carry everything.
	if o.rows[0].ticket == "" || o.rows[0].what == "" {
		t.Fatalf("row %+v", o.rows[0])
	}
}

func TestOutboxDiscardPending(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	before := len(o.rows)
	test.Tap(drawRow(o, before-1).discard)
	d, ok := f.topDialog().(*dialog.ConfirmDialog)
	if !ok {
		t.Fatal("Discard did not ask")
	}
	if !contains(texts(f.ui.win.Canvas().Overlays().Top()), "never reaches the server") {
		t.Fatal("the confirmation does not say the text is lost")
	}
	d.Confirm()
	f.settle()
	if len(o.rows) != before-1 || f.desk.State().Unsent != before-1 {
		t.Fatalf("%d rows, %d unsent after discarding", len(o.rows), f.desk.State().Unsent)
	}
	for _, r := range o.rows {
		if r.seq == note.seq {
			t.Fatal("the note is still listed")
		}
	}
	conv, _ := f.desk.Conversation(f.ticketBySubject("VPN drops every hour").ID)
	for _, c := range conv {
		if c.Body == "Checked the logs." {
			t.Fatal("the discarded note is still in the conversation")
		}
	}
}

func TestOutboxDiscardCanBeCancelled(t *testing.T) {
	f, _ := outboxWithNote(t)
	o := f.ui.outbox
	before := len(o.rows)
	test.Tap(drawRow(o, before-1).discard)
	f.topDialog().Hide() // "Keep it"
	f.quiet()
	if f.desk.State().Unsent != before {
		t.Fatal("cancelling discarded the change")
	}
}

func TestOutboxEditPending(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	test.Tap(drawRow(o, len(o.rows)-1).edit)
	e := f.ui.dialogs.edit
	if e == nil || e.entry.Text != "Checked the logs." {
		t.Fatal("Edit… did not open the text")
	}
	e.entry.SetText("   ")
	test.Tap(e.saveB)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "empty") || f.ui.dialogs.edit != e {
		t.Fatalf("empty note: problem %q", e.problem.Text)
	}
	e.entry.SetText("Checked the logs: the tunnel drops at rekey.")
	test.Tap(e.saveB)
	if f.ui.dialogs.edit != nil {
		t.Fatal("the form stayed open after saving")
	}
	f.settle()
	r := o.rows[len(o.rows)-1]
	if r.seq != note.seq || r.what != "Note: Checked the logs: the tunnel drops at rekey." {
		t.Fatalf("row after editing %+v", r)
	}
	conv, _ := f.desk.Conversation(f.ticketBySubject("VPN drops every hour").ID)
	if last := conv[len(conv)-1]; last.Body != "Checked the logs: the tunnel drops at rekey." {
		t.Fatalf("conversation shows %q", last.Body)
	}
}

func TestOutboxRetryFailed(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	ms, _ := f.desk.Outbox()
	last := len(ms) - 1
	ms[last].State, ms[last].Error = helpdesk.StateFailed, "Permission denied"
	ms[last].Progress = helpdesk.Attempted // it was sent, and refused
	o.setRows(ms, nil)
	it := drawRow(o, last)
	if !it.retry.Visible() || !it.edit.Visible() {
		t.Fatal("a failed note offers no Retry or Edit")
	}
	test.Tap(it.retry)
	f.settle() // the desk re-queued it: the outbox is read again
	if r := o.rows[last]; r.seq != note.seq || r.state != helpdesk.StatePending || r.problem != "" {
		t.Fatalf("after retry %+v", r)
	}
}

func TestOutboxKeepMineOfflineReportsAndKeeps(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	ms, _ := f.desk.Outbox()
	last := len(ms) - 1
	ms[last].State, ms[last].Error = helpdesk.StateConflict, "Changed on the server"
	o.setRows(ms, nil)
	test.Tap(drawRow(o, last).keep)
	if !o.busy[note.seq] || !drawRow(o, last).keep.Disabled() {
		t.Fatal("Keep mine shows no sign of running")
	}
	f.until("the error", func() bool { return len(f.ui.dialogs.stack) > 0 })
	if o.busy[note.seq] {
		t.Fatal("still busy after the answer")
	}
	if shown := texts(f.ui.win.Canvas().Overlays().Top()); !contains(shown, "stays in the outbox as a conflict") {
		t.Fatalf("error dialog %q", shown)
	}
	if f.desk.State().Unsent != len(ms) {
		t.Fatal("a failed Keep mine lost the change")
	}
}

func TestOutboxTakeTheirs(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	ms, _ := f.desk.Outbox()
	last := len(ms) - 1
	ms[last].State = helpdesk.StateConflict
	o.setRows(ms, nil)
	test.Tap(drawRow(o, last).theirs)
	if !contains(texts(f.ui.win.Canvas().Overlays().Top()), "Your change is dropped") {
		t.Fatal("Take theirs does not explain")
	}
	f.topDialog().(*dialog.ConfirmDialog).Confirm()
	f.settle()
	for _, r := range o.rows {
		if r.seq == note.seq {
			t.Fatal("take theirs kept the change")
		}
	}
}

func TestOutboxDetails(t *testing.T) {
	f, note := outboxWithNote(t)
	o := f.ui.outbox
	o.list.Select(len(o.rows) - 1)
	shown := texts(f.ui.win.Canvas().Overlays().Top())
	if !contains(shown, note.what) || !contains(shown, "Checked the logs.") {
		t.Fatalf("details %q", shown)
	}
}
