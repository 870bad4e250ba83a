package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// shortcut is one keyboard command of the main window.
type shortcut struct {
	key fyne.KeyName
	mod fyne.KeyModifier
	run func()
}

// shortcuts lists the window's keyboard commands. Ctrl means Cmd on macOS
// (KeyModifierShortcutDefault).
func (u *UI) shortcuts() []shortcut {
	ctrl := fyne.KeyModifierShortcutDefault
	return []shortcut{
		{fyne.KeyN, ctrl, u.newTicket},
		{fyne.KeyF, ctrl, u.tickets.focusSearch},
		{fyne.KeyR, ctrl, func() { u.compose(helpdesk.Reply) }},
		{fyne.KeyN, ctrl | fyne.KeyModifierShift, func() { u.compose(helpdesk.Note) }},
		{fyne.KeyE, ctrl, func() { u.changeTier(true) }},
		{fyne.KeyT, ctrl, u.take},
		{fyne.KeyComma, ctrl, u.openSettings}, // the usual place for preferences
	}
}

// installShortcuts registers the commands on the window canvas (used when
// no entry has focus) and handles Escape and Up/Down there. Entries pass the
// same commands on through runShortcut, because a focused entry receives
// shortcuts instead of the canvas.
func (u *UI) installShortcuts() {
	c := u.win.Canvas()
	for _, s := range u.shortcuts() {
		run := s.run
		c.AddShortcut(&desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}, func(fyne.Shortcut) {
			if !u.busy() {
				run()
			}
		})
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			if !u.closeTop() && u.detail.composer.isOpen() {
				u.detail.composer.cancel()
			}
		case fyne.KeyUp, fyne.KeyDown:
			if u.busy() || !u.ticketPane.Visible() {
				return
			}
			if k.Name == fyne.KeyUp {
				u.tickets.move(-1)
			} else {
				u.tickets.move(1)
			}
		}
	})
}

// runShortcut runs the window command matching s, reporting whether there
// was one. Commands do nothing while a dialog is open.
func (u *UI) runShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	for _, sc := range u.shortcuts() {
		if sc.key == cs.KeyName && sc.mod == cs.Modifier {
			if !u.busy() {
				sc.run()
			}
			return true
		}
	}
	return false
}
