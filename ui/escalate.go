package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// tierForm is the escalate / de-escalate dialog: the target tier and the
// hand-off note the next tier reads first. The dialog stays open until the
// desk accepts the change, so a missing note or a failed write never loses
// what was typed.
type tierForm struct {
	u      *UI
	ticket uint64
	up     bool
	tiers  []helpdesk.Tier

	target  *widget.RadioGroup
	note    *keyEntry
	problem *widget.Label
	submitB *widget.Button
	dlg     *dialog.CustomDialog
}

// changeTier opens the form for the shown ticket; up chooses escalation.
func (u *UI) changeTier(up bool) {
	t, ok := u.detail.current()
	if !ok || !u.agent() || u.busy() {
		return
	}
	var tiers []helpdesk.Tier
	for _, tr := range helpdesk.Tiers() {
		if (up && tr > t.Tier) || (!up && tr < t.Tier && tr >= helpdesk.L1) {
			tiers = append(tiers, tr)
		}
	}
	if len(tiers) == 0 {
		return // the buttons are disabled; this is a shortcut at the edge
	}
	f := &tierForm{u: u, ticket: t.ID, up: up, tiers: tiers}
	var labels []string
	for _, tr := range tiers {
		labels = append(labels, tr.Label())
	}
	f.target = widget.NewRadioGroup(labels, nil)
	f.target.Required = true
	// The nearest tier is the usual choice: L1 → L2, L3 → L2.
	if up {
		f.target.Selected = labels[0]
	} else {
		f.target.Selected = labels[len(labels)-1]
	}
	f.note = newMultiLineKeyEntry(6)
	f.note.SetPlaceHolder("What was tried, what the requester said, what the next tier should look at")
	f.note.onSend = f.submit
	f.note.onEscape = func() { f.dlg.Hide() }
	f.problem = errorLabel()

	verb, title := "Escalate", fmt.Sprintf("Escalate %s from %s", t.Ref(), t.Tier)
	if !up {
		verb, title = "De-escalate", fmt.Sprintf("De-escalate %s from %s", t.Ref(), t.Tier)
	}
	intro := widget.NewLabel(t.Subject)
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		intro,
		widget.NewLabelWithStyle("Move to", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.target,
		widget.NewLabelWithStyle("Hand-off note (required)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.note,
		f.problem,
	)
	f.submitB = widget.NewButtonWithIcon(verb, theme.ConfirmIcon(), f.submit)
	f.submitB.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { f.dlg.Hide() }), f.submitB})
	f.dlg.Resize(fyne.NewSize(formWidth, 0))
	u.dialogs.tier = f
	u.show(f.dlg, func() { u.dialogs.tier = nil })
	u.win.Canvas().Focus(f.note)
}

// chosen returns the selected target tier.
func (f *tierForm) chosen() (helpdesk.Tier, bool) {
	for _, tr := range f.tiers {
		if tr.Label() == f.target.Selected {
			return tr, true
		}
	}
	return 0, false
}

// submit asks the desk to move the ticket. Validation (an empty note) is the
// desk's: its message is shown in the form, which stays open.
func (f *tierForm) submit() {
	to, ok := f.chosen()
	if !ok {
		setError(f.problem, "Choose the tier to move the ticket to.")
		return
	}
	var err error
	if f.up {
		_, err = f.u.desk.Escalate(f.ticket, to, f.note.Text)
	} else {
		_, err = f.u.desk.Deescalate(f.ticket, to, f.note.Text)
	}
	switch {
	case errors.Is(err, helpdesk.ErrInvalid):
		setError(f.problem, userMessage(err))
		f.dlg.Resize(fyne.NewSize(formWidth, 0)) // grow to show the message
		f.u.win.Canvas().Focus(f.note)
	case err != nil:
		f.u.report("Could not change the tier; your note is still in the form.", err)
	default:
		f.dlg.Hide()
	}
}
