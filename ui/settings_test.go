package ui

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// accountsFixture is a UI on the demo workspace of a temporary data folder,
// with an in-memory keyring and a Reopen that opens workspaces of that
// folder, so accounts can be added, switched to and removed for real. The
// UI owns the desks: it closes the ones it switches away from, and the
// cleanup closes the one open at the end.
type accountsFixture struct {
	*fixture
	dataDir string
	secrets *app.MemorySecrets
}

func newAccountsFixture(t *testing.T) *accountsFixture {
	t.Helper()
	a := test.NewTempApp(t)
	clock := &testClock{now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)}
	dir := t.TempDir()
	secrets := &app.MemorySecrets{}
	opts := app.Options{Clock: clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	open := func(sel app.Selection) (*app.Desk, error) { return app.Open(sel, secrets, opts) }
	d, err := open(app.Selection{DataDir: dir, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	f := attachWith(t, a, d, clock, Options{DataDir: dir, Secrets: secrets, Reopen: open})
	t.Cleanup(func() {
		f.ui.shutdown()
		f.ui.closing.Wait()
		_ = f.ui.Desk().Close()
	})
	return &accountsFixture{fixture: f, dataDir: dir, secrets: secrets}
}

// notRT is an HTTP server that answers everything with a web page, as a
// wrong address would (a wiki, a proxy's login page). Each answer waits
// until release is closed, so a test can look at the window while the
// connection test is under way.
func notRT(t *testing.T) (srv *httptest.Server, release chan struct{}) {
	t.Helper()
	release = make(chan struct{})
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>Intranet home</body></html>")
	}))
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
		srv.Close()
	})
	return srv, release
}

// openForm opens Settings and the add-account form.
func (f *accountsFixture) openForm() *accountForm {
	f.t.Helper()
	f.ui.openSettings()
	if !f.ui.settings.pane.Visible() {
		f.t.Fatal("the settings screen is not shown")
	}
	test.Tap(f.ui.settings.addB)
	form := f.ui.dialogs.account
	if form == nil {
		f.t.Fatal("Add account… opened no form")
	}
	return form
}

// topDialog returns the newest open dialog.
func (f *fixture) topDialog() dialog.Dialog {
	f.t.Helper()
	n := len(f.ui.dialogs.stack)
	if n == 0 {
		f.t.Fatal("no dialog is open")
	}
	return f.ui.dialogs.stack[n-1]
}

func TestSettingsListsWorkspaces(t *testing.T) {
	f := newAccountsFixture(t)
	f.ui.nav.selectKind(navSettings)
	s := f.ui.settings
	if len(s.rows) != 1 || !s.rows[0].demo || !s.rows[0].current {
		t.Fatalf("rows %+v, want only the open demo", s.rows)
	}
	if !strings.Contains(s.summary.Text, "No helpdesk account yet") {
		t.Fatalf("summary %q", s.summary.Text)
	}
	if err := app.AddAccount(f.dataDir, app.NewAccount{
		Name:   "Work",
		Server: app.Server{Kind: "rt", URL: "https://rt.example.com", User: "alice", QueueTiers: map[string]helpdesk.Tier{"Service Desk": helpdesk.L1}},
		Me:     app.Identity{Role: helpdesk.RoleEngineer, Tier: helpdesk.L2},
		Secret: "s3cret",
	}, f.secrets); err != nil {
		t.Fatal(err)
	}
	s.reload()
	if len(s.rows) != 2 {
		t.Fatalf("rows %+v", s.rows)
	}
	item := s.createItem()
	s.updateItem(0, item)
	shown := texts(item)
	for _, want := range []string{"Work", "https://rt.example.com · user alice", "Engineer · L2 · 1 queue mapped to a tier", "Switch to", "Remove…"} {
		if !contains(shown, want) {
			t.Errorf("account row lacks %q: %q", want, shown)
		}
	}
	if it := item.(*accountItem); it.open.Visible() || it.switchB.Disabled() {
		t.Error("the account that is not open is marked open")
	}
	s.updateItem(1, item)
	if it := item.(*accountItem); !it.open.Visible() || !it.switchB.Disabled() || it.remove.Visible() {
		t.Error("the open demo row: want the Open badge, Switch disabled, no Remove")
	}
}

