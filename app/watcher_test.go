package app

import (
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// alertRig is a desk of an L2 engineer with a recording notifier and a
// clock the test moves.
type alertRig struct {
	t    *testing.T
	dir  string
	now  time.Time
	sent []string
	d    *Desk
	me   Identity
}

var priya = Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}

func newAlertRig(t *testing.T, me Identity) *alertRig {
	r := &alertRig{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), me: me}
	r.open()
	return r
}

func (r *alertRig) open() {
	r.t.Helper()
	d, err := OpenDesk(r.dir, Options{Account: "ACME", Me: r.me, Clock: func() time.Time { return r.now },
		Notifier: NotifierFunc(func(title, body string) error {
			r.sent = append(r.sent, title+" | "+body)
			return nil
		})})
	if err != nil {
		r.t.Fatal(err)
	}
	r.d = d
	r.t.Cleanup(func() { d.Close() })
}

func (r *alertRig) restart() {
	r.t.Helper()
	if err := r.d.Close(); err != nil {
		r.t.Fatal(err)
	}
	r.open()
}

func tk(remote uint64, tier helpdesk.Tier, version string, mod ...func(*helpdesk.Ticket)) *helpdesk.Ticket {
	t := &helpdesk.Ticket{ID: remote, RemoteID: remote, Subject: "VPN drops hourly", Requester: "dana", Status: helpdesk.StatusOpen,
		Tier: tier, Priority: helpdesk.PriorityHigh, Version: version}
	for _, m := range mod {
		m(t)
	}
	return t
}

func (r *alertRig) inbox() []helpdesk.Alert {
	r.t.Helper()
	a, err := r.d.Alerts()
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

func TestEscalationAlertsOnceAcrossRestarts(t *testing.T) {
	r := newAlertRig(t, priya)
	change := helpdesk.TicketChange{Old: tk(123, helpdesk.L1, "10"), New: tk(123, helpdesk.L2, "14"),
		Added: []helpdesk.Comment{{RemoteID: 13, Kind: helpdesk.Note, Author: "alex", Body: "Escalated L1 → L2. Hand-off: Reproduced on two laptops"}}}
	r.d.observe([]helpdesk.TicketChange{change}, false)
	if len(r.sent) != 1 || r.sent[0] != "Escalated to L2: #123 VPN drops hourly | From L1 · High priority\nHand-off: Reproduced on two laptops" {
		t.Fatalf("sent %q", r.sent)
	}
	// The same change seen again (a re-pulled page), and after a restart.
	r.d.observe([]helpdesk.TicketChange{change}, false)
	r.restart()
	r.d.observe([]helpdesk.TicketChange{change}, false)
	if len(r.sent) != 1 || len(r.inbox()) != 1 || r.d.UnreadAlerts() != 1 {
		t.Fatalf("repeated: sent %d, inbox %d", len(r.sent), len(r.inbox()))
	}
	// Down from L3 into my tier is news too; elsewhere is not.
	r.d.observe([]helpdesk.TicketChange{
		{Old: tk(7, helpdesk.L3, "1"), New: tk(7, helpdesk.L2, "2")},
		{Old: tk(8, helpdesk.L1, "1"), New: tk(8, helpdesk.L3, "2")},
		{Old: tk(9, helpdesk.L2, "1"), New: tk(9, helpdesk.L2, "2", func(t *helpdesk.Ticket) { t.Subject = "renamed" })},
	}, false)
	if len(r.sent) != 2 || !strings.HasPrefix(r.sent[1], "De-escalated to L2: #7") {
		t.Fatalf("sent %q", r.sent)
	}
	if err := r.d.MarkAlertRead(r.inbox()[0]); err != nil || r.d.UnreadAlerts() != 1 {
		t.Fatalf("mark read: %v, unread %d", err, r.d.UnreadAlerts())
	}
}

func TestAssignmentReplyAndOwnChanges(t *testing.T) {
	r := newAlertRig(t, priya)
	r.d.observe([]helpdesk.TicketChange{
		{Old: tk(5, helpdesk.L2, "1"), New: tk(5, helpdesk.L2, "2", func(t *helpdesk.Ticket) { t.Owner = "priya" })},
		// Resolved tickets raise nothing.
		{Old: tk(6, helpdesk.L1, "1"), New: tk(6, helpdesk.L2, "2", func(t *helpdesk.Ticket) { t.Status = helpdesk.StatusResolved })},
	}, false)
	if len(r.sent) != 1 || !strings.HasPrefix(r.sent[0], "Assigned to you: #5") {
		t.Fatalf("sent %q", r.sent)
	}

	dana := Identity{Name: "dana", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}
	req := newAlertRig(t, dana)
	req.d.observe([]helpdesk.TicketChange{{Old: tk(40, helpdesk.L1, "1"), New: tk(40, helpdesk.L1, "3"), Added: []helpdesk.Comment{
		{RemoteID: 2, Kind: helpdesk.Reply, Author: "dana", Body: "my own words"},
		{RemoteID: 3, Kind: helpdesk.Note, Author: "alex", Body: "internal"},
		{RemoteID: 4, Kind: helpdesk.Reply, Author: "alex", Body: "Please restart the VPN client and tell me if it drops again."},
	}}}, false)
	if len(req.sent) != 1 || req.sent[0] != "Reply on your request #40: VPN drops hourly | alex: Please restart the VPN client and tell me if it drops again." {
		t.Fatalf("requester sent %q", req.sent)
	}
}

func TestRulesQuietHoursPauseAndPriority(t *testing.T) {
	r := newAlertRig(t, priya)
	rules := DefaultAlertRules()
	rules.QuietFrom, rules.QuietTo = 22*60, 7*60 // across midnight
	rules.MinPriority = helpdesk.PriorityHigh
	if err := r.d.SetAlertRules(rules); err != nil {
		t.Fatal(err)
	}
	esc := func(id uint64, p helpdesk.Priority) helpdesk.TicketChange {
		return helpdesk.TicketChange{Old: tk(id, helpdesk.L1, "1"), New: tk(id, helpdesk.L2, "2", func(t *helpdesk.Ticket) { t.Priority = p })}
	}
	r.now = time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC)
	r.d.observe([]helpdesk.TicketChange{esc(1, helpdesk.PriorityUrgent)}, false)
	r.now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	r.d.observe([]helpdesk.TicketChange{esc(2, helpdesk.PriorityLow), esc(3, helpdesk.PriorityUrgent)}, false)
	if len(r.sent) != 1 || !strings.Contains(r.sent[0], "#3") {
		t.Fatalf("sent %q", r.sent)
	}
	if in := r.inbox(); len(in) != 3 || in[2].Notified || !in[0].Notified {
		t.Fatalf("inbox keeps silenced alerts: %+v", in)
	}
	if err := r.d.PauseAlerts(time.Hour); err != nil {
		t.Fatal(err)
	}
	r.d.observe([]helpdesk.TicketChange{esc(4, helpdesk.PriorityUrgent)}, false)
	r.now = r.now.Add(61 * time.Minute)
	r.d.observe([]helpdesk.TicketChange{esc(5, helpdesk.PriorityUrgent)}, false)
	if len(r.sent) != 2 || !strings.Contains(r.sent[1], "#5") {
		t.Fatalf("pause: sent %q", r.sent)
	}
	if err := r.d.SetAlertRules(AlertRules{DueLead: -time.Minute}); err == nil {
		t.Fatal("negative lead accepted")
	}
}

