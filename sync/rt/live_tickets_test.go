package rt

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

func TestLiveCreateFetchRoundTrip(t *testing.T) {
	c := agent(t, "agent1")
	due := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second)
	in := helpdesk.Ticket{
		Subject:   "Docking station flickers — ünïcode",
		Requester: "dana@example.com",
		Status:    helpdesk.StatusNew,
		Priority:  helpdesk.PriorityHigh,
		Tier:      helpdesk.L2,
		Due:       due,
	}
	ref := newRef(t)
	r, err := c.Create(ctx(t), in, "Both monitors flicker.\nSince Monday.", ref)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Ticket
	if got.RemoteID == 0 || got.Version == "" || got.ID != 0 {
		t.Fatalf("created %+v", got)
	}
	if got.Subject != in.Subject || got.Requester != in.Requester || got.Priority != in.Priority ||
		got.Tier != helpdesk.L2 || got.Queue != "L2" || got.Status != helpdesk.StatusNew ||
		!got.Due.Equal(due) || got.Owner != "" || got.ClientRef != ref || got.Created.IsZero() {
		t.Fatalf("created ticket differs:\n got %+v\nwant %+v", got, in)
	}
	if len(r.Comments) != 1 || r.Comments[0].Kind != helpdesk.Reply || r.Comments[0].Author != "agent1" ||
		r.Comments[0].Body != "Both monitors flicker.\nSince Monday." || r.Comments[0].RemoteID == 0 {
		t.Fatalf("description: %+v", r.Comments)
	}

	f, err := c.Fetch(ctx(t), got.RemoteID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Ticket != got || len(f.Comments) != 1 || !reflect.DeepEqual(f.Comments[0], r.Comments[0]) {
		t.Fatalf("Fetch differs from Create:\n%+v\n%+v", f, r)
	}
}

func TestLiveCreateStalledAndWithoutDescription(t *testing.T) {
	c := agent(t, "agent1")
	in := sample("Waiting for the vendor", helpdesk.L1)
	in.Status = helpdesk.StatusStalled // RT refuses this on create (trap 9)
	r := mustCreate(t, c, in, "")
	if r.Ticket.Status != helpdesk.StatusStalled || r.Ticket.Queue != "L1" || len(r.Comments) != 0 {
		t.Fatalf("stalled create: %+v", r)
	}
}

func TestLiveFetchMissing(t *testing.T) {
	_, err := agent(t, "agent1").Fetch(ctx(t), 99999999)
	if !errors.Is(err, tsync.ErrNotFound) {
		t.Fatalf("Fetch of a ticket that never was: %v", err)
	}
}

func TestLiveFindCreated(t *testing.T) {
	c := agent(t, "agent1")
	ref := newRef(t)
	r, err := c.Create(ctx(t), sample("Laptop for new hire", helpdesk.L1), "Needed by Friday.", ref)
	if err != nil {
		t.Fatal(err)
	}
	found, ok, err := c.FindCreated(ctx(t), ref)
	if err != nil || !ok || found.Ticket.RemoteID != r.Ticket.RemoteID || found.Ticket.ClientRef != ref {
		t.Fatalf("FindCreated(%s) = %+v, %v, %v", ref, found.Ticket, ok, err)
	}
	_, ok, err = c.FindCreated(ctx(t), newRef(t))
	if err != nil || ok {
		t.Fatalf("FindCreated of an unused ref: found %v, err %v", ok, err)
	}
	// Quotes in a reference cannot break out of the TicketSQL literal.
	_, ok, err = c.FindCreated(ctx(t), `x' OR id > '0`)
	if err != nil || ok {
		t.Fatalf("FindCreated with quotes: found %v, err %v", ok, err)
	}
}

