package helpdesk

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTierOrderAndParsing(t *testing.T) {
	if !(L0 < L1 && L1 < L2 && L2 < L3) {
		t.Fatal("tiers are not ordered")
	}
	for in, want := range map[string]Tier{"L2": L2, "l3": L3, "1": L1, "Tier 2": L2, " tier0 ": L0} {
		got, err := ParseTier(in)
		if err != nil || got != want {
			t.Errorf("ParseTier(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "L4", "-1", "gold", "L"} {
		if _, err := ParseTier(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseTier(%q) err = %v, want ErrInvalid", in, err)
		}
	}
	b, err := json.Marshal(struct{ T Tier }{L3})
	if err != nil || string(b) != `{"T":"L3"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var v struct{ T Tier }
	if err := json.Unmarshal([]byte(`{"T":"L7"}`), &v); err == nil {
		t.Fatal("unmarshalled L7")
	}
	if Tier(9).Valid() || Tier(9).String() != "L?9" {
		t.Fatal("invalid tier accepted")
	}
}

func TestStatusPriorityRole(t *testing.T) {
	if s, err := ParseStatus(" Resolved "); err != nil || s != StatusResolved || s.Active() {
		t.Fatalf("status: %v %v", s, err)
	}
	if _, err := ParseStatus("bogus"); !errors.Is(err, ErrInvalid) {
		t.Fatal("bogus status accepted")
	}
	if !StatusStalled.Active() || StatusRejected.Active() || StatusOpen.Title() != "Open" {
		t.Fatal("status helpers")
	}
	if p, err := ParsePriority("URGENT"); err != nil || p != PriorityUrgent || p.Title() != "Urgent" {
		t.Fatalf("priority: %v %v", p, err)
	}
	if !(PriorityLow < PriorityNormal && PriorityHigh < PriorityUrgent) {
		t.Fatal("priorities not ordered")
	}
	if _, err := ParsePriority("p1"); !errors.Is(err, ErrInvalid) {
		t.Fatal("p1 accepted")
	}
	if r, err := ParseRole("Engineer"); err != nil || !r.Agent() {
		t.Fatalf("role: %v %v", r, err)
	}
	if RoleRequester.Agent() {
		t.Fatal("requester is not an agent")
	}
	if _, err := ParseRole("admin"); !errors.Is(err, ErrInvalid) {
		t.Fatal("admin accepted")
	}
}

func TestTicketValidateAndRef(t *testing.T) {
	ok := Ticket{Subject: "VPN drops", Requester: "dana", Status: StatusNew, Tier: L1}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(*Ticket){
		"blank subject":     func(t *Ticket) { t.Subject = "   " },
		"long subject":      func(t *Ticket) { t.Subject = strings.Repeat("é", MaxSubjectLen+1) },
		"multiline subject": func(t *Ticket) { t.Subject = "a\nb" },
		"no requester":      func(t *Ticket) { t.Requester = "" },
		"bad status":        func(t *Ticket) { t.Status = "bogus" },
		"bad tier":          func(t *Ticket) { t.Tier = 7 },
		"bad priority":      func(t *Ticket) { t.Priority = 9 },
	}
	for name, f := range bad {
		tk := ok
		f(&tk)
		if err := tk.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if (Ticket{ID: 4}).Ref() != "new-4" || (Ticket{ID: 4, RemoteID: 120}).Ref() != "#120" {
		t.Fatal("Ref")
	}
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	due := Ticket{Status: StatusOpen, Due: now.Add(-time.Minute)}
	if !due.Overdue(now) {
		t.Fatal("overdue not detected")
	}
	due.Status = StatusResolved
	if due.Overdue(now) || (Ticket{Status: StatusOpen}).Overdue(now) {
		t.Fatal("resolved or undated ticket is overdue")
	}
}

func TestMutationApplyTo(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	base := Ticket{ID: 1, RemoteID: 7, Subject: "Printer offline", Requester: "dana", Status: StatusNew, Tier: L1, Owner: "alex"}
	m := func(k MutationKind) Mutation { return Mutation{Kind: k, ClientID: "x", Author: "alex", Created: now} }

	cases := []struct {
		name  string
		mut   Mutation
		check func(Ticket) bool
		fails bool
	}{
		{"agent reply opens", func() Mutation { x := m(MutReply); x.Body = "on it"; return x }(),
			func(t Ticket) bool { return t.Status == StatusOpen && t.Updated.Equal(now) }, false},
		{"note keeps status", func() Mutation { x := m(MutNote); x.Body = "spooler"; return x }(),
			func(t Ticket) bool { return t.Status == StatusNew }, false},
		{"status", func() Mutation { x := m(MutStatus); x.Status = StatusResolved; return x }(),
			func(t Ticket) bool { return t.Status == StatusResolved }, false},
		{"same status refused", func() Mutation { x := m(MutStatus); x.Status = StatusNew; return x }(), nil, true},
		{"take own refused", m(MutTake), nil, true},
		{"assign", func() Mutation { x := m(MutAssign); x.Owner = " sam "; return x }(),
			func(t Ticket) bool { return t.Owner == "sam" }, false},
		{"escalate", func() Mutation { x := m(MutEscalate); x.Tier, x.Body = L3, "firmware bug"; return x }(),
			func(t Ticket) bool { return t.Tier == L3 && t.Unowned() }, false},
		{"escalate sideways refused", func() Mutation { x := m(MutEscalate); x.Tier, x.Body = L1, "x"; return x }(), nil, true},
		{"escalate without note refused", func() Mutation { x := m(MutEscalate); x.Tier, x.Body = L2, "  "; return x }(), nil, true},
		{"deescalate up refused", func() Mutation { x := m(MutDeescalate); x.Tier, x.Body = L2, "x"; return x }(), nil, true},
		{"empty reply refused", m(MutReply), nil, true},
		{"huge reply refused", func() Mutation { x := m(MutReply); x.Body = strings.Repeat("x", MaxBodyLen+1); return x }(), nil, true},
		{"unknown kind refused", m("merge"), nil, true},
		{"no author refused", func() Mutation { x := m(MutNote); x.Body, x.Author = "x", ""; return x }(), nil, true},
	}
	for _, c := range cases {
		tk := base
		err := c.mut.ApplyTo(&tk)
		if c.fails {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: err %v, want ErrInvalid", c.name, err)
			}
			continue
		}
		if err != nil || !c.check(tk) {
			t.Errorf("%s: err %v, ticket %+v", c.name, err, tk)
		}
	}

	cr := m(MutCreate)
	cr.Ticket = &Ticket{Subject: "New laptop", Requester: "dana", Status: StatusNew, Tier: L1}
	var tk Ticket
	tk.ID = 5
	if err := cr.ApplyTo(&tk); err != nil || tk.ID != 5 || tk.Subject != "New laptop" {
		t.Fatalf("create: %+v %v", tk, err)
	}
	if _, ok := cr.Comment(); ok {
		t.Fatal("create without description made a comment")
	}
	esc := m(MutEscalate)
	esc.Tier, esc.FromTier, esc.Body = L2, L1, "needs network team"
	c, ok := esc.Comment()
	if !ok || c.Kind != Note || !c.Internal() || !strings.Contains(c.Body, "L1 → L2") || !c.Pending {
		t.Fatalf("hand-off comment %+v", c)
	}
	if got := esc.Describe(); got != "Escalate L1 → L2" {
		t.Fatalf("describe %q", got)
	}
	long := m(MutReply)
	long.Body = strings.Repeat("word ", 40)
	if d := long.Describe(); len([]rune(d)) > 70 || !strings.HasSuffix(d, "…") {
		t.Fatalf("describe long %q", d)
	}
}

func TestFilter(t *testing.T) {
	tk := Ticket{ID: 3, RemoteID: 123, Subject: "VPN Drops Hourly", Requester: "dana", Owner: "", Status: StatusOpen, Tier: L2, Queue: "Network"}
	yes := []Filter{
		{}, {Text: "vpn"}, {Text: "#12"}, {Text: "#"}, {Tiers: []Tier{L1, L2}}, {ActiveOnly: true}, {Unowned: true},
		{Requester: "dana", Queue: "Network", Statuses: []Status{StatusOpen}},
	}
	no := []Filter{
		{Text: "printer"}, {Tiers: []Tier{L3}}, {Owner: "alex"}, {Statuses: []Status{StatusNew}}, {Queue: "Endpoint"},
		{Requester: "sam"}, {Text: "#999"},
	}
	for _, f := range yes {
		if !f.Match(tk) {
			t.Errorf("%+v should match", f)
		}
	}
	for _, f := range no {
		if f.Match(tk) {
			t.Errorf("%+v should not match", f)
		}
	}
	tk.Status = StatusResolved
	if (Filter{ActiveOnly: true}).Match(tk) {
		t.Error("resolved passed ActiveOnly")
	}
}
