package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// outboxRow is one pending action, formatted when the outbox is read so the
// list callbacks only copy strings.
type outboxRow struct {
	what    string
	ticket  string
	created time.Time
	state   helpdesk.MutationState
	problem string
}

// outboxView lists the actions waiting for the server, oldest first: what
// will be sent, in the order it will be sent. Read-only for now; retrying
// and discarding failed entries come with the sync engine.
type outboxView struct {
	u       *UI
	rows    []outboxRow
	now     time.Time
	list    *widget.List
	summary *widget.Label
	stale   bool // the outbox changed since it was last read
	pane    fyne.CanvasObject
}

func newOutboxView(u *UI) *outboxView {
	o := &outboxView{u: u, stale: true}
	o.list = widget.NewList(o.length, o.createItem, o.updateItem)
	o.summary = widget.NewLabel("")
	o.summary.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle("Outbox", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	o.pane = container.NewBorder(container.NewVBox(title, o.summary, widget.NewSeparator()), nil, nil, nil, o.list)
	o.pane.Hide()
	return o
}

func (o *outboxView) length() int { return len(o.rows) }

func (o *outboxView) createItem() fyne.CanvasObject {
	what := widget.NewLabel("")
	what.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel("59m ago")
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.SizeName = theme.SizeNameCaptionText
	state := newBadge("Conflict", toneAmber)
	line1 := container.NewBorder(nil, nil, state, when, what)
	return container.New(layout.NewCustomPaddedVBoxLayout(0), line1, detail)
}

func (o *outboxView) updateItem(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(o.rows) {
		return
	}
	r := o.rows[id]
	box := obj.(*fyne.Container)
	line1 := box.Objects[0].(*fyne.Container)
	detail := box.Objects[1].(*widget.Label)
	line1.Objects[0].(*widget.Label).SetText(r.what)
	line1.Objects[1].(*badge).set(stateTitle(r.state), stateTone(r.state))
	line1.Objects[2].(*widget.Label).SetText(ago(o.now, r.created))
	text := r.ticket
	if r.problem != "" {
		text += " · " + r.problem
		detail.Importance = widget.DangerImportance
	} else {
		detail.Importance = widget.MediumImportance
	}
	detail.SetText(text)
	relayout(line1)
}

func stateTitle(s helpdesk.MutationState) string {
	switch s {
	case helpdesk.StateFailed:
		return "Failed"
	case helpdesk.StateConflict:
		return "Conflict"
	}
	return "Pending"
}

// stateTone makes refused and conflicting entries stand out from the
// ordinary pending ones.
func stateTone(s helpdesk.MutationState) color.NRGBA {
	switch s {
	case helpdesk.StateFailed:
		return toneRed
	case helpdesk.StateConflict:
		return toneAmber
	}
	return toneBlue
}

// show is called when the outbox view is opened.
func (o *outboxView) show() {
	if o.stale {
		o.load()
	}
}

// invalidate marks the outbox changed; it is read again now if it is on
// screen, otherwise when it is next opened.
func (o *outboxView) invalidate() {
	o.stale = true
	if o.pane.Visible() {
		o.load()
	}
}

// load reads the outbox from the desk.
func (o *outboxView) load() {
	ms, err := o.u.desk.Outbox()
	o.stale = false
	o.now = o.u.desk.Now()
	o.rows = o.rows[:0]
	for _, m := range ms {
		ref := fmt.Sprintf("ticket %d", m.TicketID)
		if t, ok := o.u.desk.Summary(m.TicketID); ok {
			ref = t.Ref() + " " + t.Subject
		}
		o.rows = append(o.rows, outboxRow{what: m.Describe(), ticket: ref, created: m.Created, state: m.State, problem: m.Error})
	}
	switch {
	case err != nil:
		o.u.log.Error("read outbox", "err", err)
		o.summary.SetText("Part of the outbox could not be read: " + userMessage(err))
		o.summary.Importance = widget.DangerImportance
	case len(o.rows) == 0:
		o.summary.SetText("Nothing waiting: every change has reached the server.")
		o.summary.Importance = widget.LowImportance
	default:
		o.summary.SetText(plural(len(o.rows), "change waits", "changes wait") +
			" to be sent, oldest first. They are kept on this device and sent in this order when the connection allows.")
		o.summary.Importance = widget.MediumImportance
	}
	o.summary.Refresh()
	o.list.Refresh()
}
