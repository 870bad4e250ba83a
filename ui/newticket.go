package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// formWidth is the width of the form dialogs; wide enough for a subject
// line and a paragraph of description without wrapping every few words.
const formWidth = 600

// newTicketForm is the dialog for opening a ticket (Ctrl+N): a walk-up at
// the desk, a phone call, or a requester reporting their own problem. It
// stays open, with everything typed, until the desk has recorded the ticket.
type newTicketForm struct {
	u *UI

	subject     *keyEntry
	description *keyEntry
	requester   *keyEntry
	priority    *widget.Select
	tier        *widget.Select
	queue       *widget.SelectEntry
	due         *keyEntry
	problem     *widget.Label
	form        *widget.Form
	createB     *widget.Button
	dlg         *dialog.CustomDialog
}

// newTicket opens the form for agents; requesters get "Report a problem".
func (u *UI) newTicket() {
	if u.busy() {
		return
	}
	if !u.agent() {
		// Requesters report a problem: the form that suggests answers.
		u.reportProblem()
		return
	}
	f := &newTicketForm{u: u}
	escape := func() { f.dlg.Hide() }

	f.subject = newKeyEntry()
	f.subject.SetPlaceHolder("One line: what is wrong")
	f.subject.onEscape = escape
	f.subject.OnSubmitted = func(string) { f.submit() }

	f.description = newMultiLineKeyEntry(6)
	f.description.SetPlaceHolder("What happened, since when, what was tried, error messages")
	f.description.onEscape = escape
	f.description.onSend = f.submit

	f.requester = newKeyEntry()
	f.requester.SetText(u.me.Name)
	f.requester.onEscape = escape

	var prios []string
	for _, p := range helpdesk.Priorities() {
		prios = append(prios, p.Title())
	}
	f.priority = widget.NewSelect(prios, nil)
	f.priority.Selected = helpdesk.PriorityNormal.Title()

	var tiers []string
	for _, t := range helpdesk.Tiers() {
		tiers = append(tiers, t.Label())
	}
	f.tier = widget.NewSelect(tiers, nil)
	f.tier.Selected = helpdesk.L1.Label()

	f.queue = widget.NewSelectEntry(u.knownQueues())
	f.queue.SetPlaceHolder("Optional")

	f.due = newKeyEntry()
	f.due.SetPlaceHolder("Optional: YYYY-MM-DD HH:MM")
	f.due.onEscape = escape
	f.due.OnSubmitted = func(string) { f.submit() }

	f.problem = errorLabel()

	form := widget.NewForm(
		widget.NewFormItem("Subject", f.subject),
		widget.NewFormItem("Description", f.description),
	)
	form.Append("Requester", f.requester)
	form.Append("Priority", f.priority)
	form.Append("Tier", f.tier)
	form.Append("Queue", f.queue)
	form.Append("Due", f.due)
	f.form = form

	f.createB = widget.NewButtonWithIcon("Create ticket", theme.ConfirmIcon(), f.submit)
	f.createB.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons("New ticket", container.NewVBox(form, f.problem), u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", escape), f.createB})
	f.dlg.Resize(fyne.NewSize(formWidth, 0))
	u.dialogs.create = f
	u.show(f.dlg, func() { u.dialogs.create = nil })
	u.win.Canvas().Focus(f.subject)
}

// knownQueues lists the queues of the cached tickets, for the queue field's
// drop-down; memory only.
func (u *UI) knownQueues() []string {
	var qs []string
	for _, t := range u.desk.Tickets(helpdesk.Filter{}) {
		if t.Queue != "" && !slices.Contains(qs, t.Queue) {
			qs = append(qs, t.Queue)
		}
	}
	slices.Sort(qs)
	return qs
}

// values reads the form. Errors are about the form's own fields (the due
// time); the desk validates the rest.
func (f *newTicketForm) values() (app.NewTicket, error) {
	n := app.NewTicket{
		Subject:     f.subject.Text,
		Description: f.description.Text,
		Queue:       f.queue.Text,
		Tier:        helpdesk.L1,
		Priority:    helpdesk.PriorityNormal,
	}
	n.Requester = f.requester.Text
	for _, t := range helpdesk.Tiers() {
		if t.Label() == f.tier.Selected {
			n.Tier = t
		}
	}
	if p, err := helpdesk.ParsePriority(f.priority.Selected); err == nil {
		n.Priority = p
	}
	due, err := parseDue(f.due.Text)
	if err != nil {
		return n, err
	}
	n.Due = due
	return n, nil
}

// submit creates the ticket and selects it; on any error the form stays.
func (f *newTicketForm) submit() {
	n, err := f.values()
	if err == nil {
		var t helpdesk.Ticket
		t, err = f.u.desk.CreateTicket(n)
		if err == nil {
			f.dlg.Hide()
			f.u.tickets.selectTicket(t.ID)
			return
		}
	}
	if errors.Is(err, helpdesk.ErrInvalid) {
		setError(f.problem, userMessage(err))
		f.dlg.Resize(fyne.NewSize(formWidth, 0)) // grow to show the message
		return
	}
	f.u.report("Could not create the ticket; the form keeps what you typed.", err)
}
