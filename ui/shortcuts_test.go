package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func TestShortcuts(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	u := f.ui

	// Ctrl+F from another view comes back to the tickets and focuses search.
	u.nav.selectKind(navOutbox)
	u.runShortcut(ctrl(fyne.KeyF))
	if u.win.Canvas().Focused() != u.tickets.search || !u.ticketPane.Visible() {
		t.Fatal("Ctrl+F did not focus the ticket search")
	}

	// With nothing selected, Ctrl+R does nothing.
	u.runShortcut(ctrl(fyne.KeyR))
	if u.detail.composer.isOpen() {
		t.Fatal("Ctrl+R opened a composer without a ticket")
	}
	f.selectSubject("VPN drops every hour")
	// Typing in the search box, Ctrl+R still reaches the window.
	u.tickets.search.TypedShortcut(ctrl(fyne.KeyR))
	if !u.detail.composer.isOpen() || u.detail.composer.kind != helpdesk.Reply {
		t.Fatal("Ctrl+R in the search box did not open the reply composer")
	}
	u.runShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if u.detail.composer.kind != helpdesk.Note {
		t.Fatal("Ctrl+Shift+N did not switch to a note")
	}
	u.detail.composer.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.detail.composer.isOpen() {
		t.Fatal("Escape did not close the composer")
	}

	u.runShortcut(ctrl(fyne.KeyE))
	if u.dialogs.tier == nil {
		t.Fatal("Ctrl+E did not open the escalation form")
	}
	// While a form is open, other commands are ignored.
	u.runShortcut(ctrl(fyne.KeyN))
	if u.dialogs.create != nil {
		t.Fatal("Ctrl+N stacked a second form")
	}
	u.win.Canvas().Unfocus()
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.busy() {
		t.Fatal("Escape on the window did not close the form")
	}

	// Ctrl+Enter sends from the composer.
	u.runShortcut(ctrl(fyne.KeyR))
	u.detail.composer.entry.SetText("On it.")
	u.detail.composer.entry.TypedShortcut(ctrl(fyne.KeyReturn))
	f.settle()
	if u.detail.composer.isOpen() || !contains(texts(u.detail.timeline), "On it.") {
		t.Fatal("Ctrl+Enter did not send the reply")
	}

	u.runShortcut(ctrl(fyne.KeyT))
	f.settle()
	if tk, _ := f.desk.Summary(u.detail.id); tk.Owner != "alice" {
		t.Fatal("Ctrl+T did not take the ticket")
	}
}
