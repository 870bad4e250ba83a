package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// confirmDiscard asks before dropping an entry: it is the one action that
// throws away what the user did. theirs is "Take theirs" on a conflict,
// which is a discard worded as the choice the user makes.
func (o *outboxView) confirmDiscard(r outboxRow, theirs bool) {
	title, verb := "Discard change", "Discard"
	msg := drawable(r.what) + "\n" + r.ticket + "\n\n"
	switch {
	case theirs:
		title, verb = "Take the server's version", "Take theirs"
		msg += "Your change is dropped and the ticket shows what is on the server."
	case r.kind == helpdesk.MutCreate:
		msg += "The ticket was never sent: it disappears from this device, with its description."
	case hasText(r.kind):
		msg += "Its text is deleted from this device and never reaches the server."
	default:
		msg += "It is not sent, and the ticket shows the server's version again."
	}
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			o.discard(r)
		}
	}, o.u.win)
	d.SetConfirmText(verb)
	d.SetDismissText("Keep it")
	d.SetConfirmImportance(widget.DangerImportance)
	o.u.show(d, nil)
}

// discard drops an entry.
func (o *outboxView) discard(r outboxRow) {
	if err := o.u.desk.Discard(r.seq); err != nil {
		o.u.report("Could not discard "+r.what, err)
	}
}

// details shows an entry in full: the whole text, the whole server message.
func (o *outboxView) details(r outboxRow) {
	what := widget.NewLabelWithStyle(drawable(r.what), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what.Wrapping = fyne.TextWrapWord
	facts := widget.NewLabel(r.ticket + "\nRecorded " + stamp(r.created) + " · " + stateTitle(r.state))
	facts.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{what, facts}
	if hasText(r.kind) && r.body != "" {
		body := widget.NewLabel(r.body)
		body.Wrapping = fyne.TextWrapWord
		body.Selectable = true
		objs = append(objs, newCard(body, nil))
	}
	if r.problem != "" {
		p := widget.NewLabel("The server said: " + r.problem)
		p.Wrapping = fyne.TextWrapWord
		p.Selectable = true // to paste into a message to the administrators
		p.Importance = widget.DangerImportance
		if r.state == helpdesk.StateConflict {
			p.Importance = widget.WarningImportance
		}
		objs = append(objs, p)
	}
	d := dialog.NewCustom("Unsent change", "Close", container.NewVBox(objs...), o.u.win)
	d.Resize(fyne.NewSize(formWidth, 0))
	o.u.show(d, nil)
}

// editForm changes the text of an unsent reply, note or hand-off note. Like
// the other forms it stays open, with the text, until the desk accepts it.
type editForm struct {
	u       *UI
	seq     uint64
	entry   *keyEntry
	problem *widget.Label
	saveB   *widget.Button
	dlg     *dialog.CustomDialog
}

// edit opens the form for an entry.
func (o *outboxView) edit(r outboxRow) {
	u := o.u
	if u.busy() || !r.editable {
		return
	}
	title := "Edit unsent reply"
	switch r.kind {
	case helpdesk.MutNote:
		title = "Edit unsent note"
	case helpdesk.MutEscalate, helpdesk.MutDeescalate:
		title = "Edit hand-off note"
	}
	f := &editForm{u: u, seq: r.seq}
	f.entry = newMultiLineKeyEntry(8)
	f.entry.SetText(r.body)
	f.entry.onSend = f.submit
	f.entry.onEscape = func() { f.dlg.Hide() }
	f.problem = errorLabel()
	intro := widget.NewLabel(r.ticket)
	intro.Truncation = fyne.TextTruncateEllipsis
	f.saveB = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.submit)
	f.saveB.Importance = widget.HighImportance
	hint := widget.NewLabel("It is sent again with the new text; the conversation shows it at once.")
	hint.Importance = widget.LowImportance
	hint.SizeName = theme.SizeNameCaptionText
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(intro, f.entry, hint, f.problem), u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { f.dlg.Hide() }), f.saveB})
	f.dlg.Resize(fyne.NewSize(formWidth, 0))
	u.dialogs.edit = f
	u.show(f.dlg, func() { u.dialogs.edit = nil })
	u.win.Canvas().Focus(f.entry)
}

// submit saves the new text.
func (f *editForm) submit() {
	err := f.u.desk.EditUnsent(f.seq, f.entry.Text)
	switch {
	case errors.Is(err, helpdesk.ErrInvalid):
		setError(f.problem, userMessage(err))
		f.dlg.Resize(fyne.NewSize(formWidth, 0))
		f.u.win.Canvas().Focus(f.entry)
	case err != nil:
		// Most likely the change was sent or discarded meanwhile. The text
		// stays in the form so it can be copied into a new reply.
		f.u.report("Could not save the new text; it is still in the editor.", err)
	default:
		f.dlg.Hide()
	}
}
