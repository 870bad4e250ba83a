package ui

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// variantTheme is the default theme pinned to one variant. The test app
// reports no variant of its own, so captures choose light or dark here.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// TestCaptureScreens renders the main screens of the demo workspace with the
// software painter and writes them to build/screenshots/ui/ for people to
// look at. It checks only that rendering works (no golden comparison): the
// pictures are for review, and they change with every deliberate UI change,
// which is why they are kept out of the repository.
func TestCaptureScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("renders full windows")
	}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(variant.name, func(t *testing.T) {
			f := newDemoFixture(t, app.Identity{})
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant.v})
			u := f.ui
			shot := func(name string) {
				t.Helper()
				capture(t, u.win, name+"-"+variant.name+".png")
			}

			// The queue with a worked ticket open: replies, notes, unsent.
			pickConversation(f)
			u.compose(helpdesk.Reply)
			u.detail.composer.entry.SetText("Hi, I have reset the print queue. Could you try again and tell me if it still jams?")
			shot("main")
			u.detail.composer.cancel()

			u.changeTier(true)
			test.Tap(u.dialogs.tier.submitB) // empty note: validation message
			shot("escalate")
			u.closeTop()

			u.newTicket()
			u.dialogs.create.description.SetText("The projector in room 4.12 shows no picture over HDMI.")
			test.Tap(u.dialogs.create.createB) // no subject
			shot("newticket")
			u.closeTop()

			u.nav.selectKind(navOutbox)
			shot("outbox")
			withStates(f)
			shot("outbox-states")

			if err := app.AddAccount(u.dataDir, app.NewAccount{
				Name: "Contoso IT",
				Server: app.Server{Kind: "rt", URL: "https://rt.contoso.example", User: "alex", Token: true,
					QueueTiers: map[string]helpdesk.Tier{"Service Desk": helpdesk.L1, "Infrastructure": helpdesk.L2}},
				Me:     app.Identity{Role: helpdesk.RoleTechnician, Tier: helpdesk.L1},
				Secret: "1-23-0123456789abcdef",
			}, u.opts.Secrets); err != nil {
				t.Fatal(err)
			}
			u.openSettings()
			shot("settings")

			u.addAccount()
			fillAccountForm(u.dialogs.account, "http://127.0.0.1:9/", "rt-secret")
			u.dialogs.account.addQueue("Service Desk", "L1")
			u.dialogs.account.addQueue("Infrastructure", "L2")
			u.dialogs.account.showReport(app.ConnectionReport{
				Summary:  "cannot connect to 127.0.0.1:9: nothing accepts connections there (connection refused)",
				Problems: []string{"cannot connect to 127.0.0.1:9: nothing accepts connections there (connection refused)"},
				Warnings: []string{"the queue \"Infrastructure\" does not exist or you cannot see it"},
			})
			shot("addaccount")
			u.dialogs.account.showReport(app.ConnectionReport{
				OK:       true,
				Summary:  "Connected to Request Tracker 5.0.3 as Alice Example (alice).",
				Warnings: []string{"the address uses http://, so the password or token travels unencrypted; use https://"},
			})
			shot("addaccount-ok")
			u.closeTop()

			f.ui.status.update(app.SyncState{Account: "Work", HasServer: true, Syncing: true,
				Progress: tdsync.Progress{Done: 240, Total: 1000}, Unsent: 2}, f.desk.Now())
			shot("status-syncing")
			f.ui.status.update(app.SyncState{Account: "Work", HasServer: true, RetryIn: 40 * time.Second,
				LastError: errors.New("cannot reach rt.example.com: dial tcp: lookup rt.example.com: no such host"),
				LastSync:  f.desk.Now().Add(-25 * time.Minute), Unsent: 2}, f.desk.Now())
			shot("status-offline")
			f.ui.status.refresh()

			u.nav.selectKind(navKB)
			first := u.kb.childUIDs(u.kb.childUIDs("")[0])[0]
			u.kb.tree.Select(first)
			shot("kb")
			if !f.desk.WaitSearch(30 * time.Second) {
				t.Fatal("the search index was not built")
			}
			test.Type(u.kb.search, "printer jams")
			u.kb.results.Select(0)
			shot("kb-search")
		})
	}
	t.Run("requester", func(t *testing.T) {
		f := newDemoFixture(t, app.Identity{Name: demoRequester(t), Role: helpdesk.RoleRequester, Tier: helpdesk.L0})
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
		f.ui.tickets.move(1)
		capture(t, f.ui.win, "requester-light.png")
	})
	t.Run("author", func(t *testing.T) {
		f := newDemoFixture(t, engineer)
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
		pickConversation(f)
		f.ui.articleFromTicket()
		capture(t, f.ui.win, "article-from-ticket-light.png")
		f.ui.closeTop()
		f.ui.nav.selectKind(navKB)
		first := f.ui.kb.childUIDs(f.ui.kb.childUIDs("")[0])[0]
		f.ui.kb.tree.Select(first)
		capture(t, f.ui.win, "kb-author-light.png")
	})
	t.Run("report", func(t *testing.T) {
		f, r := newReportFixture(t)
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
		test.Type(r.subject, "VPN keeps disconecting")
		test.Type(r.body, "Every hour or so the VPN drops and Teams calls cut out.")
		r.category.SetSelected("Network")
		r.files.addFile(app.File{Name: "vpn-client.log", Data: make([]byte, 48<<10)})
		r.files.addFile(app.File{Name: "error-dialog.png", Data: make([]byte, 310<<10)})
		// The system information arrives in the background.
		f.until("system information", func() bool { return !strings.HasPrefix(r.sysinfo.Text, "Collecting") })
		capture(t, f.ui.win, "report-light.png")
	})
}

