package ui

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// Options configure the parts of the window that reach beyond the open
// desk: the account settings and switching between accounts.
type Options struct {
	// DataDir is the folder holding the workspaces, as given to app.Open;
	// empty means app.DefaultDataDir, the same folder app.Open uses.
	DataDir string
	// Secrets is the keyring new accounts file their password or token in
	// (and removed ones are deleted from); nil means the operating
	// system's keyring, app.OSKeyring.
	Secrets app.SecretService
	// Reopen opens another workspace when the user switches account. It
	// should open it the way the first one was opened (same keyring, same
	// logger). Nil disables switching: accounts can still be added, and
	// are opened on the next start.
	Reopen func(sel app.Selection) (*app.Desk, error)
	// Window is the main window if the caller made it already: main makes
	// it while the store opens on another core, since bringing up GLFW and
	// the GL context is the longest step of a start-up. Nil makes one.
	Window fyne.Window
}

// UI is Tierdesk's main window: navigation on the left, the selected view
// (ticket list and detail, outbox, knowledge base or settings) on the right
// and the sync status along the bottom. It holds no ticket data of its own
// beyond the slice the current list shows; the Desk is the only source.
type UI struct {
	fa   fyne.App
	desk *app.Desk
	me   app.Identity
	win  fyne.Window
	log  *slog.Logger

	opts       Options
	dataDir    string // opts.DataDir resolved; "" when dataDirErr is set
	dataDirErr error

	nav      *navigation
	tickets  *ticketList
	detail   *ticketDetail
	alerts   *alertsView
	outbox   *outboxView
	kb       *kbView
	settings *settingsView
	status   *statusBar

	ticketPane fyne.CanvasObject // list | detail, shown for the ticket views

	// deliver runs a function on the Fyne thread: fyne.Do in the
	// application, a queue the test drains in tests. Every goroutine the
	// UI starts (desk changes, the clock, connection tests, account
	// switches) hands its result back through it.
	deliver func(func())
	watch   *watcher
	// counting is set while the status bar shows a retry countdown, so the
	// clock goroutine redraws it every second; atomic because that
	// goroutine reads it.
	counting atomic.Bool
	// switching is set while another workspace is being opened, so a
	// second click cannot start a second switch.
	switching bool
	// closing tracks desks being closed in the background after a switch;
	// ShowAndRun waits for them so the process never exits mid-close.
	closing sync.WaitGroup

	dialogs dialogs

	// tray is the system tray when the platform has one (nil in tests and
	// on drivers without one); traySig is the menu it shows, so it is only
	// replaced when a label changed.
	tray    trayHost
	traySig string
	// pausedUntil is when the user's pause of desktop alerts ends, as last
	// read or set; the tray and Settings label themselves from it without
	// reading the store on every batch.
	pausedUntil time.Time
}

// New builds the main window for d and starts following its changes. The
// subscription ends when the window closes (or ShowAndRun returns). The
// Settings screen uses the default data folder and the OS keyring, and
// cannot switch accounts; NewWithOptions can.
func New(a fyne.App, d *app.Desk) *UI {
	return NewWithOptions(a, d, Options{})
}

// NewWithOptions is New with the options the Settings screen needs to add,
// remove and switch accounts. The UI may replace d with another desk when
// the user switches account: it closes d itself then, and Desk returns the
// one open at the end.
func NewWithOptions(a fyne.App, d *app.Desk, o Options) *UI {
	u := build(a, d, o, fyne.Do)
	u.startWatching()
	return u
}