func TestLiveCommentsKeepTheirKinds(t *testing.T) {
	c := agent(t, "agent1")
	r := mustCreate(t, c, sample("Printer offline", helpdesk.L1), "It does not print.")
	id := r.Ticket.RemoteID
	if err := c.Comment(ctx(t), id, helpdesk.Reply, "Have you tried turning it off and on?"); err != nil {
		t.Fatal(err)
	}
	if err := agent(t, "agent2").Comment(ctx(t), id, helpdesk.Note, "Spooler crashed; restarted.\nWatch it."); err != nil {
		t.Fatal(err)
	}
	f, err := c.Fetch(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Comments) != 3 {
		t.Fatalf("comments: %+v", f.Comments)
	}
	want := []struct {
		kind   helpdesk.CommentKind
		author string
		body   string
	}{
		{helpdesk.Reply, "agent1", "It does not print."},
		{helpdesk.Reply, "agent1", "Have you tried turning it off and on?"},
		{helpdesk.Note, "agent2", "Spooler crashed; restarted.\nWatch it."},
	}
	for i, w := range want {
		got := f.Comments[i]
		if got.Kind != w.kind || got.Author != w.author || got.Body != w.body || got.Created.IsZero() || got.RemoteID == 0 {
			t.Errorf("comment %d = %+v, want %+v", i, got, w)
		}
	}
	// An agent's reply opens a new ticket, as RT's scrips and helpdesk.Mutation agree.
	if f.Ticket.Status != helpdesk.StatusOpen {
		t.Errorf("status after reply: %s", f.Ticket.Status)
	}
	if err := c.Comment(ctx(t), 99999999, helpdesk.Note, "into the void"); err == nil {
		t.Error("comment on a missing ticket succeeded")
	}
}

func TestLiveUpdateConflictChangesNothing(t *testing.T) {
	mine, theirs := agent(t, "agent1"), agent(t, "agent2")
	r := mustCreate(t, mine, sample("VPN drops hourly", helpdesk.L1), "Since the update.")
	id, stale := r.Ticket.RemoteID, r.Ticket.Version

	// Someone else takes it first.
	if err := theirs.Update(ctx(t), id, stale, tsync.FieldChange{Owner: ptr("agent2")}); err != nil {
		t.Fatal(err)
	}
	err := mine.Update(ctx(t), id, stale, tsync.FieldChange{Status: ptr(helpdesk.StatusResolved), Owner: ptr("agent1")})
	if !errors.Is(err, tsync.ErrConflict) {
		t.Fatalf("update at a stale version: %v", err)
	}
	f, err := mine.Fetch(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if f.Ticket.Owner != "agent2" || f.Ticket.Status != helpdesk.StatusNew {
		t.Fatalf("a conflicting update changed the ticket: %+v", f.Ticket)
	}
	if f.Ticket.Version == stale {
		t.Fatal("version did not move")
	}

	// At the current version the same change goes through.
	if err := mine.Update(ctx(t), id, f.Ticket.Version, tsync.FieldChange{Status: ptr(helpdesk.StatusResolved)}); err != nil {
		t.Fatal(err)
	}
	f, err = mine.Fetch(ctx(t), id)
	if err != nil || f.Ticket.Status != helpdesk.StatusResolved {
		t.Fatalf("after update: %+v %v", f.Ticket, err)
	}
	// Only the owner may give it back (RT refuses others that), which
	// sends RT's Nobody and reads back as "".
	var refused *tsync.RefusedError
	err = mine.Update(ctx(t), id, f.Ticket.Version, tsync.FieldChange{Owner: ptr("")})
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "reassign") {
		t.Fatalf("unassigning someone else's ticket: %v", err)
	}
	if err := theirs.Update(ctx(t), id, f.Ticket.Version, tsync.FieldChange{Owner: ptr("")}); err != nil {
		t.Fatal(err)
	}
	if f, err = mine.Fetch(ctx(t), id); err != nil || f.Ticket.Owner != "" {
		t.Fatalf("after unassign: %+v %v", f.Ticket, err)
	}
}

