package ui

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// newDemoAlertFixture is newDemoFixture with a plausible inbox: alerts on
// the demo's own tickets, some read, some kept off the desktop.
func newDemoAlertFixture(t *testing.T) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	clock := &testClock{now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)}
	dir := t.TempDir()
	opts := app.Options{Clock: clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	d, err := app.OpenDemo(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	alerts := demoAlerts(t, d, clock.Now())
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	recordAlerts(t, filepath.Join(dir, app.DemoWorkspace, app.StoreDir), alerts)
	if d, err = app.OpenDemo(dir, opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return attach(t, a, d, clock)
}

// demoAlerts words alerts as the desk's watcher does, oldest first.
func demoAlerts(t *testing.T, d *app.Desk, now time.Time) []helpdesk.Alert {
	t.Helper()
	me := d.Me()
	mine := d.Tickets(helpdesk.Filter{Owner: me.Name, ActiveOnly: true})
	var queue []*helpdesk.Ticket // waiting, so no alert is about one of mine too
	for _, tk := range d.Tickets(helpdesk.Filter{Tiers: []helpdesk.Tier{me.Tier}, ActiveOnly: true}) {
		if tk.Unowned() {
			queue = append(queue, tk)
		}
	}
	if len(queue) < 4 || len(mine) < 2 {
		t.Fatalf("demo: %d tickets at %s, %d owned by %s", len(queue), me.Tier, len(mine), me.Name)
	}
	ref := func(tk *helpdesk.Ticket) string { return tk.Ref() + " " + tk.Subject }
	return []helpdesk.Alert{
		{Key: "summary:first-sync", Kind: helpdesk.AlertSummary, Created: now.Add(-50 * time.Hour), Read: true, Notified: true,
			Title: fmt.Sprintf("%d tickets are waiting at %s; %d tickets assigned to you",
				len(d.Tickets(helpdesk.Filter{Tiers: []helpdesk.Tier{me.Tier}, ActiveOnly: true})), me.Tier, len(mine)),
			Body: fmt.Sprintf("Demo is synced: %d tickets on this device.", d.Count())},
		{Key: "tier:a", Kind: helpdesk.AlertTier, TicketID: queue[3].ID, Priority: queue[3].Priority, Created: now.Add(-26 * time.Hour),
			Read: true, Notified: true, Title: "New at " + me.Tier.String() + ": " + ref(queue[3]),
			Body: queue[3].Priority.Title() + " priority · from " + queue[3].Requester},
		{Key: "owner:a", Kind: helpdesk.AlertAssigned, TicketID: mine[1].ID, Priority: mine[1].Priority, Created: now.Add(-11 * time.Hour),
			Title: "Assigned to you: " + ref(mine[1]),
			Body:  mine[1].Tier.String() + " · " + mine[1].Priority.Title() + " priority · from " + mine[1].Requester},
		{Key: "tier:b", Kind: helpdesk.AlertTier, TicketID: queue[1].ID, Priority: queue[1].Priority, Created: now.Add(-95 * time.Minute),
			Notified: true, Title: "De-escalated to " + me.Tier.String() + ": " + ref(queue[1]),
			Body: "From L2 · " + queue[1].Priority.Title() + " priority\nHand-off: Firewall rule restored on the L2 side; please confirm with the requester and close."},
		{Key: "tier:c", Kind: helpdesk.AlertTier, TicketID: queue[0].ID, Priority: queue[0].Priority, Created: now.Add(-40 * time.Minute),
			Notified: true, Title: "New at " + me.Tier.String() + ": " + ref(queue[0]),
			Body: queue[0].Priority.Title() + " priority · from " + queue[0].Requester},
		{Key: "due:a", Kind: helpdesk.AlertDue, TicketID: mine[0].ID, Priority: mine[0].Priority, Created: now.Add(-4 * time.Minute),
			Notified: true, Title: "Due in 25 min: " + ref(mine[0]),
			Body: mine[0].Tier.String() + " · " + mine[0].Priority.Title() + " priority · due " + now.Add(21*time.Minute).Format("Mon 15:04")},
	}
}

// TestCaptureAlerts renders the alert inbox and the alert rules for people
// to look at, like TestCaptureScreens, and writes the light inbox also as
// inbox.png.
func TestCaptureAlerts(t *testing.T) {
	if testing.Short() {
		t.Skip("renders full windows")
	}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(variant.name, func(t *testing.T) {
			f := newDemoAlertFixture(t)
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant.v})
			u := f.ui
			u.setupTray(&fakeTray{}) // so the tray option reads as on a desktop
			u.nav.selectKind(navAlerts)
			capture(t, u.win, "alerts-"+variant.name+".png")
			if variant.v == theme.VariantLight {
				capture(t, u.win, "inbox.png")
			}

			u.openAlertRules()
			r := u.settings.rules
			r.quiet.SetChecked(true)
			r.minPrio.SetSelected("Normal and above")
			r.to.SetText("7:5")
			test.Tap(r.saveB) // a bad time: the inline message
			capture(t, u.win, "alertrules-"+variant.name+".png")
			r.to.SetText("07:00")
			test.Tap(r.saveB)
			test.Tap(r.pauseB)
			capture(t, u.win, "alertrules-saved-"+variant.name+".png")
		})
	}
}
