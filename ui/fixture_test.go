package ui

import (
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// testClock is a desk clock the test moves forward, so that an action makes
// its ticket the most recently updated one, as in real use.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

var technician = app.Identity{Name: "alice", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}

// fixture is a UI on a real Desk in a temporary directory. Desk changes
// reach the UI through the real subscription; the functions the watcher
// would hand to fyne.Do are queued and run on the test goroutine by settle,
// because the test driver would otherwise run them on the watcher's own
// goroutine, racing with the test.
type fixture struct {
	t     *testing.T
	clock *testClock
	desk  *app.Desk
	ui    *UI
	queue chan func()
}

func newFixture(t *testing.T, me app.Identity, seed func(*app.Desk, *testClock)) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	clock := &testClock{now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	open := func(me app.Identity) *app.Desk {
		d, err := app.OpenDesk(dir, app.Options{
			Account: "Test desk",
			Me:      me,
			Clock:   clock.Now,
			Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if seed != nil {
		// Seeding takes agent actions (resolving a ticket) a requester's
		// desk refuses, so an agent seeds the store first.
		agent := open(app.Identity{Name: "seeder", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1})
		seed(agent, clock)
		if err := agent.Close(); err != nil {
			t.Fatal(err)
		}
	}
	d := open(me)
	t.Cleanup(func() { _ = d.Close() })
	return attach(t, a, d, clock)
}

// attach builds the UI on d and starts its subscription.
func attach(t *testing.T, a fyne.App, d *app.Desk, clock *testClock) *fixture {
	t.Helper()
	return attachWith(t, a, d, clock, Options{DataDir: t.TempDir(), Secrets: &app.MemorySecrets{}})
}

// attachWith is attach with the options of NewWithOptions.
func attachWith(t *testing.T, a fyne.App, d *app.Desk, clock *testClock, o Options) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: clock, desk: d, queue: make(chan func(), 16)}
	f.ui = build(a, d, o, func(fn func()) { f.queue <- fn })
	f.ui.startWatching()
	t.Cleanup(f.ui.shutdown)
	f.ui.win.Resize(fyne.NewSize(1200, 760))
	f.ui.win.Show()
	return f
}

// settle waits for the refresh a desk change schedules and runs it, then
// anything else already queued.
func (f *fixture) settle() {
	f.t.Helper()
	select {
	case fn := <-f.queue:
		fn()
	case <-time.After(5 * time.Second):
		f.t.Fatal("no refresh was scheduled after a desk change")
	}
	f.drain()
}

// until runs what the UI's goroutines hand to the Fyne thread until cond
// holds, failing after a deadline; for work the UI does in the background
// (connection tests, saving an account, switching), whose duration the
// test does not control.
func (f *fixture) until(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.After(15 * time.Second)
	for !cond() {
		select {
		case fn := <-f.queue:
			fn()
		case <-deadline:
			f.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// drain runs whatever is queued without waiting.
func (f *fixture) drain() {
	for {
		select {
		case fn := <-f.queue:
			fn()
		default:
			return
		}
	}
}

// quiet asserts that nothing was changed: no refresh gets scheduled.
func (f *fixture) quiet() {
	f.t.Helper()
	select {
	case <-f.queue:
		f.t.Fatal("a refresh was scheduled, so the desk changed")
	case <-time.After(150 * time.Millisecond):
	}
}

// seedTickets creates the tickets most tests use: two in the L1 queue, one
// at L2 and one resolved.
func seedTickets(d *app.Desk, c *testClock) {
	for _, n := range []app.NewTicket{
		{Subject: "Printer on floor 3 jams", Description: "Paper jam every morning.", Requester: "bob", Tier: helpdesk.L1, Priority: helpdesk.PriorityNormal, Queue: "Hardware"},
		{Subject: "VPN drops every hour", Description: "Since the update.", Requester: "carol", Tier: helpdesk.L1, Priority: helpdesk.PriorityUrgent, Queue: "Network"},
		{Subject: "Database replica lag", Description: "Replica is 20 minutes behind.", Requester: "dave", Tier: helpdesk.L2, Priority: helpdesk.PriorityHigh, Queue: "Infra"},
		{Subject: "New starter laptop", Description: "For Erin, Monday.", Requester: "alice", Tier: helpdesk.L1, Priority: helpdesk.PriorityLow},
	} {
		c.advance(time.Minute)
		if _, err := d.CreateTicket(n); err != nil {
			panic(err)
		}
	}
	c.advance(time.Minute)
	t := d.Tickets(helpdesk.Filter{Text: "New starter laptop"})[0]
	if _, err := d.SetStatus(t.ID, helpdesk.StatusResolved); err != nil {
		panic(err)
	}
	c.advance(time.Hour)
}

// ticketBySubject finds a ticket in the desk's memory.
func (f *fixture) ticketBySubject(subject string) *helpdesk.Ticket {
	f.t.Helper()
	ts := f.desk.Tickets(helpdesk.Filter{Text: subject})
	if len(ts) != 1 {
		f.t.Fatalf("%d tickets match %q", len(ts), subject)
	}
	return ts[0]
}

// selectSubject selects a ticket in the current list, as a click would.
func (f *fixture) selectSubject(subject string) *helpdesk.Ticket {
	f.t.Helper()
	for i, t := range f.ui.tickets.rows {
		if t.Subject == subject {
			f.ui.tickets.list.Select(i)
			return t
		}
	}
	f.t.Fatalf("%q is not in the list (%s)", subject, f.ui.tickets.count.Text)
	return nil
}

// texts collects the text of every label, button and badge under o, through
// the renderers the window is really drawing.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.Button:
			out = append(out, w.Text)
			return
		case *badge:
			out = append(out, w.text)
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// contains reports whether any of texts contains s.
func contains(texts []string, s string) bool {
	for _, t := range texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// navTitles lists the navigation entries.
func (f *fixture) navTitles() []string {
	var out []string
	for _, e := range f.ui.nav.entries {
		out = append(out, e.title)
	}
	return out
}

// navCount returns the count shown next to a navigation entry.
func (f *fixture) navCount(title string) int {
	f.t.Helper()
	for _, e := range f.ui.nav.entries {
		if e.title == title {
			return e.count
		}
	}
	f.t.Fatalf("no navigation entry %q in %v", title, f.navTitles())
	return 0
}
