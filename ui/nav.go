package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// navKind is what a navigation entry opens.
type navKind int

const (
	navTickets navKind = iota // a ticket view from app.Views
	navAlerts
	navOutbox
	navKB
	navSettings
)

// navEntry is one line of the navigation with its current count.
type navEntry struct {
	kind  navKind
	view  app.View // for navTickets
	title string
	icon  fyne.Resource
	count int  // tickets in the view, unsent changes, unread alerts
	shown bool // whether count is displayed
	// loud marks a count that asks for attention (unread alerts), so it
	// stands out among the ticket counts.
	loud bool
}

// navigation is the list on the left. It is a bridge between widget.List and
// the entries: Length, CreateItem and UpdateItem read the entries slice,
// which refreshCounts recomputes once per batch of changes.
type navigation struct {
	u       *UI
	entries []navEntry
	list    *widget.List
	current int
	pane    fyne.CanvasObject
}

func newNavigation(u *UI) *navigation {
	n := &navigation{u: u, current: -1}
	for _, v := range app.Views() {
		if !u.agent() && v != app.ViewMyRequests {
			continue // requesters follow their own requests only
		}
		n.entries = append(n.entries, navEntry{kind: navTickets, view: v, title: v.Title(u.me), icon: viewIcon(v), shown: true})
	}
	// Every user gets alerts: requesters on replies to their requests.
	n.entries = append(n.entries, navEntry{kind: navAlerts, title: "Alerts", icon: bellIcon, shown: true, loud: true})
	if u.agent() {
		n.entries = append(n.entries, navEntry{kind: navOutbox, title: "Outbox", icon: theme.UploadIcon(), shown: true})
	}
	n.entries = append(n.entries, navEntry{kind: navKB, title: "Knowledge base", icon: theme.HelpIcon()})
	n.entries = append(n.entries, navEntry{kind: navSettings, title: "Settings", icon: theme.SettingsIcon()})

	n.list = widget.NewList(n.length, n.createItem, n.updateItem)
	n.list.OnSelected = n.selected
	n.refreshCounts()

	// The one action that does not start from a ticket gets a button of
	// its own, above the views, besides Ctrl+N.
	label := "New ticket"
	if !u.agent() {
		label = "Report a problem"
	}
	create := widget.NewButtonWithIcon(label, theme.ContentAddIcon(), u.newTicket)
	create.Importance = widget.HighImportance
	// Settings is also a gear next to it: where people look for it first.
	gear := widget.NewButtonWithIcon("", theme.SettingsIcon(), u.openSettings)
	gear.Importance = widget.LowImportance
	n.pane = container.NewBorder(container.NewBorder(nil, nil, nil, gear, create), nil, nil, nil, n.list)
	return n
}

func viewIcon(v app.View) fyne.Resource {
	switch v {
	case app.ViewMyTier:
		return theme.HomeIcon()
	case app.ViewAssigned:
		return theme.AccountIcon()
	case app.ViewAll:
		return theme.ListIcon()
	case app.ViewMyRequests:
		return theme.MailComposeIcon()
	}
	return theme.ListIcon()
}

func (n *navigation) length() int { return len(n.entries) }

func (n *navigation) createItem() fyne.CanvasObject {
	count := widget.NewLabel("0000")
	count.Alignment = fyne.TextAlignTrailing
	count.SizeName = theme.SizeNameCaptionText
	title := widget.NewLabel("Knowledge base")
	title.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ListIcon()), count, title)
}

func (n *navigation) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(n.entries) {
		return
	}
	e := n.entries[id]
	c := o.(*fyne.Container)
	title := c.Objects[0].(*widget.Label)
	icon := c.Objects[1].(*widget.Icon)
	count := c.Objects[2].(*widget.Label)
	title.SetText(e.title)
	icon.SetResource(e.icon)
	if e.shown {
		imp, style := widget.MediumImportance, fyne.TextStyle{}
		if e.loud && e.count > 0 {
			imp, style = widget.HighImportance, fyne.TextStyle{Bold: true}
		}
		if count.Importance != imp || count.TextStyle != style {
			count.Importance, count.TextStyle = imp, style
			count.Refresh()
		}
		count.SetText(strconv.Itoa(e.count))
		count.Show()
	} else {
		count.Hide()
	}
	relayout(c)
}

// refreshCounts recomputes every count from memory (the summary index),
// the outbox counter and the inbox the alerts view last read; cheap enough
// to run on every batch of changes.
func (n *navigation) refreshCounts() {
	for i := range n.entries {
		e := &n.entries[i]
		switch e.kind {
		case navTickets:
			e.count = n.u.desk.CountTickets(e.view.Filter(n.u.me))
		case navOutbox:
			e.count = n.u.desk.State().Unsent
		case navAlerts:
			e.count = n.u.alerts.unread
		}
	}
	n.list.Refresh()
}

// selectFirst opens the first view: the user's tier queue for agents, their
// own requests for requesters.
func (n *navigation) selectFirst() { n.list.Select(0) }

// selectView opens a ticket view by its app.View, returning false when the
// user's navigation does not have it.
func (n *navigation) selectView(v app.View) bool {
	for i, e := range n.entries {
		if e.kind == navTickets && e.view == v {
			n.list.Select(i)
			return true
		}
	}
	return false
}

// selectKind opens the first entry of a kind (the outbox, the knowledge base).
func (n *navigation) selectKind(k navKind) bool {
	for i, e := range n.entries {
		if e.kind == k {
			n.list.Select(i)
			return true
		}
	}
	return false
}

// openSettings shows the Settings screen (the gear, Ctrl+comma, the demo
// banner) on the tab last chosen: Accounts at first.
func (u *UI) openSettings() { u.nav.selectKind(navSettings) }

// currentEntry returns the open entry.
func (n *navigation) currentEntry() (navEntry, bool) {
	if n.current < 0 || n.current >= len(n.entries) {
		return navEntry{}, false
	}
	return n.entries[n.current], true
}

func (n *navigation) selected(id widget.ListItemID) {
	if id < 0 || id >= len(n.entries) {
		return
	}
	n.current = id
	u := n.u
	switch e := n.entries[id]; e.kind {
	case navTickets:
		u.tickets.setView(e.view)
		u.showPane(u.ticketPane)
	case navAlerts:
		u.alerts.show()
		u.showPane(u.alerts.pane)
	case navOutbox:
		u.outbox.show()
		u.showPane(u.outbox.pane)
	case navKB:
		u.kb.show()
		u.showPane(u.kb.pane)
	case navSettings:
		u.settings.show()
		u.showPane(u.settings.pane)
	}
}

// ticketViewFor picks a view of the user's navigation that contains t, so a
// ticket can always be shown in a list after it was created or opened from
// elsewhere.
func (n *navigation) ticketViewFor(t *helpdesk.Ticket) (app.View, bool) {
	cur, ok := n.currentEntry()
	if ok && cur.kind == navTickets && cur.view.Filter(n.u.me).Match(*t) {
		return cur.view, true
	}
	for _, e := range n.entries {
		if e.kind == navTickets && e.view.Filter(n.u.me).Match(*t) {
			return e.view, true
		}
	}
	return 0, false
}
