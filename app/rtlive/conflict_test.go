package rtlive

import (
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// conflictRig is a ticket both sides changed: the desk set it resolved
// while offline, agent2 set it stalled in RT meanwhile. After the sync the
// desk's change waits in the outbox as a conflict.
type conflictRig struct {
	d      *app.Desk
	id     uint64 // local
	remote uint64
	seq    uint64 // the conflicting outbox entry
}

func newConflict(t *testing.T) conflictRig {
	t.Helper()
	g := newGate(t)
	d := newDesk(t, g.URL())
	agent2 := asUser("agent2")
	remote := agent2.create(t, map[string]any{"Queue": "L1", "Subject": subject(t, "Shared drive full"),
		"Requestor": "requester1@tierdesk.test", "Content": "Cannot save.", "ContentType": "text/plain"})
	mustSync(t, d)
	tk := local(t, d, remote)
	if tk.Status != helpdesk.StatusNew {
		t.Fatalf("pulled %+v", tk)
	}

	g.down.Store(true) // offline from here
	if _, err := d.SetStatus(tk.ID, helpdesk.StatusResolved); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SyncOnce(ctxFor(t, time.Minute)); err == nil {
		t.Fatal("sync succeeded offline")
	}
	agent2.update(t, remote, map[string]any{"Status": "stalled"})
	if s := agent2.ticket(t, remote).Status; s != "stalled" {
		t.Fatalf("RT has %s, want stalled", s)
	}
	g.down.Store(false)

	res := mustSync(t, d)
	if res.Conflicts != 1 || res.Sent != 0 {
		t.Fatalf("sync with both sides changed: %+v", res)
	}
	ob := outbox(t, d)
	if len(ob) != 1 || ob[0].Kind != helpdesk.MutStatus || ob[0].State != helpdesk.StateConflict {
		t.Fatalf("outbox: %+v", ob)
	}
	if msg := ob[0].Error; !strings.Contains(msg, "stalled") || !strings.Contains(msg, "resolved") {
		t.Fatalf("the conflict does not name both values: %q", msg)
	}
	t.Logf("conflict: %q", ob[0].Error)
	if s := asUser("root").ticket(t, remote).Status; s != "stalled" {
		t.Fatalf("the conflicting change reached RT: %s", s)
	}
	if st := d.State(); st.Unsent != 1 || !st.Online {
		t.Fatalf("state with a conflict: %+v", st)
	}
	return conflictRig{d: d, id: tk.ID, remote: remote, seq: ob[0].Seq}
}

// statusChangesBy lists the status changes a user made in RT.
func statusChangesBy(t *testing.T, remote uint64, user string) []string {
	t.Helper()
	var out []string
	for _, tx := range asUser("root").history(t, remote) {
		if tx.Type == "Status" && tx.Creator == user {
			out = append(out, tx.NewVal)
		}
	}
	return out
}

// Keep mine: the change is sent again against RT's current version and RT
// ends up with the desk's value.
func TestConcurrentEditConflictKeepMine(t *testing.T) {
	r := newConflict(t)
	if err := r.d.KeepMine(ctxFor(t, time.Minute), r.seq); err != nil {
		t.Fatal(err)
	}
	if ob := outbox(t, r.d); len(ob) != 1 || ob[0].State != helpdesk.StatePending || ob[0].Error != "" {
		t.Fatalf("outbox after keep mine: %+v", ob)
	}
	if res := mustSync(t, r.d); res.Sent != 1 || res.Conflicts != 0 {
		t.Fatalf("sync after keep mine: %+v", res)
	}
	if s := asUser("root").ticket(t, r.remote).Status; s != "resolved" {
		t.Fatalf("RT has %s after keep mine, want resolved", s)
	}
	if got := statusChangesBy(t, r.remote, "agent1"); len(got) != 1 || got[0] != "resolved" {
		t.Fatalf("agent1's status changes in RT: %q", got)
	}
	if tk, _ := r.d.Summary(r.id); tk.Status != helpdesk.StatusResolved {
		t.Fatalf("the desk shows %s", tk.Status)
	}
	if len(outbox(t, r.d)) != 0 {
		t.Fatal("outbox not empty")
	}
}

// Take theirs: the desk drops its change, shows RT's value, and sends
// nothing.
func TestConcurrentEditConflictTakeTheirs(t *testing.T) {
	r := newConflict(t)
	if err := r.d.Discard(r.seq); err != nil {
		t.Fatal(err)
	}
	if tk, _ := r.d.Summary(r.id); tk.Status != helpdesk.StatusStalled {
		t.Fatalf("after take theirs the desk shows %s, want stalled", tk.Status)
	}
	if len(outbox(t, r.d)) != 0 {
		t.Fatal("outbox not empty after take theirs")
	}
	if res := mustSync(t, r.d); res.Sent != 0 || res.Failed != 0 || res.Conflicts != 0 {
		t.Fatalf("sync after take theirs: %+v", res)
	}
	if s := asUser("root").ticket(t, r.remote).Status; s != "stalled" {
		t.Fatalf("RT has %s after take theirs, want stalled", s)
	}
	if got := statusChangesBy(t, r.remote, "agent1"); len(got) != 0 {
		t.Fatalf("agent1 changed the status in RT: %q", got)
	}
	if tk, _ := r.d.Summary(r.id); tk.Status != helpdesk.StatusStalled {
		t.Fatalf("after the sync the desk shows %s, want stalled", tk.Status)
	}
}
