package localdb

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// The index answers filters from its packed keys first; after any mix of
// inserts, updates and removals it must give exactly what matching every
// ticket one by one gives, in the same order.
func TestIndexQueryMatchesAPlainScan(t *testing.T) {
	ix := &summaryIndex{byID: map[uint64]*entry{}, byRemote: map[uint64]uint64{}}
	r := rand.New(rand.NewPCG(1, 2))
	statuses := append(helpdesk.Statuses(), "someday") // one this build does not know
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Upserts come one at a time (an action) and in batches, which may
	// name a ticket twice (a pulled page): the later state wins.
	var batch []helpdesk.Ticket
	want := map[uint64]helpdesk.Ticket{}
	flush := func() {
		ix.upsert(batch...)
		for _, t := range batch {
			want[t.ID] = t
		}
		batch = nil
	}
	for i := range 3000 {
		id := uint64(1 + r.IntN(800))
		if i%7 == 0 {
			flush()
			ix.remove(id)
			delete(want, id)
			continue
		}
		batch = append(batch, helpdesk.Ticket{ID: id, RemoteID: id + 1000, Subject: fmt.Sprintf("Printer %d on floor %d", r.IntN(50), r.IntN(9)),
			Tier: helpdesk.Tier(r.IntN(4)), Status: statuses[r.IntN(len(statuses))], Owner: []string{"", "alex", "sam"}[r.IntN(3)],
			Updated: base.Add(time.Duration(r.IntN(500)) * time.Minute)})
		if r.IntN(3) == 0 || len(batch) > 60 {
			flush()
		}
	}
	flush()
	for id, w := range want {
		if e, ok := ix.byID[id]; !ok || e.t.Subject != w.Subject || !e.t.Updated.Equal(w.Updated) {
			t.Fatalf("ticket %d: index has %+v, want the last state upserted %+v", id, e, w)
		}
	}
	if len(ix.keys) != len(ix.sorted) || len(ix.sorted) != len(ix.byID) {
		t.Fatalf("keys %d, sorted %d, tickets %d", len(ix.keys), len(ix.sorted), len(ix.byID))
	}
	all := make([]*entry, 0, len(ix.byID))
	for _, e := range ix.byID {
		all = append(all, e)
	}
	slices.SortFunc(all, newer)
	filters := []helpdesk.Filter{
		{},
		{Tiers: []helpdesk.Tier{helpdesk.L2}},
		{Tiers: []helpdesk.Tier{helpdesk.L1, helpdesk.L3}, Statuses: []helpdesk.Status{helpdesk.StatusOpen}, Text: "floor 3"},
		{Statuses: []helpdesk.Status{"someday"}},
		{ActiveOnly: true, Owner: "alex"},
		{ActiveOnly: true, Tiers: []helpdesk.Tier{helpdesk.L1}, Text: "#10"},
		{Unowned: true, Statuses: []helpdesk.Status{helpdesk.StatusNew, helpdesk.StatusStalled}},
		{ActiveOnly: true},
		{Tiers: []helpdesk.Tier{helpdesk.L1}, Statuses: []helpdesk.Status{"someday", helpdesk.StatusOpen}},
	}
	for _, f := range filters {
		var want []uint64
		for _, e := range all {
			if f.Match(*e.t) {
				want = append(want, e.t.ID)
			}
		}
		var got []uint64
		for _, tk := range ix.query(f) {
			got = append(got, tk.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("filter %+v: index gives %d tickets, a scan %d", f, len(got), len(want))
		}
		if n := ix.count(f); n != len(want) {
			t.Errorf("filter %+v: count %d, a scan %d", f, n, len(want))
		}
	}
}