func TestLiveRefusedChanges(t *testing.T) {
	c := agent(t, "agent1")
	r := mustCreate(t, c, sample("Monitor arm broken", helpdesk.L1), "")
	id := r.Ticket.RemoteID

	var refused *tsync.RefusedError
	err := c.Update(ctx(t), id, r.Ticket.Version, tsync.FieldChange{Status: ptr(helpdesk.Status("bogus"))})
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "isn't a valid status") {
		t.Fatalf("bogus status: %v", err)
	}
	err = c.Update(ctx(t), id, "", tsync.FieldChange{Owner: ptr("requester1")})
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "may not own tickets") {
		t.Fatalf("owner without the right: %v", err)
	}
	err = c.Update(ctx(t), id, "", tsync.FieldChange{Owner: ptr("nobody-of-that-name")})
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "does not exist") {
		t.Fatalf("unknown owner: %v", err)
	}
	f, err := c.Fetch(ctx(t), id)
	if err != nil || f.Ticket.Status != helpdesk.StatusNew || f.Ticket.Owner != "" {
		t.Fatalf("refused changes left a trace: %+v %v", f.Ticket, err)
	}
}

func TestLiveEscalationMovesQueue(t *testing.T) {
	c := agent(t, "agent1")
	r := mustCreate(t, c, sample("Switch port flapping", helpdesk.L1), "Port 12 on sw-3.")
	if r.Ticket.Tier != helpdesk.L1 || r.Ticket.Queue != "L1" {
		t.Fatalf("created %+v", r.Ticket)
	}
	id := r.Ticket.RemoteID
	if err := c.Comment(ctx(t), id, helpdesk.Note, "Escalated L1 → L3. Hand-off: firmware bug."); err != nil {
		t.Fatal(err)
	}
	f, err := c.Fetch(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Update(ctx(t), id, f.Ticket.Version, tsync.FieldChange{Tier: ptr(helpdesk.L3), Owner: ptr("")}); err != nil {
		t.Fatal(err)
	}
	f, err = c.Fetch(ctx(t), id)
	if err != nil || f.Ticket.Tier != helpdesk.L3 || f.Ticket.Queue != "L3" {
		t.Fatalf("after escalation: %+v %v", f.Ticket, err)
	}

	// Tiers also come from queues alone, when the tier field is not used.
	q := agent(t, "engineer3", func(c *Config) { c.TierField = NoField })
	g, err := q.Fetch(ctx(t), id)
	if err != nil || g.Ticket.Tier != helpdesk.L3 {
		t.Fatalf("tier from the queue: %+v %v", g.Ticket, err)
	}
	if err := q.Update(ctx(t), id, g.Ticket.Version, tsync.FieldChange{Tier: ptr(helpdesk.L2)}); err != nil {
		t.Fatal(err)
	}
	if g, err = q.Fetch(ctx(t), id); err != nil || g.Ticket.Tier != helpdesk.L2 || g.Ticket.Queue != "L2" {
		t.Fatalf("after de-escalation by queue: %+v %v", g.Ticket, err)
	}
	// The tier field was left at L3 by the queue-only client, but the
	// queue moved after it: for a client that reads both, the later change
	// (the queue, L2) wins, as it does for an agent using RT's queue menu.
	if f, err = c.Fetch(ctx(t), id); err != nil || f.Ticket.Tier != helpdesk.L2 {
		t.Fatalf("tier after a queue-only move: %+v %v", f.Ticket, err)
	}
}

func TestLiveCreateReportsWhatRTDropped(t *testing.T) {
	c := agent(t, "agent1")
	in := sample("Keyboard missing keys", helpdesk.L1)
	in.Owner = "requester1" // may not own tickets: RT files the ticket without saying so
	ref := newRef(t)
	r, err := c.Create(ctx(t), in, "", ref)
	var refused *tsync.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "requester1 the owner") || r.Ticket.RemoteID == 0 {
		t.Fatalf("Create with an owner RT drops: %+v %v", r.Ticket, err)
	}
	// The ticket exists: a retry must find it, not file it again.
	if found, ok, err := c.FindCreated(ctx(t), ref); err != nil || !ok || found.Ticket.RemoteID != r.Ticket.RemoteID {
		t.Fatalf("FindCreated after a partial create: %v %v", ok, err)
	}
	in.Owner = "agent2"
	if r := mustCreate(t, c, in, ""); r.Ticket.Owner != "agent2" {
		t.Fatalf("owner on create: %+v", r.Ticket)
	}
}
