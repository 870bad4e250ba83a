package rtlive

import (
	"testing"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// agent2 changes a ticket's status, owner and subject in RT; after a sync
// the desk shows all three.
func TestRemoteChangeAppearsLocally(t *testing.T) {
	agent2 := asUser("agent2")
	subj := subject(t, "Outlook asks for the password")
	remote := agent2.create(t, map[string]any{"Queue": "L1", "Subject": subj, "Requestor": "requester1@tierdesk.test",
		"Content": "Every morning.", "ContentType": "text/plain"})

	d := newDesk(t, srv.URL)
	mustSync(t, d)
	before := *local(t, d, remote)
	if before.Subject != subj || before.Status != helpdesk.StatusNew || !before.Unowned() || before.Tier != helpdesk.L1 {
		t.Fatalf("first pull: %+v", before)
	}

	newSubj := subj + " (after password change)"
	agent2.update(t, remote, map[string]any{"Status": "stalled", "Owner": "agent2", "Subject": newSubj})
	if got := agent2.ticket(t, remote); got.Status != "stalled" || got.Owner.ID != "agent2" || got.Subject != newSubj {
		t.Fatalf("RT did not take agent2's change: %+v", got)
	}
	if res := mustSync(t, d); res.Pulled < 1 {
		t.Fatalf("sync pulled nothing: %+v", res)
	}
	after := local(t, d, remote)
	if after.ID != before.ID || after.Status != helpdesk.StatusStalled || after.Owner != "agent2" || after.Subject != newSubj {
		t.Fatalf("the desk shows %+v after agent2's change", after)
	}
	if after.Version == before.Version {
		t.Fatalf("version did not move: %q", after.Version)
	}
	if !inView(d, app.ViewAll, agent1, after.ID) || inView(d, app.ViewAssigned, agent1, after.ID) {
		t.Fatal("views do not follow the new owner")
	}
	if n := len(withSubject(d, newSubj)); n != 1 {
		t.Fatalf("%d local tickets with the new subject", n)
	}
}

// agent2 escalates L1 tickets in RT the ways RT allows: moving the queue,
// setting the Tier field, or both. Each must reach the desk as tier L2:
// out of the L1 technician's queue, into the L2 engineers'.
//
// "queue, Tier field left at L1" is how every ticket Tierdesk files looks
// (Create writes the Tier field) when an RT user then moves it with RT's
// queue menu, which leaves custom fields alone.
func TestEscalationInRTChangesLocalTier(t *testing.T) {
	agent2 := asUser("agent2")
	type move struct {
		name   string
		create map[string]any // besides queue, subject, requester
		update map[string]any
	}
	moves := []move{
		{"queue", nil, map[string]any{"Queue": "L2"}},
		{"queue and Tier field", map[string]any{"CustomFields": map[string]string{"Tier": "L1"}},
			map[string]any{"Queue": "L2", "CustomFields": map[string]string{"Tier": "L2"}}},
		{"Tier field", map[string]any{"CustomFields": map[string]string{"Tier": "L1"}},
			map[string]any{"CustomFields": map[string]string{"Tier": "L2"}}},
		{"queue, Tier field left at L1", map[string]any{"CustomFields": map[string]string{"Tier": "L1"}},
			map[string]any{"Queue": "L2"}},
	}
	ids := make([]uint64, len(moves))
	for i, m := range moves {
		f := map[string]any{"Queue": "L1", "Subject": subject(t, "Escalate by "+m.name), "Requestor": "requester1@tierdesk.test"}
		for k, v := range m.create {
			f[k] = v
		}
		ids[i] = agent2.create(t, f)
	}

	d := newDesk(t, srv.URL)
	mustSync(t, d)
	engineer := app.Identity{Name: "engineer2", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}
	for i, m := range moves {
		tk := local(t, d, ids[i])
		if tk.Tier != helpdesk.L1 || !inView(d, app.ViewMyTier, agent1, tk.ID) {
			t.Fatalf("%s: before the move the desk has %+v", m.name, tk)
		}
		agent2.update(t, ids[i], m.update)
	}
	mustSync(t, d)
	for i, m := range moves {
		t.Run(m.name, func(t *testing.T) {
			tk := local(t, d, ids[i])
			if tk.Tier != helpdesk.L2 {
				t.Fatalf("the desk has tier %s (queue %s), want L2", tk.Tier, tk.Queue)
			}
			if inView(d, app.ViewMyTier, agent1, tk.ID) {
				t.Error("still in the L1 queue view")
			}
			if !inView(d, app.ViewMyTier, engineer, tk.ID) {
				t.Error("not in the L2 queue view")
			}
		})
	}
}