func TestFirstSyncRaisesOneSummary(t *testing.T) {
	r := newAlertRig(t, priya)
	var changes []helpdesk.TicketChange
	var snaps []helpdesk.Snapshot
	for i := uint64(1); i <= 14; i++ {
		changes = append(changes, helpdesk.TicketChange{New: tk(i, helpdesk.L2, "1")})
		snaps = append(snaps, helpdesk.Snapshot{Ticket: *tk(i, helpdesk.L2, "1")})
	}
	snaps = append(snaps, helpdesk.Snapshot{Ticket: *tk(99, helpdesk.L1, "1")})
	if _, err := r.d.store.ApplyPull(helpdesk.Pull{Snapshots: snaps}); err != nil {
		t.Fatal(err)
	}
	r.d.observe(changes, true)
	r.d.synced(SyncResult{Initial: true}, nil)
	r.d.synced(SyncResult{Initial: true}, nil) // an interrupted first sync that completes later says it once
	if len(r.sent) != 1 || !strings.HasPrefix(r.sent[0], "14 tickets are waiting at L2 |") {
		t.Fatalf("sent %q", r.sent)
	}
	// What the first sync saw does not alert later.
	r.d.observe(changes, false)
	if len(r.sent) != 1 {
		t.Fatalf("old news alerted: %q", r.sent)
	}
}

func TestDueSoonWorksOffline(t *testing.T) {
	r := newAlertRig(t, priya)
	mk := func(remote uint64, due time.Duration, owner string, tier helpdesk.Tier) helpdesk.Snapshot {
		return helpdesk.Snapshot{Ticket: *tk(remote, tier, "1", func(t *helpdesk.Ticket) { t.Due, t.Owner = r.now.Add(due), owner })}
	}
	if _, err := r.d.store.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{
		mk(1, 20*time.Minute, "priya", helpdesk.L2), // mine, soon
		mk(2, 20*time.Minute, "", helpdesk.L2),      // unowned at my tier, soon
		mk(3, 20*time.Minute, "sam", helpdesk.L2),   // someone else's
		mk(4, 3*time.Hour, "priya", helpdesk.L2),    // later
		mk(5, 20*time.Minute, "", helpdesk.L1),      // other tier
	}}); err != nil {
		t.Fatal(err)
	}
	r.d.checkDue()
	r.d.checkDue()
	if len(r.sent) != 2 || !strings.HasPrefix(strings.Join(r.sent, "\n"), "Due in 20 min: #") {
		t.Fatalf("sent %q", r.sent)
	}
	r.now = r.now.Add(3 * time.Hour)
	r.d.checkDue()
	if len(r.sent) != 3 || !strings.Contains(r.sent[2], "#4") {
		t.Fatalf("later: %q", r.sent)
	}
}

func TestOwnChangesDoNotAlert(t *testing.T) {
	r := newAlertRig(t, priya)
	pull := func(s helpdesk.Snapshot) []helpdesk.TicketChange {
		ch, err := r.d.store.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{s}})
		if err != nil {
			t.Fatal(err)
		}
		return ch
	}
	r.d.observe(pull(helpdesk.Snapshot{Ticket: *tk(77, helpdesk.L2, "1", func(t *helpdesk.Ticket) { t.ID = 0 })}), true)
	local, _ := r.d.ByRemoteID(77)
	// Priya takes the ticket herself; the server then reports her as owner.
	if _, err := r.d.Take(local.ID); err != nil {
		t.Fatal(err)
	}
	changes := pull(helpdesk.Snapshot{Ticket: *tk(77, helpdesk.L2, "2", func(t *helpdesk.Ticket) { t.ID, t.Owner = 0, "priya" })})
	r.d.observe(changes, false)
	if len(r.sent) != 0 {
		t.Fatalf("her own take alerted her: %q", r.sent)
	}
}