func TestAccountFormShowsMistakesInline(t *testing.T) {
	f := newAccountsFixture(t)
	form := f.openForm()
	form.name.SetText("Work")
	form.url.SetText("rt.example.com/rt") // no scheme
	form.user.SetText("alice")
	form.secret.SetText("s3cret")
	form.addQueue("Service Desk", "L1")

	test.Tap(form.saveB)
	if !form.problem.Visible() || !strings.Contains(form.problem.Text, "Server URL") {
		t.Fatalf("problem %q (visible %v)", form.problem.Text, form.problem.Visible())
	}
	if f.ui.dialogs.account != form || form.url.Text != "rt.example.com/rt" || form.name.Text != "Work" || form.secret.Text != "s3cret" {
		t.Fatal("the form closed or lost text")
	}
	// Test connection checks the same before going anywhere.
	setError(form.problem, "")
	test.Tap(form.testB)
	if !strings.Contains(form.problem.Text, "Server URL") || form.testing {
		t.Fatalf("test with a bad URL: problem %q, testing %v", form.problem.Text, form.testing)
	}

	// A queue line without a tier is the form's own check.
	form.url.SetText("https://rt.example.com")
	form.addQueue("Infrastructure", "")
	test.Tap(form.saveB)
	if !strings.Contains(form.problem.Text, `Choose the tier of the queue "Infrastructure"`) {
		t.Fatalf("problem %q", form.problem.Text)
	}
	form.removeQueue(form.queues[1])

	// No secret.
	form.secret.SetText("")
	test.Tap(form.saveB)
	if !strings.Contains(form.problem.Text, "password or token") {
		t.Fatalf("problem %q", form.problem.Text)
	}
	if accts, _ := app.Accounts(f.dataDir); len(accts) != 0 {
		t.Fatalf("an invalid form saved %d accounts", len(accts))
	}
	f.ui.closeTop()
	if f.ui.dialogs.account != nil {
		t.Fatal("Escape did not close the form")
	}
}

func TestConnectionTestRunsInTheBackground(t *testing.T) {
	f := newAccountsFixture(t)
	srv, release := notRT(t)
	form := f.openForm()
	form.name.SetText("Work")
	form.url.SetText(srv.URL)
	form.user.SetText("alice")
	form.secret.SetText("s3cret")

	tapped := make(chan struct{})
	go func() {
		test.Tap(form.testB)
		close(tapped)
	}()
	select {
	case <-tapped:
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("Test connection blocked the window while the server did not answer")
	}
	// The server has not answered: the form says so and stays usable.
	if !form.testing || !form.testB.Disabled() || !form.progress.Visible() || !form.activity.Visible() {
		t.Fatal("no sign of the test under way")
	}
	if !strings.Contains(form.progress.Text, "Testing the connection") {
		t.Fatalf("progress %q", form.progress.Text)
	}
	form.name.SetText("Work laptop") // typing goes on
	if form.saveB.Disabled() == false {
		t.Fatal("Save is enabled while the connection is tested")
	}

	close(release)
	f.until("the connection report", func() bool { return !form.testing })
	if form.testB.Disabled() || form.progress.Visible() {
		t.Fatal("the form still looks busy")
	}
	var summary *widget.Label
	if len(form.report.Objects) > 0 {
		summary, _ = form.report.Objects[0].(*widget.Label)
	}
	if summary == nil || summary.Importance != widget.DangerImportance ||
		!strings.Contains(summary.Text, "not as Request Tracker") {
		t.Fatalf("report %q", texts(form.report))
	}
	if form.name.Text != "Work laptop" || f.ui.dialogs.account != form {
		t.Fatal("the test lost what was typed meanwhile")
	}
}

func TestConnectionReportColours(t *testing.T) {
	f := newAccountsFixture(t)
	form := f.openForm()
	form.showReport(app.ConnectionReport{
		Summary:  "RT did not accept the password",
		Problems: []string{"RT did not accept the password", "the queue L2 does not exist"},
		Warnings: []string{"the address uses http://"},
	})
	var got []string
	for _, o := range form.report.Objects {
		l := o.(*widget.Label)
		got = append(got, l.Text)
		switch {
		case strings.Contains(l.Text, "password"), strings.Contains(l.Text, "queue L2"):
			if l.Importance != widget.DangerImportance {
				t.Errorf("%q is not red", l.Text)
			}
		case strings.Contains(l.Text, "http://"):
			if l.Importance != widget.WarningImportance {
				t.Errorf("%q is not amber", l.Text)
			}
		}
	}
	want := []string{"RT did not accept the password.", "• The queue L2 does not exist", "• The address uses http://"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("report %q, want %q", got, want)
	}
}

