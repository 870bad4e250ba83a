package devgen

import (
	"reflect"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

func stats(o Options) Stats {
	var st Stats
	for b := range Batches(o) {
		st.Add(b)
	}
	return st
}

// The generated help desk must spread the way the issue asks: tiers about
// 75/20/5, every RT status, about forty owners, conversations of 0 to 20
// averaging about four, articles of 300 B to 20 KB.
func TestSpreads(t *testing.T) {
	st := stats(Options{Tickets: 20_000, Articles: 2_000, Seed: 3, BatchTickets: 700})
	if st.Tickets != 20_000 || st.Articles != 2_000 {
		t.Fatalf("generated %d tickets, %d articles", st.Tickets, st.Articles)
	}
	frac := func(tr helpdesk.Tier) float64 { return float64(st.ByTier[tr]) / float64(st.Tickets) }
	if l1, l2, l3 := frac(helpdesk.L1), frac(helpdesk.L2), frac(helpdesk.L3); l1 < 0.72 || l1 > 0.78 || l2 < 0.17 || l2 > 0.23 || l3 < 0.03 || l3 > 0.07 {
		t.Errorf("tiers L1 %.3f L2 %.3f L3 %.3f, want about 0.75/0.20/0.05", l1, l2, l3)
	}
	// Two years of history: mostly closed, a working set still open, and
	// new tickets only among the last week's.
	for _, s := range helpdesk.Statuses() {
		if st.ByStatus[s] < st.Tickets/500 {
			t.Errorf("status %s on %d tickets only", s, st.ByStatus[s])
		}
	}
	if res := st.ByStatus[helpdesk.StatusResolved]; res < st.Tickets*8/10 {
		t.Errorf("%d resolved of %d, want most", res, st.Tickets)
	}
	if n := len(st.Owners) - 1; n < 35 || n > 45 || st.Owners[""] == 0 || st.Owners[Me] == 0 {
		t.Errorf("%d owners (unowned %d, %s %d), want about forty with some unowned and some %s's", n, st.Owners[""], Me, st.Owners[Me], Me)
	}
	if avg := float64(st.Comments) / float64(st.Tickets); avg < 3.5 || avg > 4.5 {
		t.Errorf("%.2f comments a ticket, want about 4", avg)
	}
	if st.MaxConversation > MaxConversation || st.MaxConversation < 15 {
		t.Errorf("longest conversation %d, want long threads up to %d", st.MaxConversation, MaxConversation)
	}
	if st.MinArticle < 300 || st.MaxArticle > 20_000 || st.MaxArticle < 10_000 {
		t.Errorf("article bodies %d..%d bytes, want a spread within 300..20000", st.MinArticle, st.MaxArticle)
	}
}

// The same options give the same records, and every batch is valid data
// the store accepts as it is.
func TestDeterministicAndValid(t *testing.T) {
	o := Options{Tickets: 500, Articles: 50, Seed: 9, BatchTickets: 200}
	var a, b []localdb.Batch
	for x := range Batches(o) {
		a = append(a, x)
	}
	for x := range Batches(o) {
		b = append(b, x)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	if c := stats(Options{Tickets: 500, Articles: 50, Seed: 10}); reflect.DeepEqual(c, stats(o)) {
		t.Error("another seed gave the same store")
	}
	for _, x := range a {
		for _, tk := range x.Tickets {
			if err := tk.Validate(); err != nil || tk.ID == 0 || tk.RemoteID == 0 || tk.Updated.Before(tk.Created) {
				t.Fatalf("ticket %+v: %v", tk, err)
			}
		}
		for _, c := range x.Comments {
			if c.ID == 0 || c.TicketID == 0 || c.Body == "" || c.Author == "" {
				t.Fatalf("comment %+v", c)
			}
		}
	}
}
