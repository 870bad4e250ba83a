package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// Filter choices. Statuses follow the two catch-alls in lifecycle order.
const (
	anyTier      = "Any tier"
	anyStatus    = "Any status"
	activeStatus = "Active"
)

// ticketList is the searchable list of one ticket view. It is the bridge
// between widget.List and the tickets: rows is the slice desk.Tickets
// returned (shared, in memory), and the list callbacks only index into it, so
// scrolling never reads the store.
type ticketList struct {
	u    *UI
	view app.View

	search *keyEntry
	tier   *widget.Select
	status *widget.Select
	count  *widget.Label
	list   *ticketListWidget
	empty  *widget.Label // says why the list is empty
	banner *demoBanner   // shown while the demo workspace is open

	rows []*helpdesk.Ticket
	now  time.Time // the instant relative times are drawn against

	// selected is the ticket the user chose, by id, so it stays selected when
	// a refresh reorders or refilters the rows.
	selected uint64
	// adjusting is set while code (not the user) moves the list selection,
	// so OnSelected does not reopen the detail.
	adjusting bool
	// muted suppresses refresh while several controls are reset at once.
	muted bool

	pane fyne.CanvasObject
}

func newTicketList(u *UI) *ticketList {
	l := &ticketList{u: u}

	l.search = newKeyEntry()
	l.search.SetPlaceHolder("Search subject or #ref   (Ctrl+F)")
	l.search.OnChanged = func(string) { l.refresh() }
	l.search.onDown = func() { l.move(1) }
	l.search.onUp = func() { l.move(-1) }
	l.search.onEscape = func() { l.search.SetText("") }
	l.search.shortcut = u.runShortcut

	tiers := []string{anyTier}
	for _, t := range helpdesk.Tiers() {
		if t >= helpdesk.L1 {
			tiers = append(tiers, t.String())
		}
	}
	l.tier = widget.NewSelect(tiers, func(string) { l.refresh() })
	l.tier.Selected = anyTier

	statuses := []string{anyStatus, activeStatus}
	for _, s := range helpdesk.Statuses() {
		statuses = append(statuses, s.Title())
	}
	l.status = widget.NewSelect(statuses, func(string) { l.refresh() })
	l.status.Selected = anyStatus

	l.count = widget.NewLabel("")
	l.count.SizeName = theme.SizeNameCaptionText

	l.list = newTicketListWidget(l)
	l.empty = widget.NewLabel("")
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Importance = widget.LowImportance
	l.empty.Hide()

	filters := container.NewHBox(l.tier, l.status)
	if !u.agent() {
		l.tier.Hide() // requesters do not think in tiers
	}
	l.banner = newDemoBanner(u)
	if !isDemo(u.desk.State()) {
		l.banner.pane.Hide()
	}
	top := container.NewVBox(l.banner.pane, l.search, container.NewBorder(nil, nil, filters, l.count))
	pane := container.NewBorder(top, nil, nil, nil, container.NewStack(l.list, container.NewCenter(l.empty)))
	l.banner.around = []*fyne.Container{pane, top}
	l.pane = pane
	return l
}

func (l *ticketList) length() int { return len(l.rows) }

func (l *ticketList) createItem() fyne.CanvasObject { return newTicketRow() }

func (l *ticketList) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(l.rows) {
		return
	}
	o.(*ticketRow).set(l.rows[id], l.now)
}

// filter combines the view's own filter with the search box and selects.
// ok is false when the choices cannot match anything (the L1 queue filtered
// to L2), which the Filter type has no way to express.
func (l *ticketList) filter() (f helpdesk.Filter, ok bool) {
	f = l.view.Filter(l.u.me)
	if l.tier.Selected != anyTier && l.tier.Selected != "" {
		t, err := helpdesk.ParseTier(l.tier.Selected)
		if err == nil {
			if len(f.Tiers) > 0 && !slices.Contains(f.Tiers, t) {
				return f, false
			}
			f.Tiers = []helpdesk.Tier{t}
		}
	}
	switch l.status.Selected {
	case anyStatus, "":
	case activeStatus:
		f.ActiveOnly = true
	default:
		if s, err := helpdesk.ParseStatus(l.status.Selected); err == nil {
			f.Statuses = []helpdesk.Status{s}
		}
	}
	f.Text = l.search.Text
	return f, true
}

// setView switches to another ticket view, keeping the search text and the
// filters (people search across views). The detail closes when its ticket
// is not part of the new view, so list and detail never disagree.
func (l *ticketList) setView(v app.View) {
	l.view = v
	l.refresh()
	if l.selected != 0 && l.index(l.selected) < 0 {
		l.selected = 0
		l.u.detail.clear()
	}
}

// refresh re-queries the view from memory and redraws the visible rows.
func (l *ticketList) refresh() {
	if l.muted {
		return
	}
	if f, ok := l.filter(); ok {
		l.rows = l.u.desk.Tickets(f)
	} else {
		l.rows = nil
	}
	l.now = l.u.desk.Now()
	l.count.SetText(plural(len(l.rows), "ticket", "tickets"))
	l.setEmpty()
	l.list.Refresh()
	l.reselect()
}

// retime redraws the visible rows against the current time.
func (l *ticketList) retime() {
	l.now = l.u.desk.Now()
	l.list.Refresh()
}

