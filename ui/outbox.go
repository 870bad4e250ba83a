package ui

import (
	"context"
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

// keepMineTimeout bounds "Keep mine", which fetches the ticket from the
// server before re-queueing the change.
const keepMineTimeout = 30 * time.Second

// outboxRow is one unsent action, formatted when the outbox is read so the
// list callbacks only copy strings.
type outboxRow struct {
	seq      uint64
	kind     helpdesk.MutationKind
	body     string // the text Edit starts from
	what     string
	ticket   string
	created  time.Time
	state    helpdesk.MutationState
	problem  string // the server's words for failed and conflicting entries
	editable bool   // a reply, note or hand-off note not yet on its way
	sending  bool   // the engine has started sending it
}

// hasText reports whether a kind of change carries text the user wrote,
// which Edit can change and Discard would destroy.
func hasText(k helpdesk.MutationKind) bool {
	switch k {
	case helpdesk.MutReply, helpdesk.MutNote, helpdesk.MutEscalate, helpdesk.MutDeescalate:
		return true
	}
	return false
}

// outboxView lists the actions waiting for the server, oldest first: what
// will be sent, in the order it will be sent. Entries the server refused
// (failed) or that collide with a change made there (conflict) wait for the
// user, who decides per entry: retry, edit, discard, keep mine or take
// theirs. Nothing leaves the outbox without the user saying so.
type outboxView struct {
	u       *UI
	rows    []outboxRow
	now     time.Time
	list    *widget.List
	summary *widget.Label
	stale   bool            // the outbox changed since it was last read
	busy    map[uint64]bool // entries with a "Keep mine" in flight
	box     *fyne.Container
	pane    fyne.CanvasObject
}

func newOutboxView(u *UI) *outboxView {
	o := &outboxView{u: u, stale: true, busy: map[uint64]bool{}}
	o.list = widget.NewList(o.length, o.createItem, o.updateItem)
	o.list.OnSelected = o.selected
	o.summary = widget.NewLabel("")
	o.summary.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle("Outbox", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	o.box = container.NewBorder(container.NewVBox(title, o.summary, widget.NewSeparator()), nil, nil, nil, o.list)
	o.pane = o.box
	o.pane.Hide()
	return o
}

func (o *outboxView) length() int { return len(o.rows) }

// outboxItem is the row template. Every row has all the widgets, so all
// rows are one height; the buttons that do not apply to an entry's state
// are hidden, which changes only the width they take.
type outboxItem struct {
	widget.BaseWidget
	state   *badge
	what    *widget.Label
	when    *widget.Label
	ticket  *widget.Label
	problem *widget.Label

	retry   *widget.Button
	edit    *widget.Button
	discard *widget.Button
	keep    *widget.Button
	theirs  *widget.Button
	actions *fyne.Container
	column  *fyne.Container // holds actions at a fixed width

	content *fyne.Container
}

func (o *outboxView) createItem() fyne.CanvasObject {
	it := &outboxItem{
		state:   newBadge("Conflict", toneAmber),
		what:    widget.NewLabel(""),
		when:    widget.NewLabel("59m ago"),
		ticket:  widget.NewLabel(""),
		problem: widget.NewLabel(""),
		retry:   widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), nil),
		edit:    widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), nil),
		discard: widget.NewButtonWithIcon("Discard…", theme.DeleteIcon(), nil),
		keep:    widget.NewButtonWithIcon("Keep mine", theme.ConfirmIcon(), nil),
		theirs:  widget.NewButtonWithIcon("Take theirs…", theme.ContentUndoIcon(), nil),
	}
	it.what.TextStyle = fyne.TextStyle{Bold: true}
	it.what.Truncation = fyne.TextTruncateEllipsis
	it.when.SizeName = theme.SizeNameCaptionText
	for _, l := range []*widget.Label{it.ticket, it.problem} {
		l.Truncation = fyne.TextTruncateEllipsis
		l.SizeName = theme.SizeNameCaptionText
	}
	it.keep.Importance = widget.HighImportance
	it.actions = container.NewHBox(it.retry, it.keep, it.edit, it.theirs, it.discard)
	// The action column is as wide as the widest set of buttons a row can
	// have, so the times and texts line up from row to row.
	pad := theme.Padding()
	width := func(bs ...*widget.Button) float32 {
		w := pad * float32(len(bs)-1)
		for _, b := range bs {
			w += b.MinSize().Width
		}
		return w
	}
	column := max(width(it.retry, it.edit, it.discard), width(it.keep, it.theirs))
	line1 := container.NewBorder(nil, nil, it.state, it.when, it.what)
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), line1, it.ticket, it.problem)
	it.keep.Hide() // the template is a failed row until updateItem says otherwise
	it.theirs.Hide()
	it.column = container.New(rightAligned{width: column}, it.actions)
	it.content = container.NewBorder(nil, nil, nil, it.column, text)
	it.ExtendBaseWidget(it)
	return it
}

