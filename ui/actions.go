package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// actionBar is the row of actions above the conversation. Buttons that make
// no sense for the ticket as it is (Take on one's own ticket, Escalate at
// L3) are disabled rather than hidden so the bar does not jump around.
type actionBar struct {
	u *UI

	reply      *widget.Button
	note       *widget.Button
	status     *widget.Select
	take       *widget.Button
	escalate   *widget.Button
	deescalate *widget.Button
	article    *widget.Button // "Write KB article" from the ticket (L2/L3)

	// loading is set while the status select is set to the ticket's status
	// by code, so that doing so is not taken for a user's change.
	loading bool

	box fyne.CanvasObject
}

func newActionBar(u *UI) *actionBar {
	a := &actionBar{u: u}
	a.reply = widget.NewButtonWithIcon("Reply", theme.MailReplyIcon(), func() { u.compose(helpdesk.Reply) })
	a.reply.Importance = widget.HighImportance
	a.note = widget.NewButtonWithIcon("Note", theme.DocumentCreateIcon(), func() { u.compose(helpdesk.Note) })
	var statuses []string
	for _, s := range helpdesk.Statuses() {
		statuses = append(statuses, s.Title())
	}
	a.status = widget.NewSelect(statuses, a.statusChosen)
	a.status.PlaceHolder = "Status"
	a.take = widget.NewButton("Take", u.take)
	a.escalate = widget.NewButtonWithIcon("Escalate…", theme.MoveUpIcon(), func() { u.changeTier(true) })
	a.deescalate = widget.NewButtonWithIcon("De-escalate…", theme.MoveDownIcon(), func() { u.changeTier(false) })

	a.article = widget.NewButtonWithIcon("Write KB article", theme.DocumentCreateIcon(), u.articleFromTicket)
	if u.agent() {
		row := []fyne.CanvasObject{a.reply, a.note, a.status, a.take, a.escalate, a.deescalate}
		if u.desk.CanAuthor() {
			// Every fix written down once saves the next escalation.
			row = append(row, a.article)
		}
		a.box = container.New(layout.NewRowWrapLayout(), row...)
	} else {
		// Requesters answer their own tickets; the rest is agents' work.
		a.box = container.New(layout.NewRowWrapLayout(), a.reply)
	}
	return a
}

// update enables the actions that apply to t.
func (a *actionBar) update(t *helpdesk.Ticket) {
	a.loading = true
	a.status.SetSelected(t.Status.Title())
	a.loading = false
	setEnabled(a.take, t.Owner != a.u.me.Name)
	setEnabled(a.escalate, t.Tier < helpdesk.MaxTier)
	setEnabled(a.deescalate, t.Tier > helpdesk.L1)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// statusChosen sets the status the user picked.
func (a *actionBar) statusChosen(title string) {
	if a.loading {
		return
	}
	t, ok := a.u.detail.current()
	if !ok {
		return
	}
	s, err := helpdesk.ParseStatus(title)
	if err != nil || s == t.Status {
		return
	}
	if _, err := a.u.desk.SetStatus(t.ID, s); err != nil {
		a.u.report("Could not change the status of "+t.Ref(), err)
		a.loading = true
		a.status.SetSelected(t.Status.Title()) // show what is really stored
		a.loading = false
	}
}

// compose opens the composer on the shown ticket (Reply, Note, Ctrl+R,
// Ctrl+Shift+N). Requesters cannot write internal notes.
func (u *UI) compose(kind helpdesk.CommentKind) {
	if u.detail.id == 0 || (kind == helpdesk.Note && !u.agent()) {
		return
	}
	u.detail.composer.open(kind)
}

// take makes the user the owner of the shown ticket.
func (u *UI) take() {
	t, ok := u.detail.current()
	if !ok || t.Owner == u.me.Name {
		return
	}
	if _, err := u.desk.Take(t.ID); err != nil {
		u.report("Could not take "+t.Ref(), err)
	}
}