// build makes the window and every view without subscribing. deliver runs
// a function on the Fyne thread: fyne.Do in the application, a queue the
// test drains in tests (the test driver runs fyne.Do on the calling
// goroutine, which would race with the test).
func build(a fyne.App, d *app.Desk, o Options, deliver func(func())) *UI {
	u := &UI{fa: a, opts: o, deliver: deliver, log: slog.Default().With("component", "ui")}
	if o.Secrets == nil {
		u.opts.Secrets = app.OSKeyring{}
	}
	u.dataDir = o.DataDir
	if u.dataDir == "" {
		u.dataDir, u.dataDirErr = app.DefaultDataDir()
		if u.dataDirErr != nil {
			u.log.Error("find the data folder", "err", u.dataDirErr)
		}
	}
	u.win = o.Window
	if u.win == nil {
		u.win = a.NewWindow("Tierdesk")
	}
	u.win.SetTitle("Tierdesk")
	u.win.SetMaster()
	u.win.Resize(fyne.NewSize(1200, 760))
	u.win.SetOnClosed(u.shutdown)
	// No theme is set here: Fyne follows the system's light or dark
	// setting, and badges and cards re-read theme colours in their
	// renderers' Refresh, which Fyne calls on every widget when it changes.
	u.assemble(d)
	// The test driver is not a desktop.App: no tray, and the window closes
	// normally whatever the preference says.
	if da, ok := a.(desktop.App); ok {
		u.setupTray(da)
		// A left click on the tray icon shows the window. Fyne makes closing
		// hide the window when it is given one; setupTray's close behaviour,
		// applied again below, follows the user's preference instead.
		da.SetSystemTrayWindow(u.win)
		u.applyCloseBehaviour()
	}
	return u
}

// assemble builds every view for d and puts them in the window. It runs
// once at start and again when the user switches account, because the
// views depend on who the user is there (role, tier, navigation).
func (u *UI) assemble(d *app.Desk) {
	u.desk, u.me = d, d.Me()

	u.status = newStatusBar(u)
	u.detail = newTicketDetail(u)
	u.tickets = newTicketList(u)
	u.alerts = newAlertsView(u)
	u.alerts.reload() // before the navigation, which shows its unread count
	u.outbox = newOutboxView(u)
	u.kb = newKBView(u)
	u.settings = newSettingsView(u)
	u.nav = newNavigation(u)

	split := container.NewHSplit(u.tickets.pane, u.detail.pane)
	split.Offset = 0.40
	u.ticketPane = split

	views := container.NewStack(u.ticketPane, u.alerts.pane, u.outbox.pane, u.kb.pane, u.settings.pane)
	body := container.NewHSplit(u.nav.pane, views)
	body.Offset = 0.16
	u.win.SetContent(container.NewBorder(nil, u.status.pane, nil, nil, body))

	u.installShortcuts()
	u.nav.selectFirst()
	u.status.refresh()
	u.loadPause()
	u.refreshTray() // the menu acts on this desk now (Sync now, the pause)
}

// Window returns the main window, for the caller to set an icon, a menu or
// a close hook.
func (u *UI) Window() fyne.Window { return u.win }

// Desk returns the desk the window shows now. It changes when the user
// switches account; the caller closes the one returned after ShowAndRun.
func (u *UI) Desk() *app.Desk { return u.desk }

// ShowAndRun shows the window and runs the application until it quits, then
// stops following desk changes and waits for desks left behind by account
// switches to finish closing.
func (u *UI) ShowAndRun() {
	u.win.ShowAndRun()
	u.shutdown()
	u.closing.Wait()
}

// agent reports whether the user works tickets; requesters get a reduced
// interface (their own requests and the knowledge base).
func (u *UI) agent() bool { return u.me.Role != helpdesk.RoleRequester }

// showPane brings one of the right-hand views to the front.
func (u *UI) showPane(p fyne.CanvasObject) {
	for _, o := range []fyne.CanvasObject{u.ticketPane, u.alerts.pane, u.outbox.pane, u.kb.pane, u.settings.pane} {
		if o == p {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// demoAccount is the account name app.OpenDemo gives the demo workspace;
// app keeps its constant unexported, so the UI recognises the demo by it.
const demoAccount = "Demo"

// isDemo reports whether st is the generated demo workspace, which has no
// server and exists to be looked at before an account is set up.
func isDemo(st app.SyncState) bool { return !st.HasServer && st.Account == demoAccount }
