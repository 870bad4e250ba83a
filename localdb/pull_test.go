package localdb

import (
	"errors"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func snap(remote uint64, subject string, tier helpdesk.Tier, status helpdesk.Status, version string, comments ...string) helpdesk.Snapshot {
	s := helpdesk.Snapshot{Ticket: helpdesk.Ticket{RemoteID: remote, Subject: subject, Requester: "dana", Tier: tier,
		Status: status, Version: version, Updated: t0}}
	for i, c := range comments {
		s.Comments = append(s.Comments, helpdesk.Comment{RemoteID: remote*100 + uint64(i), Body: c, Author: "dana", Created: t0})
	}
	return s
}

func TestPullRebasesPendingChanges(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	ch, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(70, "VPN drops", helpdesk.L1, helpdesk.StatusNew, "5", "It drops.")},
		Cursors: map[string]string{"feed": "10"}})
	if err != nil || len(ch) != 1 || ch[0].Old != nil || ch[0].New.Tier != helpdesk.L1 {
		t.Fatalf("first pull: %v %+v", err, ch)
	}
	id, ok := s.LocalID(70)
	if !ok {
		t.Fatal("remote id not mapped")
	}
	// The user escalates and replies offline.
	m := mut(helpdesk.MutEscalate, id)
	m.Tier, m.Body = helpdesk.L2, "needs network team"
	esc, _, err := s.Apply(m)
	if err != nil || esc.BaseVersion != "5" || esc.FromTier != helpdesk.L1 {
		t.Fatalf("escalate: %+v %v", esc, err)
	}
	r := mut(helpdesk.MutReply, id)
	r.Body = "We are on it."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	// Meanwhile the server changed the status and added a comment.
	ch, err = s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(70, "VPN drops (all sites)", helpdesk.L1, helpdesk.StatusOpen, "9", "It drops.", "Also in Lyon.")},
		Cursors: map[string]string{"feed": "20"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch[0].Added) != 1 || ch[0].Added[0].Body != "Also in Lyon." {
		t.Fatalf("added comments %+v, want only the new one", ch[0].Added)
	}
	if got := ch[0]; got.Old.Tier != helpdesk.L2 || got.New.Tier != helpdesk.L2 || got.New.Status != helpdesk.StatusOpen ||
		got.New.Subject != "VPN drops (all sites)" || got.New.Version != "9" {
		t.Fatalf("rebased view old %+v new %+v", got.Old, got.New)
	}
	cs := comments(t, s, id)
	var pending, synced int
	for _, c := range cs {
		if c.Pending {
			pending++
		} else {
			synced++
		}
	}
	if pending != 2 || synced != 2 {
		t.Fatalf("comments after pull: %d pending %d synced (%+v)", pending, synced, cs)
	}
	if c, _ := s.Cursor("feed"); c != "20" {
		t.Fatalf("cursor %q", c)
	}

	// The escalation is acknowledged with the server's new state; the reply
	// is still pending and still visible.
	after := snap(70, "VPN drops (all sites)", helpdesk.L2, helpdesk.StatusOpen, "11", "It drops.", "Also in Lyon.",
		"Escalated L1 → L2. Hand-off: needs network team")
	view, err := s.Acknowledge(esc.Seq, &after)
	if err != nil || view.Tier != helpdesk.L2 || view.Version != "11" || s.Pending() != 1 {
		t.Fatalf("ack: %+v %v pending %d", view, err, s.Pending())
	}
	if n := len(comments(t, s, id)); n != 4 {
		t.Fatalf("after ack %d comments, want 3 synced + 1 pending reply", n)
	}
}