// index finds a ticket in the rows, or -1.
func (l *ticketList) index(id uint64) int {
	return slices.IndexFunc(l.rows, func(t *helpdesk.Ticket) bool { return t.ID == id })
}

// reselect puts the list selection back on the chosen ticket after the rows
// changed. If the ticket left the view (escalated out of the queue) the list
// selection goes but the detail stays, so the user still sees what they did.
func (l *ticketList) reselect() {
	l.adjusting = true
	defer func() { l.adjusting = false }()
	if i := l.index(l.selected); l.selected != 0 && i >= 0 {
		l.list.Select(i)
		return
	}
	l.list.UnselectAll()
}

// selectedRow is called when the user picks a row.
func (l *ticketList) selectedRow(id widget.ListItemID) {
	if l.adjusting || id < 0 || id >= len(l.rows) {
		return
	}
	t := l.rows[id]
	if t.ID == l.selected && l.u.detail.id == t.ID {
		return
	}
	l.selected = t.ID
	l.u.detail.show(t.ID)
}

// move selects the row delta away from the current one (keyboard Up/Down).
func (l *ticketList) move(delta int) {
	if len(l.rows) == 0 {
		return
	}
	i := l.index(l.selected)
	switch {
	case i < 0 && delta > 0:
		i = 0
	case i < 0:
		i = len(l.rows) - 1
	default:
		i = max(0, min(len(l.rows)-1, i+delta))
	}
	l.list.Select(i) // scrolls to the row and opens the detail
}

// selectTicket shows ticket id in the list and the detail. If the current
// view and filters hide it (a new ticket for someone else, at another tier),
// it clears the search and filters and switches to a view that has it.
func (l *ticketList) selectTicket(id uint64) {
	t, ok := l.u.desk.Summary(id)
	if !ok {
		return
	}
	l.selected = id
	cur, isTickets := l.u.nav.currentEntry()
	if f, ok := l.filter(); !isTickets || cur.kind != navTickets || !ok || !f.Match(*t) {
		l.muted = true
		l.search.SetText("")
		l.tier.SetSelected(anyTier)
		l.status.SetSelected(anyStatus)
		l.muted = false
		if v, ok := l.u.nav.ticketViewFor(t); ok {
			l.u.nav.selectView(v)
		}
	}
	l.refresh()
	if i := l.index(id); i >= 0 {
		l.list.ScrollTo(i)
	}
	l.u.detail.show(id)
}

// focusSearch puts the cursor in the search box (Ctrl+F), switching to a
// ticket view first if another view is open.
func (l *ticketList) focusSearch() {
	if e, ok := l.u.nav.currentEntry(); !ok || e.kind != navTickets {
		l.u.nav.selectFirst()
	}
	l.u.win.Canvas().Focus(l.search)
}

// ticketListWidget is a widget.List whose Up/Down keys move the selection
// (and so the detail) instead of only a focus highlight, as in mail clients.
type ticketListWidget struct {
	widget.List
	l *ticketList
}

func newTicketListWidget(l *ticketList) *ticketListWidget {
	w := &ticketListWidget{l: l}
	w.Length = l.length
	w.CreateItem = l.createItem
	w.UpdateItem = l.updateItem
	w.OnSelected = l.selectedRow
	w.ExtendBaseWidget(w)
	return w
}

// TypedKey is part of fyne.Focusable.
func (w *ticketListWidget) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyUp:
		w.l.move(-1)
	case fyne.KeyDown:
		w.l.move(1)
	case fyne.KeyHome:
		w.l.move(-len(w.l.rows))
	case fyne.KeyEnd:
		w.l.move(len(w.l.rows))
	default:
		w.List.TypedKey(e)
	}
}

// syncStateChanged is called when the sync engine's state moves: the empty
// list's explanation depends on it during the first sync.
func (l *ticketList) syncStateChanged() {
	if len(l.rows) == 0 {
		l.setEmpty()
	}
}

// setEmpty explains an empty list, because a blank pane reads as "still
// loading" or "broken" rather than "nothing to do".
func (l *ticketList) setEmpty() {
	if len(l.rows) > 0 {
		l.empty.Hide()
		return
	}
	f, _ := l.filter()
	narrowed := f.Text != "" || l.tier.Selected != anyTier || l.status.Selected != anyStatus
	st := l.u.desk.State()
	switch {
	case narrowed:
		l.empty.SetText("No tickets match the search and filters.")
	case st.HasServer && l.u.desk.Count() == 0 && st.Syncing:
		// A new account before its first sync: "no tickets" would be
		// wrong, they are on their way (the status bar shows how far).
		l.empty.SetText("Fetching tickets from the server…\nThe first sync of an account can take a while.")
	case st.HasServer && l.u.desk.Count() == 0 && st.LastSync.IsZero():
		l.empty.SetText("No tickets yet: this account has not synced with its server.\nThe status bar says why; Sync now tries again.")
	case !l.u.agent():
		l.empty.SetText("You have no requests yet.\nReport a problem with the button on the left or Ctrl+N.")
	case l.view == app.ViewAssigned:
		l.empty.SetText("Nothing is assigned to you.\nTake a ticket from the queue to work on it.")
	default:
		l.empty.SetText("No tickets here.")
	}
	l.empty.Show()
}