// CreateRenderer is part of fyne.Widget.
func (it *outboxItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(it.content)
}

func (o *outboxView) updateItem(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(o.rows) {
		return
	}
	r := o.rows[id]
	it := obj.(*outboxItem)
	it.state.set(stateTitle(r.state), stateTone(r.state))
	it.what.SetText(drawable(r.what))
	it.when.SetText(ago(o.now, r.created))
	it.ticket.SetText(r.ticket)

	imp, text := widget.LowImportance, "Waiting to be sent"
	switch r.state {
	case helpdesk.StateFailed:
		imp, text = widget.DangerImportance, "Refused by the server"
		if r.problem != "" {
			text += ": " + r.problem
		}
	case helpdesk.StateConflict:
		imp, text = widget.WarningImportance, "Changed on the server too"
		if r.problem != "" {
			text += ": " + r.problem
		}
	default:
		if r.sending {
			text = "Being sent; the server may already have it"
		}
	}
	it.problem.Importance = imp
	it.problem.SetText(text)

	show := func(b *widget.Button, on bool, run func()) {
		b.OnTapped = run
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	failed, conflict := r.state == helpdesk.StateFailed, r.state == helpdesk.StateConflict
	show(it.retry, failed, func() { o.retry(r) })
	show(it.edit, r.editable && !conflict, func() { o.edit(r) })
	show(it.discard, !conflict, func() { o.confirmDiscard(r, false) })
	show(it.keep, conflict, func() { o.keepMine(r) })
	show(it.theirs, conflict, func() { o.confirmDiscard(r, true) })
	setEnabled(it.keep, !o.busy[r.seq])
	setEnabled(it.theirs, !o.busy[r.seq])
	relayout(it.actions, it.content, it.column)
}

// rightAligned lays out one object at its minimum size against the right
// edge of a column at least width wide, centred vertically: a column whose
// width does not depend on what it holds.
type rightAligned struct{ width float32 }

// MinSize is part of fyne.Layout.
func (l rightAligned) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(l.width, m.Width), m.Height)
}

// Layout is part of fyne.Layout.
func (l rightAligned) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m := objs[0].MinSize()
	objs[0].Resize(m)
	objs[0].Move(fyne.NewPos(size.Width-m.Width, (size.Height-m.Height)/2))
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
	if err != nil {
		o.u.log.Error("read outbox", "err", err)
	}
	o.setRows(ms, err)
}

