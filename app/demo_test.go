package app

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

var demoNow = time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)

func demoClock() time.Time { return demoNow }

func openDemo(t *testing.T, dir string, o Options) *Desk {
	t.Helper()
	if o.Clock == nil {
		o.Clock = demoClock
	}
	d, err := OpenDemo(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// counts summarises a desk's content to compare two opens.
type counts struct{ tickets, comments, articles int }

func demoCounts(t *testing.T, d *Desk) counts {
	t.Helper()
	comments := 0
	for _, tk := range d.Tickets(helpdesk.Filter{}) {
		cs, err := d.Conversation(tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		comments += len(cs)
	}
	arts, err := d.Articles()
	if err != nil {
		t.Fatal(err)
	}
	return counts{d.Count(), comments, len(arts)}
}

func TestOpenDemoSeedsOnce(t *testing.T) {
	dir := t.TempDir()
	d := openDemo(t, dir, Options{})
	if d.Me() != DemoIdentity() || d.Account() != "Demo" {
		t.Errorf("demo desk is %+v at %q", d.Me(), d.Account())
	}
	if d.Count() != demoTickets {
		t.Fatalf("seeded %d tickets, want %d", d.Count(), demoTickets)
	}
	if n := len(d.Tickets(ViewAssigned.Filter(d.Me()))); n == 0 {
		t.Error("\"Assigned to me\" is empty for the demo user")
	}
	if n := len(d.Tickets(ViewMyRequests.Filter(d.Me()))); n == 0 {
		t.Error("\"My requests\" is empty for the demo user")
	}
	if st := d.State(); st.Unsent != 0 {
		t.Errorf("seeding queued %d actions for the server", st.Unsent)
	}
	before := demoCounts(t, d)
	if _, err := d.Reply(1, "Following up on this."); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopen later: nothing is generated again and the user's work stays.
	later := Options{Clock: func() time.Time { return demoNow.Add(72 * time.Hour) }}
	d = openDemo(t, dir, later)
	defer d.Close()
	want := before
	want.comments++ // the reply
	if after := demoCounts(t, d); after != want {
		t.Errorf("after reopening: %+v, want %+v", after, want)
	}
	if st := d.State(); st.Unsent != 1 {
		t.Errorf("the reply made before reopening is not in the outbox (%d unsent)", st.Unsent)
	}
	if ws, _ := Workspaces(dir); strings.Join(ws, ",") != DemoWorkspace {
		t.Errorf("workspaces after OpenDemo: %v", ws)
	}
}

func TestOpenDemoActsAsSomeoneElse(t *testing.T) {
	dir := t.TempDir()
	eng := Identity{Name: "grace", Role: helpdesk.RoleEngineer, Tier: helpdesk.L3}
	d := openDemo(t, dir, Options{Me: eng})
	if d.Me() != eng {
		t.Errorf("Me = %+v, want %+v", d.Me(), eng)
	}
	if len(d.Tickets(ViewMyTier.Filter(eng))) == 0 {
		t.Error("the L3 queue of the demo is empty")
	}
	d.Close()
	// The override is for that session; the profile keeps the demo user.
	p, err := ReadProfile(filepath.Join(dir, DemoWorkspace))
	if err != nil {
		t.Fatal(err)
	}
	if p.Me != DemoIdentity() {
		t.Errorf("profile changed to %+v", p.Me)
	}
}

func TestOpenDemoFinishesAnInterruptedSeeding(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, DemoWorkspace)
	if err := CreateWorkspace(folder, "Demo", DemoIdentity()); err != nil {
		t.Fatal(err)
	}
	// A seeding that stopped after the marker and part of the batch.
	st, err := localdb.Open(filepath.Join(folder, StoreDir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := demoBatch(demoSeed, demoNow)
	if err := st.SetSetting(demoSeedSetting, demoSeedState{Seed: demoSeed}); err != nil {
		t.Fatal(err)
	}
	if err := st.Write(localdb.Batch{Tickets: b.Tickets[:40], Comments: b.Comments[:100]}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	d := openDemo(t, dir, Options{})
	defer d.Close()
	want := counts{len(b.Tickets), len(b.Comments), len(b.Articles)}
	if got := demoCounts(t, d); got != want {
		t.Errorf("after finishing: %+v, want %+v", got, want)
	}
}

func TestOpenDemoLeavesOtherDataAlone(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, DemoWorkspace)
	if err := CreateWorkspace(folder, "Demo", DemoIdentity()); err != nil {
		t.Fatal(err)
	}
	d, err := OpenWorkspace(folder, Options{Clock: demoClock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateTicket(NewTicket{Subject: "Mine", Tier: helpdesk.L1}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d = openDemo(t, dir, Options{})
	defer d.Close()
	if d.Count() != 1 {
		t.Errorf("demo seeded over existing tickets: %d tickets", d.Count())
	}
}

func TestDemoBatchIsDeterministic(t *testing.T) {
	a, b := demoBatch(demoSeed, demoNow), demoBatch(demoSeed, demoNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations with the same seed and time differ")
	}
	c := demoBatch(demoSeed+1, demoNow)
	if reflect.DeepEqual(a.Tickets, c.Tickets) {
		t.Error("a different seed gave the same tickets")
	}
	// Another day shifts the times, not the content.
	shift := 36 * time.Hour
	d := demoBatch(demoSeed, demoNow.Add(shift))
	for i := range a.Tickets {
		x, y := a.Tickets[i], d.Tickets[i]
		if x.Subject != y.Subject || x.Status != y.Status || x.Tier != y.Tier || !y.Created.Equal(x.Created.Add(shift)) {
			t.Fatalf("ticket %d changed with the clock:\n%+v\n%+v", x.ID, x, y)
		}
	}
}

func TestDemoBatchLooksLikeAHelpdesk(t *testing.T) {
	b := demoBatch(demoSeed, demoNow)
	tiers := map[helpdesk.Tier]int{}
	statuses := map[helpdesk.Status]int{}
	priorities := map[helpdesk.Priority]int{}
	queues, subjects, requesters, owners := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]int{}
	overdue, withDue := 0, 0
	byTicket := map[uint64][]helpdesk.Comment{}
	for _, c := range b.Comments {
		byTicket[c.TicketID] = append(byTicket[c.TicketID], c)
	}
	leftover := regexp.MustCompile(`\{[a-z0-9]+\}|‵`)
	notes := 0
	for i, tk := range b.Tickets {
		if tk.ID != uint64(i+1) || tk.RemoteID != tk.ID || tk.Version == "" || tk.Ref() != fmt.Sprintf("#%d", tk.ID) {
			t.Fatalf("ticket ids: %+v", tk)
		}
		if err := tk.Validate(); err != nil {
			t.Errorf("ticket %d: %v", tk.ID, err)
		}
		if tk.Created.Before(demoNow.Add(-(demoDays+1)*24*time.Hour)) || tk.Updated.Before(tk.Created) || tk.Updated.After(demoNow) {
			t.Errorf("ticket %d times: created %v updated %v", tk.ID, tk.Created, tk.Updated)
		}
		if leftover.MatchString(tk.Subject) {
			t.Errorf("ticket %d subject %q has an unfilled placeholder", tk.ID, tk.Subject)
		}
		tiers[tk.Tier]++
		statuses[tk.Status]++
		priorities[tk.Priority]++
		queues[tk.Queue] = true
		subjects[tk.Subject] = true
		requesters[tk.Requester] = true
		if tk.Status.Active() {
			owners[tk.Owner]++
		}
		if !tk.Due.IsZero() {
			withDue++
		}
		if tk.Overdue(demoNow) {
			overdue++
		}

		conv := byTicket[tk.ID]
		if len(conv) < 1 || len(conv) > maxConversation {
			t.Errorf("ticket %d has %d comments", tk.ID, len(conv))
			continue
		}
		if conv[0].Author != tk.Requester || conv[0].Kind != helpdesk.Reply || !conv[0].Created.Equal(tk.Created) {
			t.Errorf("ticket %d does not open with the requester's report: %+v", tk.ID, conv[0])
		}
		if last := conv[len(conv)-1]; !last.Created.Equal(tk.Updated) {
			t.Errorf("ticket %d updated %v, last comment %v", tk.ID, tk.Updated, last.Created)
		}
		all := ""
		for j, c := range conv {
			if j > 0 && c.Created.Before(conv[j-1].Created) {
				t.Errorf("ticket %d comments out of order", tk.ID)
			}
			if c.RemoteID != c.ID || c.Pending || strings.TrimSpace(c.Body) == "" {
				t.Errorf("ticket %d comment %+v", tk.ID, c)
			}
			if leftover.MatchString(c.Body) {
				t.Errorf("ticket %d comment has an unfilled placeholder: %q", tk.ID, c.Body)
			}
			if c.Kind == helpdesk.Note {
				notes++
			}
			all += c.Body + "\n"
		}
		if tk.Tier >= helpdesk.L2 && !strings.Contains(all, "Escalated L1 → L2. Hand-off: ") {
			t.Errorf("ticket %d at %s has no L1 hand-off note", tk.ID, tk.Tier)
		}
		if tk.Tier == helpdesk.L3 && !strings.Contains(all, "Escalated L2 → L3. Hand-off: ") {
			t.Errorf("ticket %d at L3 has no L2 hand-off note", tk.ID)
		}
	}

	n := len(b.Tickets)
	if n != demoTickets {
		t.Errorf("%d tickets", n)
	}
	if !(tiers[helpdesk.L1] > tiers[helpdesk.L2] && tiers[helpdesk.L2] > tiers[helpdesk.L3] && tiers[helpdesk.L3] > 0) ||
		tiers[helpdesk.L1] < n/2 {
		t.Errorf("tiers %v: want most at L1, some at L2, a few at L3", tiers)
	}
	resolved := statuses[helpdesk.StatusResolved] + statuses[helpdesk.StatusRejected]
	if resolved < n/4 || resolved > n/2 {
		t.Errorf("%d of %d finished, want about a third: %v", resolved, n, statuses)
	}
	for _, s := range helpdesk.Statuses() {
		if statuses[s] == 0 {
			t.Errorf("no %s tickets: %v", s, statuses)
		}
	}
	for _, p := range helpdesk.Priorities() {
		if priorities[p] == 0 {
			t.Errorf("no %s tickets: %v", p, priorities)
		}
	}
	if priorities[helpdesk.PriorityNormal] < priorities[helpdesk.PriorityUrgent]*3 {
		t.Errorf("implausible priorities %v", priorities)
	}
	if len(queues) != 5 || len(requesters) < 12 || len(subjects) < 100 {
		t.Errorf("%d queues, %d requesters, %d distinct subjects", len(queues), len(requesters), len(subjects))
	}
	if owners[demoMe] < 10 || owners[""] == 0 {
		t.Errorf("active tickets by owner: %v", owners)
	}
	if overdue == 0 || overdue > n/4 || withDue < n/4 {
		t.Errorf("%d with a due time, %d overdue", withDue, overdue)
	}
	if notes < n/2 {
		t.Errorf("only %d internal notes", notes)
	}

	if len(b.Articles) < 30 {
		t.Errorf("%d articles", len(b.Articles))
	}
	cats := map[string]int{}
	for i, a := range b.Articles {
		cats[a.Category]++
		if a.ID != uint64(i+1) || a.Title == "" || a.Summary == "" || a.Updated.After(demoNow) {
			t.Errorf("article %+v", a)
		}
		if !strings.HasPrefix(a.Body, "# ") || !strings.Contains(a.Body, "\n1. ") || leftover.MatchString(a.Body) {
			t.Errorf("article %q body is not the expected Markdown:\n%s", a.Title, a.Body)
		}
	}
	for _, c := range []string{"Network", "Accounts", "Email", "Hardware", "Software", "Security"} {
		if cats[c] < 3 {
			t.Errorf("category %s has %d articles", c, cats[c])
		}
	}
}

// The generator picks lines by scenario; a scenario that can escalate but
// has no hand-off text would make it fail, so check them all.
func TestDemoScenariosAreComplete(t *testing.T) {
	for i, sc := range demoScenarios {
		name := fmt.Sprintf("scenario %d (%s)", i, sc.subjects)
		if sc.weight <= 0 || len(sc.subjects) == 0 || len(sc.report) == 0 || len(sc.check) == 0 || len(sc.fix) == 0 {
			t.Errorf("%s lacks the basics", name)
		}
		if sc.escalate > 0 && len(sc.handoff) == 0 {
			t.Errorf("%s escalates without a hand-off", name)
		}
		if len(sc.ask) != 0 && len(sc.answer) == 0 {
			t.Errorf("%s asks without an answer", name)
		}
		if len(demoL2[sc.queue]) == 0 {
			t.Errorf("%s: no L2 specialists for queue %q", name, sc.queue)
		}
		if !sc.priority.Valid() {
			t.Errorf("%s: priority %v", name, sc.priority)
		}
	}
}
