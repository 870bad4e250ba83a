package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogs keeps the open dialogs, newest last. Fyne's dialogs do not close on
// Escape by themselves, so the window (nothing focused) and the entries in a
// form (focused) close the newest one; and while a form is open the window
// shortcuts stay quiet so Ctrl+N cannot stack a second form on the first.
type dialogs struct {
	stack []dialog.Dialog

	tier    *tierForm      // the open escalate / de-escalate form, if any
	create  *newTicketForm // the open new-ticket form, if any
	account *accountForm   // the open add-account form, if any
	edit    *editForm      // the open form editing an unsent change, if any
	report  *reportForm    // the open report-a-problem form, if any
	article *articleForm   // the open article editor, if any
}

// show opens d and tracks it until it closes; onClosed runs after that.
func (u *UI) show(d dialog.Dialog, onClosed func()) {
	u.dialogs.stack = append(u.dialogs.stack, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.dialogs.stack, d); i >= 0 {
			u.dialogs.stack = slices.Delete(u.dialogs.stack, i, i+1)
		}
		if onClosed != nil {
			onClosed()
		}
	})
	d.Show()
}

// recentre centres the newest dialog again after it changed size. Fyne
// centres a dialog when it opens, and a form that grows afterwards (a
// message, a test report) would otherwise grow off the bottom of the window;
// laying out its overlay again also keeps it within the window.
func (u *UI) recentre() {
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		top.Refresh()
	}
}

// busy reports whether a dialog is open.
func (u *UI) busy() bool { return len(u.dialogs.stack) > 0 }

// closeTop closes the newest dialog (Escape).
func (u *UI) closeTop() bool {
	if n := len(u.dialogs.stack); n > 0 {
		u.dialogs.stack[n-1].Hide()
		return true
	}
	return false
}

// report logs an error that the user cannot fix by editing their input and
// shows it in a dialog. The caller leaves whatever the user typed in place,
// so closing the message gets them back to their text.
func (u *UI) report(what string, err error) {
	u.log.Error(what, "err", err)
	u.show(dialog.NewError(errors.New(what+"\n"+userMessage(err)), u.win), nil)
}

// inform shows a short message that needs no decision.
func (u *UI) inform(title, msg string) {
	u.show(dialog.NewInformation(title, msg, u.win), nil)
}

// errorLabel is the inline message under a form: hidden until there is
// something to say, in the theme's error colour, wrapped because the
// desk's validation messages are whole sentences.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setError shows msg in l, or hides l when msg is empty.
func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