func TestSaveAccountKeepsTheSecretInTheKeyring(t *testing.T) {
	f := newAccountsFixture(t)
	form := f.openForm()
	const secret = "correct-horse-battery-staple"
	form.name.SetText("Work")
	form.url.SetText("https://rt.example.com/")
	form.user.SetText("alice")
	form.secret.SetText(secret)
	form.token.SetChecked(true)
	form.role.SetSelected(roleTitle(helpdesk.RoleEngineer)) // suggests L2
	form.addQueue("Service Desk", "L1")
	form.addQueue("Infrastructure", "L3")
	form.tierField.SetText("Tier")

	test.Tap(form.saveB)
	f.until("the account to be saved", func() bool { return f.ui.dialogs.account == nil })

	accts, err := app.Accounts(f.dataDir)
	if err != nil || len(accts) != 1 {
		t.Fatalf("accounts %+v, %v", accts, err)
	}
	a := accts[0]
	if a.Account != "Work" || a.Server.URL != "https://rt.example.com" || a.Server.User != "alice" || !a.Server.Token ||
		a.Me != (app.Identity{Name: "alice", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}) ||
		a.Server.QueueTiers["Service Desk"] != helpdesk.L1 || a.Server.QueueTiers["Infrastructure"] != helpdesk.L3 ||
		a.Server.TierField != "Tier" {
		t.Fatalf("saved %+v %+v", a.Profile, a.Server)
	}
	profile, err := os.ReadFile(filepath.Join(a.Folder, app.ProfileFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(profile), secret) {
		t.Fatalf("the secret is in the profile:\n%s", profile)
	}
	if got, err := f.secrets.Get("Work", "credential"); err != nil || got != secret {
		t.Fatalf("keyring: %q, %v", got, err)
	}
	// The list shows it, and the window offers to switch.
	if len(f.ui.settings.rows) != 2 || f.ui.settings.rows[0].account != "Work" {
		t.Fatalf("settings rows %+v", f.ui.settings.rows)
	}
	if _, ok := f.topDialog().(*dialog.ConfirmDialog); !ok {
		t.Fatal("no offer to switch to the new account")
	}
}

func TestSaveRefusesADuplicateName(t *testing.T) {
	f := newAccountsFixture(t)
	if err := app.AddAccount(f.dataDir, app.NewAccount{Name: "Work", Server: app.Server{Kind: "rt", URL: "https://a.example", User: "a"},
		Me: app.Identity{Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}, Secret: "x"}, f.secrets); err != nil {
		t.Fatal(err)
	}
	form := f.openForm()
	form.name.SetText("work")
	form.url.SetText("https://b.example")
	form.user.SetText("b")
	form.secret.SetText("y")
	test.Tap(form.saveB)
	f.until("the save to fail", func() bool { return !form.saving })
	if f.ui.dialogs.account != form || !strings.Contains(form.problem.Text, "already an account") || form.secret.Text != "y" {
		t.Fatalf("problem %q; form open %v", form.problem.Text, f.ui.dialogs.account == form)
	}
}

func TestSwitchToANewAccountAndRemoveIt(t *testing.T) {
	f := newAccountsFixture(t)
	srv, release := notRT(t)
	close(release) // answer at once: the new desk's sync engine will call it
	if !f.ui.tickets.banner.pane.Visible() {
		t.Fatal("the demo banner is not shown")
	}
	form := f.openForm()
	form.name.SetText("Work")
	form.url.SetText(srv.URL)
	form.user.SetText("alice")
	form.secret.SetText("s3cret")
	test.Tap(form.saveB)
	f.until("the account to be saved", func() bool { return f.ui.dialogs.account == nil })
	demo := f.ui.Desk()

	f.topDialog().(*dialog.ConfirmDialog).Confirm() // "Switch now"
	f.until("the switch", func() bool { return f.ui.Desk() != demo && !f.ui.switching })
	u := f.ui
	if u.Desk().Account() != "Work" || !u.Desk().HasServer() {
		t.Fatalf("switched to %q", u.Desk().Account())
	}
	if u.status.account.Text != "Work" || u.tickets.banner.pane.Visible() || !u.ticketPane.Visible() {
		t.Fatal("the window was not rebuilt for the new account")
	}
	u.closing.Wait() // the demo desk is closed in the background
	if _, err := demo.Outbox(); err == nil {
		t.Fatal("the demo desk is still open")
	}

	// Remove the open account: the window goes back to the demo first.
	u.openSettings()
	var work accountRow
	for _, r := range u.settings.rows {
		if r.account == "Work" {
			work = r
		}
	}
	if !work.current {
		t.Fatalf("rows %+v: Work is not the open one", u.settings.rows)
	}
	u.settings.confirmRemove(work)
	if !contains(texts(u.win.Canvas().Overlays().Top()), "switches to the demo workspace") {
		t.Fatal("the confirmation does not say the demo is opened first")
	}
	f.topDialog().(*dialog.ConfirmDialog).Confirm()
	work0 := u.Desk()
	f.until("the switch back to the demo", func() bool { return u.Desk() != work0 && !u.switching })
	if u.Desk().Account() != "Demo" || !u.settings.pane.Visible() {
		t.Fatalf("after removing: %q open, settings shown %v", u.Desk().Account(), u.settings.pane.Visible())
	}
	f.until("the removal", func() bool {
		accts, _ := app.Accounts(f.dataDir)
		return len(accts) == 0 && !u.settings.working.Visible()
	})
	if _, err := f.secrets.Get("Work", "credential"); err == nil {
		t.Fatal("the secret is still in the keyring")
	}
	if len(u.settings.rows) != 1 || !u.settings.rows[0].demo {
		t.Fatalf("rows after removal %+v", u.settings.rows)
	}
}

func TestRemoveAnotherAccount(t *testing.T) {
	f := newAccountsFixture(t)
	if err := app.AddAccount(f.dataDir, app.NewAccount{Name: "Old", Server: app.Server{Kind: "rt", URL: "https://a.example", User: "a"},
		Me: app.Identity{Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}, Secret: "x"}, f.secrets); err != nil {
		t.Fatal(err)
	}
	f.ui.openSettings()
	s := f.ui.settings
	s.confirmRemove(s.rows[0])
	if !contains(texts(f.ui.win.Canvas().Overlays().Top()), "have not reached the server yet will be lost") {
		t.Fatal("the confirmation does not warn about unsent changes")
	}
	f.topDialog().(*dialog.ConfirmDialog).Confirm()
	f.until("the removal", func() bool { return len(s.rows) == 1 && !s.working.Visible() })
	if accts, _ := app.Accounts(f.dataDir); len(accts) != 0 {
		t.Fatalf("accounts left: %+v", accts)
	}
	if f.ui.Desk().Account() != "Demo" {
		t.Fatal("removing another account switched workspace")
	}
}

func TestSwitchAsksAboutUnfinishedText(t *testing.T) {
	f := newAccountsFixture(t)
	f.ui.tickets.move(1)
	f.ui.compose(helpdesk.Reply)
	f.ui.detail.composer.entry.SetText("Half a reply")
	before := f.ui.Desk()
	f.ui.switchDesk(app.Selection{DataDir: f.dataDir, Demo: true}, "Demo workspace", nil)
	if f.ui.switching {
		t.Fatal("switched without asking about the unfinished reply")
	}
	f.topDialog().Hide() // "Stay here"
	if f.ui.Desk() != before || f.ui.detail.composer.entry.Text != "Half a reply" {
		t.Fatal("staying lost the reply")
	}
}

func TestDemoBannerOpensSettings(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	b := f.ui.tickets.banner
	if !b.pane.Visible() || !strings.Contains(b.text.Text, "demo workspace") {
		t.Fatal("no demo banner")
	}
	test.Tap(b.open)
	if !f.ui.settings.pane.Visible() || f.ui.ticketPane.Visible() {
		t.Fatal("Open Settings did not open the settings screen")
	}
	test.Tap(b.dismiss)
	if b.pane.Visible() {
		t.Fatal("Not now did not hide the banner")
	}

	plain := newFixture(t, technician, seedTickets)
	if plain.ui.tickets.banner.pane.Visible() {
		t.Fatal("a workspace that is not the demo shows the demo banner")
	}
}
