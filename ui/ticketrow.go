package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// ticketRow is the list row template. Every row has the same widgets in the
// same layout whatever the ticket holds (a missing owner says "Unowned", the
// overdue badge hides without taking height), so all rows share one height
// and the list never has to measure them.
type ticketRow struct {
	widget.BaseWidget

	ref      *widget.Label
	subject  *widget.Label
	updated  *widget.Label
	tier     *badge
	status   *badge
	priority *widget.Label
	overdue  *badge
	owner    *widget.Label
	line1    *fyne.Container
	tags     *fyne.Container
	line2    *fyne.Container
	content  fyne.CanvasObject
}

func newTicketRow() *ticketRow {
	r := &ticketRow{
		ref:      widget.NewLabel("#00000"),
		subject:  widget.NewLabel(""),
		updated:  widget.NewLabel("59m ago"),
		tier:     newBadge("L1", toneGreen),
		status:   newBadge("Stalled", toneAmber),
		priority: widget.NewLabel("Urgent"),
		overdue:  newBadge("Overdue", toneRed),
		owner:    widget.NewLabel(""),
	}
	r.ref.TextStyle = fyne.TextStyle{Monospace: true}
	r.subject.TextStyle = fyne.TextStyle{Bold: true}
	r.subject.Truncation = fyne.TextTruncateEllipsis
	r.updated.Alignment = fyne.TextAlignTrailing
	r.owner.Truncation = fyne.TextTruncateEllipsis
	for _, l := range []*widget.Label{r.ref, r.updated, r.priority, r.owner} {
		l.SizeName = theme.SizeNameCaptionText
	}

	r.line1 = container.NewBorder(nil, nil, r.ref, r.updated, r.subject)
	r.tags = container.NewHBox(r.tier, r.status, r.priority, r.overdue)
	r.line2 = container.NewBorder(nil, nil, r.tags, nil, r.owner)
	r.content = container.New(layout.NewCustomPaddedVBoxLayout(0), r.line1, r.line2)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *ticketRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// set shows t; now anchors the relative time so one refresh renders every
// row against the same instant.
func (r *ticketRow) set(t *helpdesk.Ticket, now time.Time) {
	r.ref.SetText(t.Ref())
	r.subject.SetText(t.Subject)
	r.updated.SetText(ago(now, t.Updated))
	r.tier.set(t.Tier.String(), tierTone(t.Tier))
	r.status.set(t.Status.Title(), statusTone(t.Status))

	imp := priorityImportance(t.Priority)
	bold := t.Priority >= helpdesk.PriorityHigh
	if r.priority.Importance != imp || r.priority.TextStyle.Bold != bold || r.priority.Text != t.Priority.Title() {
		r.priority.Importance = imp
		r.priority.TextStyle.Bold = bold
		r.priority.SetText(t.Priority.Title())
	}

	if t.Overdue(now) {
		r.overdue.Show()
	} else {
		r.overdue.Hide()
	}
	r.owner.SetText(ownerText(t))
	// The pieces have new widths (a longer ref, "Stalled" for "New", the
	// overdue badge); the row's height never changes.
	relayout(r.line1, r.line2, r.tags)
}