// pickConversation selects the first queue ticket whose conversation has
// both replies and internal notes, and adds an unsent note to it.
func pickConversation(f *fixture) {
	f.t.Helper()
	for i, tk := range f.ui.tickets.rows {
		conv, err := f.desk.Conversation(tk.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		var notes, replies int
		for _, c := range conv {
			if c.Internal() {
				notes++
			} else {
				replies++
			}
		}
		if notes > 0 && replies > 1 {
			f.ui.tickets.list.Select(i)
			if _, err := f.desk.Note(tk.ID, "Spooler restarted remotely; waiting for the requester to confirm."); err != nil {
				f.t.Fatal(err)
			}
			f.settle()
			return
		}
	}
	f.ui.tickets.move(1)
}

// capture writes the window to build/screenshots/ui/name under the module
// root, checking that something was drawn. An unchanged picture is not
// rewritten.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	img := w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 700 || blank(img) {
		t.Fatalf("%s: capture %v is empty", name, img.Bounds())
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	dir, err := screenshotDir()
	if err != nil {
		t.Logf("not writing %s: %v", name, err)
		return
	}
	path := filepath.Join(dir, name)
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, buf.Bytes()) {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("not writing %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Logf("not writing %s: %v", path, err) // a read-only checkout still tests rendering
	}
}

// screenshotDir is build/screenshots/ui/ under the module root, found by
// walking up from the package directory to go.mod; build/ is ignored by git.
func screenshotDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "build", "screenshots", "ui"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// withStates shows the outbox of f with its first entries marked as failed
// and conflicting, as the sync engine parks them, so the rows can be seen
// in every state (a local desk cannot park entries itself).
func withStates(f *fixture) {
	f.t.Helper()
	rows := f.desk.Tickets(helpdesk.Filter{Tiers: []helpdesk.Tier{helpdesk.L1}, ActiveOnly: true})
	rows = slices.DeleteFunc(slices.Clone(rows), func(t *helpdesk.Ticket) bool { return t.Owner == f.desk.Me().Name })
	steps := []func() (helpdesk.Ticket, error){
		func() (helpdesk.Ticket, error) {
			return f.desk.Reply(rows[1].ID, "I have pushed the new VPN profile to your laptop; please reconnect and tell me if it still drops.")
		},
		func() (helpdesk.Ticket, error) { return f.desk.Take(rows[2].ID) },
		func() (helpdesk.Ticket, error) {
			return f.desk.Escalate(rows[3].ID, helpdesk.L2, "Reproduced on two laptops; the driver update did not help.")
		},
	}
	for _, step := range steps {
		f.clock.advance(3 * time.Minute)
		if _, err := step(); err != nil {
			f.t.Fatal(err)
		}
	}
	f.settle()
	ms, err := f.desk.Outbox()
	if err != nil || len(ms) < 3 {
		f.t.Fatalf("outbox: %d entries, %v", len(ms), err)
	}
	ms[1].State, ms[1].Error = helpdesk.StateFailed, "Permission denied: you may not reply on tickets in the queue Infrastructure"
	ms[2].State, ms[2].Error = helpdesk.StateConflict, "The owner was changed to bob on the server"
	f.ui.outbox.setRows(ms, nil)
}

// fillAccountForm types a plausible account into the form.
func fillAccountForm(a *accountForm, url, secret string) {
	a.name.SetText("Work")
	a.url.SetText(url)
	a.user.SetText("alice")
	a.secret.SetText(secret)
}

// blank reports whether every pixel of img has one colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// demoRequester names a requester with several tickets in the demo.
func demoRequester(t *testing.T) string {
	t.Helper()
	f := newDemoFixture(t, app.Identity{})
	counts := map[string]int{}
	best := ""
	for _, tk := range f.desk.Tickets(helpdesk.Filter{}) {
		counts[tk.Requester]++
		if best == "" || counts[tk.Requester] > counts[best] || (counts[tk.Requester] == counts[best] && tk.Requester < best) {
			best = tk.Requester
		}
	}
	return best
}
