package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// UI is Tierdesk's main window: navigation on the left, the selected view
// (ticket list and detail, outbox or knowledge base) on the right and the
// sync status along the bottom. It holds no ticket data of its own beyond
// the slice the current list shows; the Desk is the only source.
type UI struct {
	fa   fyne.App
	desk *app.Desk
	me   app.Identity
	win  fyne.Window
	log  *slog.Logger

	nav     *navigation
	tickets *ticketList
	detail  *ticketDetail
	outbox  *outboxView
	kb      *kbView
	status  *statusBar

	ticketPane fyne.CanvasObject // list | detail, shown for the ticket views

	watch   watcher
	dialogs dialogs
}

// New builds the main window for d and starts following its changes. The
// subscription ends when the window closes (or ShowAndRun returns).
func New(a fyne.App, d *app.Desk) *UI {
	u := build(a, d, fyne.Do)
	u.startWatching()
	return u
}

// build makes every view without subscribing. deliver runs a function on
// the Fyne thread: fyne.Do in the application, a queue the test drains in
// tests (the test driver runs fyne.Do on the calling goroutine, which would
// race with the test).
func build(a fyne.App, d *app.Desk, deliver func(func())) *UI {
	u := &UI{fa: a, desk: d, me: d.Me(), log: slog.Default().With("component", "ui")}
	u.watch.deliver = deliver
	u.win = a.NewWindow("Tierdesk")
	u.win.SetMaster()
	u.win.Resize(fyne.NewSize(1200, 760))

	u.status = newStatusBar(u)
	u.detail = newTicketDetail(u)
	u.tickets = newTicketList(u)
	u.outbox = newOutboxView(u)
	u.kb = newKBView(u)
	u.nav = newNavigation(u)

	split := container.NewHSplit(u.tickets.pane, u.detail.pane)
	split.Offset = 0.40
	u.ticketPane = split

	views := container.NewStack(u.ticketPane, u.outbox.pane, u.kb.pane)
	body := container.NewHSplit(u.nav.pane, views)
	body.Offset = 0.16
	u.win.SetContent(container.NewBorder(nil, u.status.pane, nil, nil, body))

	u.installShortcuts()
	u.win.SetOnClosed(u.shutdown)
	// No theme is set here: Fyne follows the system's light or dark
	// setting, and badges and cards re-read theme colours in their
	// renderers' Refresh, which Fyne calls on every widget when it changes.

	u.nav.selectFirst()
	u.status.refresh()
	return u
}

// Window returns the main window, for the caller to set an icon, a menu or
// a close hook.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the application until it quits, then
// stops following desk changes.
func (u *UI) ShowAndRun() {
	u.win.ShowAndRun()
	u.shutdown()
}

// agent reports whether the user works tickets; requesters get a reduced
// interface (their own requests and the knowledge base).
func (u *UI) agent() bool { return u.me.Role != helpdesk.RoleRequester }

// showPane brings one of the right-hand views to the front.
func (u *UI) showPane(p fyne.CanvasObject) {
	for _, o := range []fyne.CanvasObject{u.ticketPane, u.outbox.pane, u.kb.pane} {
		if o == p {
			o.Show()
		} else {
			o.Hide()
		}
	}
}
