package ui

import (
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/assets"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

// recordAlerts files alerts in the store in dir the way the desk's watcher
// does when a sync brings news. The desk raises alerts only from a sync
// with a server (or its due timer, which runs only with one), and exports
// no way to file one, so the test writes the ledger itself before the desk
// opens the store.
func recordAlerts(t *testing.T, dir string, alerts []helpdesk.Alert) {
	t.Helper()
	st, err := localdb.Open(dir, localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range alerts {
		if _, fresh, err := st.RecordAlert(a); err != nil || !fresh {
			t.Fatalf("record alert %q: fresh %v, %v", a.Key, fresh, err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// newAlertFixture is newFixture with alerts in the inbox: seedTickets, then
// the alerts mk returns for those tickets (oldest first, as raised).
func newAlertFixture(t *testing.T, me app.Identity, mk func(d *app.Desk, c *testClock) []helpdesk.Alert) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	clock := &testClock{now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	open := func(me app.Identity) *app.Desk {
		d, err := app.OpenDesk(dir, app.Options{Account: "Test desk", Me: me, Clock: clock.Now,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	seeder := open(app.Identity{Name: "seeder", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1})
	seedTickets(seeder, clock)
	alerts := mk(seeder, clock)
	if err := seeder.Close(); err != nil {
		t.Fatal(err)
	}
	recordAlerts(t, dir, alerts)
	d := open(me)
	t.Cleanup(func() { _ = d.Close() })
	return attach(t, a, d, clock)
}

// missingTicket is a ticket id no store holds: an alert about a ticket
// that has since left the device.
const missingTicket = 9999

// fourAlerts raises, oldest first: the first-sync summary (read), then
// three unread ones: a ticket reaching L1 (notified), an assignment during
// quiet hours (not notified) and a due-time alert for a ticket no longer
// cached.
func fourAlerts(d *app.Desk, c *testClock) []helpdesk.Alert {
	now := c.Now()
	vpn := d.Tickets(helpdesk.Filter{Text: "VPN drops every hour"})[0]
	printer := d.Tickets(helpdesk.Filter{Text: "Printer on floor 3 jams"})[0]
	return []helpdesk.Alert{
		{Key: "summary:first-sync", Kind: helpdesk.AlertSummary, Title: "2 tickets are waiting at L1",
			Body: "Test desk is synced: 4 tickets on this device.", Created: now.Add(-26 * time.Hour), Read: true, Notified: true},
		{Key: "tier:vpn", Kind: helpdesk.AlertTier, TicketID: vpn.ID, Priority: vpn.Priority,
			Title: "De-escalated to L1: " + vpn.Ref() + " " + vpn.Subject,
			Body:  "From L2 · Urgent priority\nHand-off: Firewall rule restored; please confirm with the requester", Created: now.Add(-3 * time.Hour), Notified: true},
		{Key: "owner:printer", Kind: helpdesk.AlertAssigned, TicketID: printer.ID, Priority: printer.Priority,
			Title: "Assigned to you: " + printer.Ref() + " " + printer.Subject,
			Body:  "L1 · Normal priority · from bob", Created: now.Add(-90 * time.Minute)},
		{Key: "due:gone", Kind: helpdesk.AlertDue, TicketID: missingTicket, Priority: helpdesk.PriorityHigh,
			Title: "Due in 25 min: #812 Badge reader at the side door", Body: "L1 · High priority · due Tue 10:30",
			Created: now.Add(-5 * time.Minute), Notified: true},
	}
}

// alertRowAt renders row i of the inbox into a fresh row template.
func alertRowAt(f *fixture, i int) *alertRow {
	f.t.Helper()
	v := f.ui.alerts
	r := v.createItem().(*alertRow)
	v.updateItem(i, r)
	test.WidgetRenderer(r) // build the row's renderer, as the list would
	return r
}

func TestAlertInboxListsNewestFirst(t *testing.T) {
	f := newAlertFixture(t, technician, fourAlerts)
	if n := f.navCount("Alerts"); n != 3 {
		t.Fatalf("navigation shows %d unread alerts, want 3", n)
	}
	f.ui.nav.selectKind(navAlerts)
	v := f.ui.alerts
	if !v.pane.Visible() || f.ui.ticketPane.Visible() {
		t.Fatal("the inbox is not the pane shown")
	}
	var kinds []helpdesk.AlertKind
	for _, a := range v.rows {
		kinds = append(kinds, a.Kind)
	}
	if fmt.Sprint(kinds) != "[due assigned tier summary]" {
		t.Fatalf("inbox order %v, want newest first", kinds)
	}
	if v.summary.Text != "3 unread of 4 alerts" || v.markAll.Disabled() || !v.note.Visible() {
		t.Fatalf("summary %q, mark all disabled %v, silenced note shown %v", v.summary.Text, v.markAll.Disabled(), v.note.Visible())
	}

	// The unread assignment, silenced by the rules.
	r := alertRowAt(f, 1)
	shown := texts(r)
	for _, want := range []string{"Assigned to you: new-1 Printer on floor 3 jams", "L1 · Normal priority · from bob", "1h ago", "Silenced"} {
		if !contains(shown, want) {
			t.Errorf("assignment row lacks %q: %q", want, shown)
		}
	}
	if !r.title.TextStyle.Bold || !r.dot.on || r.icon.Resource.Name() != alertIcon(helpdesk.AlertAssigned).Name() {
		t.Errorf("unread row: bold %v, dot %v, icon %s", r.title.TextStyle.Bold, r.dot.on, r.icon.Resource.Name())
	}
	// The read summary, reusing the same row template as the list does.
	v.updateItem(3, r)
	shown = texts(r)
	if r.title.TextStyle.Bold || r.dot.on || contains(shown, "Silenced") || !contains(shown, "26h ago") {
		t.Errorf("read, notified row: bold %v, dot %v, texts %q", r.title.TextStyle.Bold, r.dot.on, shown)
	}
	// The hand-off note is on the same line as the rest of the body.
	v.updateItem(2, r)
	if got := r.body.Text; got != "From L2 · Urgent priority Hand-off: Firewall rule restored; please confirm with the requester" {
		t.Errorf("body excerpt %q", got)
	}
	// Read or unread, silenced or not: one height, as the list assumes.
	h := alertRowAt(f, 0).MinSize().Height
	for i := range v.rows {
		if got := alertRowAt(f, i).MinSize().Height; got != h {
			t.Errorf("row %d is %v high, row 0 %v", i, got, h)
		}
	}
}

func TestClickingAnAlertOpensItsTicketAndMarksItRead(t *testing.T) {
	f := newAlertFixture(t, technician, fourAlerts)
	u := f.ui
	// Narrow the ticket list so the ticket is hidden by the filters: the
	// alert must still show it.
	u.nav.selectKind(navAlerts)
	u.tickets.search.SetText("nothing matches this")
	printer := f.ticketBySubject("Printer on floor 3 jams")

	u.alerts.list.Select(1) // the assignment
	if cur, _ := u.nav.currentEntry(); cur.kind != navTickets || cur.view != app.ViewAll || !u.ticketPane.Visible() {
		t.Fatalf("opened %q, want All tickets", cur.title)
	}
	if u.detail.id != printer.ID || u.tickets.selected != printer.ID || u.tickets.search.Text != "" {
		t.Fatalf("detail shows %d, list selects %d (search %q), want %d", u.detail.id, u.tickets.selected, u.tickets.search.Text, printer.ID)
	}
	if n := f.navCount("Alerts"); n != 2 {
		t.Fatalf("unread count %d after opening one of 3", n)
	}
	stored, err := f.desk.Alerts()
	if err != nil || !stored[1].Read || stored[2].Read {
		t.Fatalf("stored read flags %+v, %v", stored, err)
	}
	f.settle() // the desk's Alerts change arrives and reloads the inbox
	if n := f.navCount("Alerts"); n != 2 || !u.alerts.rows[1].Read {
		t.Fatalf("after the desk's change: unread %d", n)
	}

	// The due alert's ticket has left the device: say so, mark it read.
	u.nav.selectKind(navAlerts)
	u.alerts.list.Select(0)
	if !contains(texts(u.win.Canvas().Overlays().Top()), "no longer cached on this device") {
		t.Fatal("no message about the missing ticket")
	}
	if !u.alerts.pane.Visible() {
		t.Fatal("the inbox was left for a ticket that is not there")
	}
	u.closeTop()
	f.settle()
	if n := f.navCount("Alerts"); n != 1 {
		t.Fatalf("unread %d, want 1", n)
	}

	// The summary has no ticket: it opens the user's queue.
	u.nav.selectKind(navAlerts)
	u.alerts.list.Select(3)
	if cur, _ := u.nav.currentEntry(); cur.view != app.ViewMyTier || cur.kind != navTickets {
		t.Fatalf("summary opened %q", cur.title)
	}
}

func TestMarkAllReadAndChangesFromTheDesk(t *testing.T) {
	f := newAlertFixture(t, technician, fourAlerts)
	u := f.ui
	u.nav.selectKind(navAlerts)

	// A change made through the desk (another part of the app) reaches the
	// inbox through the subscription, in one refresh.
	stored, err := f.desk.Alerts()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.desk.MarkAlertRead(stored[0]); err != nil {
		t.Fatal(err)
	}
	f.settle()
	if n := f.navCount("Alerts"); n != 2 || u.alerts.summary.Text != "2 unread of 4 alerts" {
		t.Fatalf("after the desk marked one read: nav %d, summary %q", n, u.alerts.summary.Text)
	}

	test.Tap(u.alerts.markAll)
	if !u.alerts.markAll.Disabled() {
		t.Fatal("Mark all read stays enabled while it runs")
	}
	f.until("every alert read", func() bool { return !u.alerts.marking })
	if n := f.navCount("Alerts"); n != 0 || u.desk.UnreadAlerts() != 0 {
		t.Fatalf("unread: nav %d, desk %d", n, u.desk.UnreadAlerts())
	}
	if u.alerts.summary.Text != "4 alerts, all read" || !u.alerts.markAll.Disabled() {
		t.Fatalf("summary %q, mark all disabled %v", u.alerts.summary.Text, u.alerts.markAll.Disabled())
	}
}

func TestEmptyInboxExplainsItself(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	f.ui.nav.selectKind(navAlerts)
	v := f.ui.alerts
	if !v.empty.Visible() || v.note.Visible() || !v.markAll.Disabled() || f.navCount("Alerts") != 0 {
		t.Fatalf("empty inbox: message shown %v, note %v, mark all disabled %v", v.empty.Visible(), v.note.Visible(), v.markAll.Disabled())
	}
	if want := "no server"; !contains([]string{v.empty.Text}, want) {
		t.Fatalf("empty text %q lacks %q", v.empty.Text, want)
	}
}

func TestRequesterOpensAlertInTheirRequests(t *testing.T) {
	bob := app.Identity{Name: "bob", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}
	f := newAlertFixture(t, bob, func(d *app.Desk, c *testClock) []helpdesk.Alert {
		printer := d.Tickets(helpdesk.Filter{Text: "Printer on floor 3 jams"})[0]
		return []helpdesk.Alert{{Key: "reply:1", Kind: helpdesk.AlertReply, TicketID: printer.ID,
			Title: "Reply on your request " + printer.Ref() + ": " + printer.Subject, Body: "alice: Could you try again?",
			Created: c.Now()}}
	})
	if n := f.navCount("Alerts"); n != 1 {
		t.Fatalf("unread %d", n)
	}
	f.ui.nav.selectKind(navAlerts)
	f.ui.alerts.list.Select(0)
	if cur, _ := f.ui.nav.currentEntry(); cur.view != app.ViewMyRequests || f.ui.detail.id == 0 {
		t.Fatalf("opened %q, detail %d", cur.title, f.ui.detail.id)
	}
}

// rulesOf reads the desk's saved rules.
func rulesOf(t *testing.T, d *app.Desk) app.AlertRules {
	t.Helper()
	r, err := d.AlertRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAlertRulesFormSavesAndValidates(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	u := f.ui
	u.nav.selectKind(navAlerts)
	test.Tap(widgetButton(t, u.alerts.pane, "Alert rules…"))
	if !u.settings.pane.Visible() || u.settings.tabs.Selected() != u.settings.alerts {
		t.Fatal("Alert rules… did not open the Alerts tab of Settings")
	}
	r := u.settings.rules
	if !r.tier.Checked || !r.assigned.Checked || !r.reply.Checked || !r.due.Checked ||
		r.lead.Selected != "30 minutes" || r.minPrio.Selected != "Any priority" || r.quiet.Checked || !r.from.Disabled() {
		t.Fatalf("defaults not shown: lead %q, priority %q, quiet %v", r.lead.Selected, r.minPrio.Selected, r.quiet.Checked)
	}
	if r.tier.Text != "A ticket reaches my tier (L1)" {
		t.Errorf("tier rule %q", r.tier.Text)
	}

	r.reply.SetChecked(false)
	r.lead.SetSelected("1 hour")
	r.minPrio.SetSelected("High and above")
	r.quiet.SetChecked(true)
	if r.from.Disabled() || r.from.Text != "22:00" || r.to.Text != "07:00" {
		t.Fatalf("quiet hours on: from %q (disabled %v) to %q", r.from.Text, r.from.Disabled(), r.to.Text)
	}
	r.from.SetText("25:00")
	if r.from.Validate() == nil {
		t.Error("the entry accepts 25:00")
	}
	test.Tap(r.saveB)
	if !r.errL.Visible() || r.errL.Text != `Quiet hours start: "25:00" is not a time of day; write it as HH:MM, such as 22:00.` {
		t.Fatalf("error %q (shown %v)", r.errL.Text, r.errL.Visible())
	}
	if got := rulesOf(t, f.desk); got != app.DefaultAlertRules() {
		t.Fatalf("invalid rules were saved: %+v", got)
	}
	r.from.SetText("7:00")
	test.Tap(r.saveB)
	if !contains([]string{r.errL.Text}, "start and end at the same time") {
		t.Fatalf("error %q", r.errL.Text)
	}
	r.from.SetText("21:30")
	r.to.SetText("06:45")
	test.Tap(r.saveB)
	if r.errL.Visible() || !r.saved.Visible() {
		t.Fatalf("after a valid save: error %q shown %v, saved shown %v", r.errL.Text, r.errL.Visible(), r.saved.Visible())
	}
	want := app.AlertRules{Tier: true, Assigned: true, Reply: false, Due: true, DueLead: time.Hour,
		MinPriority: helpdesk.PriorityHigh, QuietFrom: 21*60 + 30, QuietTo: 6*60 + 45}
	if got := rulesOf(t, f.desk); got != want {
		t.Fatalf("saved %+v, want %+v", got, want)
	}
	// An edit hides "Saved."; opening Settings again keeps unsaved edits.
	r.due.SetChecked(false)
	if r.saved.Visible() {
		t.Fatal("Saved. still shown after an edit")
	}
	u.nav.selectKind(navAlerts)
	u.openSettings()
	if r.due.Checked {
		t.Fatal("reopening Settings dropped the unsaved edit")
	}
	// Quiet hours off saves none.
	r.quiet.SetChecked(false)
	test.Tap(r.saveB)
	if got := rulesOf(t, f.desk); got.QuietFrom != got.QuietTo || got.Due {
		t.Fatalf("saved %+v", got)
	}
}

func TestRequesterRulesHideAgentAlerts(t *testing.T) {
	bob := app.Identity{Name: "bob", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}
	f := newFixture(t, bob, seedTickets)
	f.ui.openAlertRules()
	r := f.ui.settings.rules
	if reachable(r.box, r.tier) || reachable(r.box, r.assigned) || !reachable(r.box, r.reply) || !reachable(r.box, r.due) {
		t.Fatal("a requester is offered tier or assignment alerts, or not replies and due times")
	}
}

func TestPauseAndResumeAlerts(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	u := f.ui
	tray := &fakeTray{}
	u.setupTray(tray)
	u.openAlertRules()
	r := u.settings.rules
	if r.pauseL.Text != "Desktop alerts are on." || r.pauseB.Text != "Pause alerts for 1 hour" {
		t.Fatalf("pause row %q / %q", r.pauseL.Text, r.pauseB.Text)
	}
	test.Tap(r.pauseB)
	until := f.desk.Now().Add(time.Hour)
	if got := rulesOf(t, f.desk).PausedUntil; !got.Equal(until) {
		t.Fatalf("paused until %v, want %v", got, until)
	}
	at := clockTime(f.desk.Now(), until)
	if r.pauseL.Text != "Desktop alerts are paused until "+at+"." || r.pauseB.Text != "Resume alerts" {
		t.Fatalf("pause row %q / %q", r.pauseL.Text, r.pauseB.Text)
	}
	if got := tray.item(t, 4).Label; got != "Resume alerts (paused until "+at+")" {
		t.Fatalf("tray pause item %q", got)
	}
	// Saving the rules keeps the pause.
	r.reply.SetChecked(false)
	test.Tap(r.saveB)
	if got := rulesOf(t, f.desk); !got.PausedUntil.Equal(until) || got.Reply {
		t.Fatalf("after save: %+v", got)
	}
	test.Tap(r.pauseB)
	if got := rulesOf(t, f.desk).PausedUntil; !got.IsZero() || r.pauseB.Text != "Pause alerts for 1 hour" {
		t.Fatalf("resumed: paused until %v, button %q", got, r.pauseB.Text)
	}
	if got := tray.item(t, 4).Label; got != "Pause alerts for 1 hour" {
		t.Fatalf("tray pause item %q", got)
	}

	// A pause that runs out ends on screen at the next clock tick.
	test.Tap(r.pauseB)
	f.clock.advance(61 * time.Minute)
	u.retime()
	if r.pauseL.Text != "Desktop alerts are on." || tray.item(t, 4).Label != "Pause alerts for 1 hour" {
		t.Fatalf("after the pause ran out: %q, tray %q", r.pauseL.Text, tray.item(t, 4).Label)
	}
}

// fakeTray records what the UI puts in the system tray.
type fakeTray struct {
	menu *fyne.Menu
	icon fyne.Resource
	sets int
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)    { f.menu, f.sets = m, f.sets+1 }
func (f *fakeTray) SetSystemTrayIcon(r fyne.Resource) { f.icon = r }

// item returns the tray menu's item i.
func (f *fakeTray) item(t *testing.T, i int) *fyne.MenuItem {
	t.Helper()
	if f.menu == nil || i >= len(f.menu.Items) {
		t.Fatalf("no tray menu item %d", i)
	}
	return f.menu.Items[i]
}

// recWindow records what the UI does to its window that the test driver
// does not show: the close intercept, hiding and showing.
type recWindow struct {
	fyne.Window
	intercept     func()
	hidden, shown int
}

func (w *recWindow) SetCloseIntercept(f func()) { w.intercept = f; w.Window.SetCloseIntercept(f) }
func (w *recWindow) Hide()                      { w.hidden++; w.Window.Hide() }
func (w *recWindow) Show()                      { w.shown++; w.Window.Show() }

// quitApp records Quit, which the test app ignores.
type quitApp struct {
	fyne.App
	quits int
}

func (a *quitApp) Quit() { a.quits++ }

func TestTrayMenu(t *testing.T) {
	f := newAlertFixture(t, technician, fourAlerts)
	u := f.ui
	if u.tray != nil {
		t.Fatal("the test driver has no tray, yet the UI set one up")
	}
	win := &recWindow{Window: u.win}
	u.win = win
	qa := &quitApp{App: u.fa}
	u.fa = qa
	tray := &fakeTray{}
	u.setupTray(tray)
	if tray.icon != assets.Icon {
		t.Fatalf("tray icon %v", tray.icon)
	}
	var labels []string
	for _, it := range tray.menu.Items {
		l := it.Label
		if it.IsSeparator {
			l = "---"
		}
		if it.Disabled {
			l += " (disabled)"
		}
		labels = append(labels, l)
	}
	want := "[Open Tierdesk Alerts (3 unread) --- Sync now (disabled) Pause alerts for 1 hour --- Quit]"
	if fmt.Sprint(labels) != want {
		t.Fatalf("tray menu %v, want %s", labels, want)
	}
	if !tray.item(t, 6).IsQuit {
		t.Fatal("Quit is not marked IsQuit, so Fyne adds a second one")
	}

	tray.item(t, 0).Action()
	if win.shown != 1 {
		t.Fatal("Open did not show the window")
	}
	tray.item(t, 1).Action()
	if cur, _ := u.nav.currentEntry(); cur.kind != navAlerts || win.shown != 2 {
		t.Fatalf("the tray's Alerts opened %q", cur.title)
	}
	tray.item(t, 3).Action() // Sync now on a desk without a server: nothing, no panic

	// Reading an alert changes the count; one new menu, not one per change.
	sets := tray.sets
	u.alerts.list.Select(1)
	f.settle()
	if got := tray.item(t, 1).Label; got != "Alerts (2 unread)" || tray.sets != sets+1 {
		t.Fatalf("tray alerts item %q after %d sets", got, tray.sets-sets)
	}
	u.refreshTray()
	if tray.sets != sets+1 {
		t.Fatal("an unchanged menu was set again")
	}

	tray.item(t, 4).Action()
	if !rulesOf(t, f.desk).PausedUntil.After(f.desk.Now()) {
		t.Fatal("the tray's Pause did not pause")
	}
	tray.item(t, 4).Action()
	if !rulesOf(t, f.desk).PausedUntil.IsZero() {
		t.Fatal("the tray's Resume did not resume")
	}

	tray.item(t, 6).Action()
	if qa.quits != 1 {
		t.Fatal("Quit did not quit")
	}
}

func TestKeepRunningInTray(t *testing.T) {
	f := newFixture(t, technician, seedTickets)
	u := f.ui
	win := &recWindow{Window: u.win}
	u.win = win
	u.openAlertRules()
	r := u.settings.rules
	if !r.keep.Disabled() || !contains([]string{r.keepNote.Text}, "no system tray") {
		t.Fatalf("without a tray the option is enabled (%q)", r.keepNote.Text)
	}
	// Even if set (by an earlier run with a tray), no tray means closing quits.
	u.fa.Preferences().SetBool(prefKeepInTray, true)
	u.applyCloseBehaviour()
	if win.intercept != nil {
		t.Fatal("closing would hide a window no tray can bring back")
	}
	u.fa.Preferences().SetBool(prefKeepInTray, false)

	u.setupTray(&fakeTray{})
	if r.keep.Disabled() || r.keep.Checked || win.intercept != nil {
		t.Fatalf("with a tray: disabled %v, checked %v, intercept set %v", r.keep.Disabled(), r.keep.Checked, win.intercept != nil)
	}
	test.Tap(r.keep)
	if !u.fa.Preferences().Bool(prefKeepInTray) || win.intercept == nil {
		t.Fatal("the option was not stored or not applied")
	}
	win.intercept() // the close button
	if win.hidden != 1 {
		t.Fatal("closing did not hide the window")
	}
	if u.watch == nil {
		t.Fatal("no watcher")
	}
	select {
	case <-u.watch.done:
		t.Fatal("hiding to the tray stopped following the desk")
	default:
	}
	test.Tap(r.keep)
	if u.fa.Preferences().Bool(prefKeepInTray) || win.intercept != nil {
		t.Fatal("switching the option off left the window hiding on close")
	}

	// The preference is read when the tray is set up (the next start).
	u.fa.Preferences().SetBool(prefKeepInTray, true)
	u.setupTray(&fakeTray{})
	if win.intercept == nil || !r.keep.Checked {
		t.Fatal("a stored preference was not applied at start")
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"0:00": 0, "07:05": 425, "7:05": 425, " 23:59 ": 1439} {
		if got, err := parseClock(in); err != nil || got != want {
			t.Errorf("parseClock(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "7", "24:00", "12:60", "12:5", "-1:00", "123:00", "7h30", "a:bc"} {
		if _, err := parseClock(in); err == nil {
			t.Errorf("parseClock(%q) accepted", in)
		}
	}
}

// reachable reports whether target is drawn under o.
func reachable(o, target fyne.CanvasObject) bool {
	if o == target {
		return true
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			if reachable(c, target) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if reachable(c, target) {
				return true
			}
		}
	}
	return false
}

// widgetButton finds the visible button labelled text under o.
func widgetButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || found != nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func TestAlertStoreFailuresAreReported(t *testing.T) {
	f := newAlertFixture(t, technician, fourAlerts)
	u := f.ui
	u.openAlertRules()
	r := u.settings.rules
	// The store goes away under the window (as a failing disk would).
	if err := f.desk.Close(); err != nil {
		t.Fatal(err)
	}
	r.reply.SetChecked(false)
	test.Tap(r.saveB)
	if !contains(texts(u.win.Canvas().Overlays().Top()), "Could not save the alert rules") || r.saved.Visible() || r.errL.Visible() {
		t.Fatalf("save failure: dialog %q, saved shown %v", texts(u.win.Canvas().Overlays().Top()), r.saved.Visible())
	}
	if !r.dirty || r.reply.Checked {
		t.Fatal("the unsaved edit was dropped")
	}
	u.closeTop()
	test.Tap(r.pauseB)
	if !contains(texts(u.win.Canvas().Overlays().Top()), "Could not pause the alerts") || r.pauseB.Text != "Pause alerts for 1 hour" {
		t.Fatalf("pause failure: dialog %q, button %q", texts(u.win.Canvas().Overlays().Top()), r.pauseB.Text)
	}
	u.closeTop()
	u.nav.selectKind(navAlerts)
	test.Tap(u.alerts.markAll)
	f.until("mark all read to fail", func() bool { return !u.alerts.marking })
	if !contains(texts(u.win.Canvas().Overlays().Top()), "Could not mark every alert read") {
		t.Fatalf("mark-all failure: dialog %q", texts(u.win.Canvas().Overlays().Top()))
	}
	// The inbox keeps showing what it had rather than going blank.
	if len(u.alerts.rows) != 4 || u.alerts.unread != 3 {
		t.Fatalf("after a failed read: %d rows, %d unread", len(u.alerts.rows), u.alerts.unread)
	}
}