// setRows formats the entries (ticket references come from memory) and
// redraws the list and the summary above it.
func (o *outboxView) setRows(ms []helpdesk.Mutation, err error) {
	o.now = o.u.desk.Now()
	o.rows = o.rows[:0]
	var failed, conflicts int
	for _, m := range ms {
		ref := fmt.Sprintf("Ticket %d", m.TicketID)
		if m.Kind.IsArticle() {
			ref = "Knowledge base"
			if m.Article != nil && m.Article.Title != "" {
				ref += "  " + m.Article.Title
			} else if a, err := o.u.desk.Article(m.ArticleID); err == nil {
				ref += "  " + a.Title
			}
		} else if t, ok := o.u.desk.Summary(m.TicketID); ok {
			ref = t.Ref() + "  " + t.Subject
		}
		// A pending entry whose sending has started may already be on the
		// server (the answer was lost), and an edit would then send a
		// second, different copy. A refused one is known not to be there.
		sending := m.State == helpdesk.StatePending && m.Progress != helpdesk.NotSent
		o.rows = append(o.rows, outboxRow{
			seq: m.Seq, kind: m.Kind, body: m.Body, what: m.Describe(), ticket: ref,
			created: m.Created, state: m.State, problem: m.Error,
			editable: hasText(m.Kind) && !sending,
			sending:  sending,
		})
		switch m.State {
		case helpdesk.StateFailed:
			failed++
		case helpdesk.StateConflict:
			conflicts++
		}
	}
	switch {
	case err != nil:
		o.summary.SetText("Part of the outbox could not be read: " + userMessage(err))
		o.summary.Importance = widget.DangerImportance
	case len(o.rows) == 0:
		o.summary.SetText("Nothing waiting: every change has reached the server.")
		o.summary.Importance = widget.LowImportance
	case failed+conflicts > 0:
		o.summary.SetText(plural(len(o.rows), "change waits", "changes wait") + " to be sent, oldest first. " +
			waitingForYou(failed, conflicts))
		o.summary.Importance = widget.WarningImportance
	default:
		o.summary.SetText(plural(len(o.rows), "change waits", "changes wait") +
			" to be sent, oldest first. They are kept on this device and sent in this order when the connection allows.")
		o.summary.Importance = widget.MediumImportance
	}
	o.summary.Refresh()
	// The summary wraps, and knows its height only once laid out at the
	// pane's width: so a second, layout-only pass.
	relayout(o.box)
	relayout(o.box)
	o.list.Refresh()
}

// waitingForYou says how many entries need a decision.
func waitingForYou(failed, conflicts int) string {
	switch {
	case failed > 0 && conflicts > 0:
		return fmt.Sprintf("%s refused by the server and %s with a change made there: they wait for your decision.",
			plural(failed, "was", "were"), plural(conflicts, "conflicts", "conflict"))
	case failed > 0:
		return plural(failed, "was", "were") + " refused by the server and waits for you: retry, edit or discard."
	default:
		return plural(conflicts, "conflicts", "conflict") + " with a change made on the server: keep yours or take theirs."
	}
}

// selected shows the whole entry, which a row can only shorten.
func (o *outboxView) selected(id widget.ListItemID) {
	o.list.UnselectAll()
	if id >= 0 && id < len(o.rows) {
		o.details(o.rows[id])
	}
}

// retry puts a failed entry back in the queue as it is.
func (o *outboxView) retry(r outboxRow) {
	if err := o.u.desk.Retry(r.seq); err != nil {
		o.u.report("Could not queue "+r.what+" again", err)
	}
}

// keepMine re-sends a conflicting change against the server's current
// version. It fetches the ticket first, so it runs in the background.
func (o *outboxView) keepMine(r outboxRow) {
	if o.busy[r.seq] {
		return
	}
	o.busy[r.seq] = true
	o.list.Refresh()
	desk := o.u.desk
	o.u.background(func() error {
		ctx, cancel := context.WithTimeout(context.Background(), keepMineTimeout)
		defer cancel()
		return desk.KeepMine(ctx, r.seq)
	}, func(err error) {
		delete(o.busy, r.seq)
		if o.u.outbox != o {
			// The user switched account meanwhile; the message would be
			// about a workspace no longer on screen.
			if err != nil {
				o.u.log.Warn("keep mine in a closed workspace", "seq", r.seq, "err", err)
			}
			return
		}
		o.list.Refresh()
		if err != nil {
			o.u.report("Could not keep your version of "+r.what+": the ticket must be fetched from the server first. "+
				"The change stays in the outbox as a conflict; try again when you are online.", err)
		}
	})
}