func TestAcknowledgeCreateMapsServerID(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tk := create(t, s, "New laptop", helpdesk.L1)
	ob := outbox(t, s)
	if err := s.Advance(ob[0].Seq, helpdesk.Attempted); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Mutation(ob[0].Seq); m.Progress != helpdesk.Attempted {
		t.Fatal("attempt not recorded")
	}
	sn := snap(501, "New laptop", helpdesk.L1, helpdesk.StatusNew, "3", "It broke.")
	view, err := s.Acknowledge(ob[0].Seq, &sn)
	if err != nil || view.ID != tk.ID || view.RemoteID != 501 || view.Ref() != "#501" {
		t.Fatalf("ack create: %+v %v", view, err)
	}
	if id, ok := s.LocalID(501); !ok || id != tk.ID {
		t.Fatal("server id not mapped to the local ticket")
	}
	// A later pull of the same ticket updates it in place, no duplicate.
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(501, "New laptop", helpdesk.L1, helpdesk.StatusOpen, "4")}}); err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 {
		t.Fatalf("%d tickets after pull, want 1", s.Len())
	}
}

func TestDiscardRestoresServerState(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(8, "Printer", helpdesk.L1, helpdesk.StatusOpen, "2")}}); err != nil {
		t.Fatal(err)
	}
	id, _ := s.LocalID(8)
	m := mut(helpdesk.MutStatus, id)
	m.Status = helpdesk.StatusResolved
	st, _, err := s.Apply(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Park(st.Seq, helpdesk.StateFailed, "You may not resolve tickets in that queue"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Mutation(st.Seq); got.State != helpdesk.StateFailed || got.Error == "" {
		t.Fatalf("parked %+v", got)
	}
	view, err := s.Discard(st.Seq)
	if err != nil || view.Status != helpdesk.StatusOpen || s.Pending() != 0 {
		t.Fatalf("discard: %+v %v", view, err)
	}
	if sum, _ := s.Summary(id); sum.Status != helpdesk.StatusOpen {
		t.Fatal("index kept the discarded change")
	}

	// Discarding an unsent create removes the ticket and its later actions.
	tk := create(t, s, "Never sent", helpdesk.L1)
	r := mut(helpdesk.MutReply, tk.ID)
	r.Body = "more"
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	ob := outbox(t, s)
	if _, err := s.Discard(ob[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ticket(tk.ID); !errors.Is(err, ErrNotFound) || s.Pending() != 0 || len(outbox(t, s)) != 0 {
		t.Fatalf("discarded create left %v, pending %d", err, s.Pending())
	}
}

func TestPullDeletes(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{
		snap(1, "a", helpdesk.L1, helpdesk.StatusOpen, "1", "x"), snap(2, "b", helpdesk.L1, helpdesk.StatusOpen, "1")}}); err != nil {
		t.Fatal(err)
	}
	b, _ := s.LocalID(2)
	n := mut(helpdesk.MutNote, b)
	n.Body = "keep this"
	if _, _, err := s.Apply(n); err != nil {
		t.Fatal(err)
	}
	ch, err := s.ApplyPull(helpdesk.Pull{Deleted: []uint64{1, 2, 99}})
	if err != nil || len(ch) != 1 || ch[0].New != nil {
		t.Fatalf("delete: %+v %v", ch, err)
	}
	if _, ok := s.LocalID(1); ok || s.Len() != 1 {
		t.Fatal("deleted ticket still there")
	}
	// The ticket with unsent work stays, its work parked as failed.
	ob := outbox(t, s)
	if len(ob) != 1 || ob[0].State != helpdesk.StateFailed {
		t.Fatalf("outbox %+v", ob)
	}
}

func TestAcknowledgeOfADiscardedEntryIsANoOp(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tk := create(t, s, "Discarded while sending", helpdesk.L1)
	ob := outbox(t, s)
	if _, err := s.Discard(ob[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Acknowledge(ob[0].Seq, nil); err != nil {
		t.Fatalf("late acknowledge: %v", err)
	}
	if s.Pending() != 0 {
		t.Fatalf("pending %d after a late acknowledge of ticket %d", s.Pending(), tk.ID)
	}
}
