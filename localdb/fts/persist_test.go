package fts_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftscorpus"
)

// persistQueries cover exact words, prefixes, typos and filters, so a
// restored index is compared on every path a search takes.
var persistQueries = []fts.Query{
	{Text: "password"},
	{Text: "passw"},
	{Text: "pasword reset "},
	{Text: "vpn disconnect ", Tiers: []helpdesk.Tier{helpdesk.L2}},
	{Text: "printer jam", Statuses: []helpdesk.Status{helpdesk.StatusOpen}},
	{Text: "outlook offline", Kinds: []fts.Kind{fts.KindArticle}, Category: "email"},
	{Text: "toner", NoNotes: true},
	{Text: "kerberos "},
}

// searchAll runs every query with a large limit, scores included.
func searchAll(ix *fts.Index, qs []fts.Query) [][]fts.Hit {
	var out [][]fts.Hit
	for _, q := range qs {
		q.Limit = 50
		out = append(out, ix.Search(q))
	}
	return out
}

// sameResults reports whether two runs of the queries found the same hits
// in the same order, with the same snippets and scores equal to within a
// millionth: scores are float32 sums, a prefix group's summed in map
// order, so their last bit differs from run to run of the same index.
func sameResults(t *testing.T, qs []fts.Query, got, want [][]fts.Hit) bool {
	t.Helper()
	same := true
	for i := range qs {
		if len(got[i]) != len(want[i]) {
			t.Errorf("query %+v: %d hits, want %d", qs[i], len(got[i]), len(want[i]))
			same = false
			continue
		}
		for j := range got[i] {
			g, w := got[i][j], want[i][j]
			if math.Abs(g.Score-w.Score) > 1e-6*math.Abs(w.Score) {
				t.Errorf("query %+v, hit %d: score %v, want %v", qs[i], j, g.Score, w.Score)
				same = false
			}
			g.Score = w.Score
			if !reflect.DeepEqual(g, w) {
				t.Errorf("query %+v, hit %d: %+v, want %+v", qs[i], j, g, w)
				same = false
			}
		}
	}
	return same
}

// TestSnapshotRoundTrip saves an index that has been updated (appended
// postings, dead documents, states changed) and checks that the restored
// index answers every query exactly as the original, and takes updates
// the same way afterwards.
func TestSnapshotRoundTrip(t *testing.T) {
	c := ftscorpus.Quality(300)
	src := ftscorpus.NewSource(c)
	ix := fts.New(src)
	if err := ix.Rebuild(docs(c)); err != nil {
		t.Fatal(err)
	}
	// Updates after the build leave tails and dead documents to compact.
	for i := range 40 {
		d := fts.TicketDoc(c.Tickets[i], c.Comments[i])
		d.Body += " replacement keyboard ordered"
		ix.Upsert(d)
	}
	ix.Delete(fts.KindTicket, c.Tickets[50].ID)
	ix.SetTicketState(c.Tickets[51].ID, helpdesk.L3, helpdesk.StatusResolved)
	qs := append([]fts.Query{{Text: "keyboard ordered"}}, persistQueries...)
	for _, q := range c.Queries {
		qs = append(qs, fts.Query{Text: q.Text})
	}
	snap := ix.AppendSnapshot(nil)
	// The snapshot compacts the index first, which drops the replaced
	// documents from the frequencies that scores, completions and
	// corrections use (as any compaction does): the restored index must
	// answer as the original does from here on.
	if st := ix.Stats(); st.Dead[fts.KindTicket] != 0 {
		t.Fatalf("%d dead documents after AppendSnapshot", st.Dead[fts.KindTicket])
	}
	want := searchAll(ix, qs)
	stats := ix.Stats()
	re := fts.New(src)
	re.Hold()
	if !re.Building() {
		t.Error("a held index does not report Building")
	}
	if err := re.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if re.Building() {
		t.Error("Building after Restore")
	}
	if got := searchAll(re, qs); !sameResults(t, qs, got, want) {
		t.FailNow()
	}
	if st := re.Stats(); st.Docs != stats.Docs || st.Terms != stats.Terms || st.Words != stats.Words {
		t.Errorf("restored stats %+v, original %+v", st, stats)
	}
	// Both take the same update the same way, new words included.
	d := fts.Doc{Kind: fts.KindTicket, ID: c.Tickets[3].ID, Title: "Zeppelin docking station", Body: "the zeppelin dock is dead", Tier: helpdesk.L1, Status: helpdesk.StatusOpen}
	ix.Upsert(d)
	re.Upsert(d)
	more := append(qs, fts.Query{Text: "zepelin "}, fts.Query{Text: "dock"})
	if !sameResults(t, more, searchAll(re, more), searchAll(ix, more)) {
		t.Error("an update after the restore gives other results than on the original")
	}
	// A snapshot of the restored index is the same bytes.
	if again := re.AppendSnapshot(nil); !reflect.DeepEqual(again, ix.AppendSnapshot(nil)) {
		t.Error("snapshot of the restored index differs from the original's")
	}
}

// TestRestoreReplaysChangesSinceHold checks that what changes between Hold
// and Restore (what the store does before the index is read back) is in
// the restored index, and that searches meanwhile see those changes.
func TestRestoreReplaysChangesSinceHold(t *testing.T) {
	ix, src := fixture(t)
	snap := ix.AppendSnapshot(nil)

	re := fts.New(src)
	re.Hold()
	nd := fts.Doc{Kind: fts.KindTicket, ID: 20, Title: "Scanner offline", Body: "The scanner on floor 2 is offline.", Tier: helpdesk.L1, Status: helpdesk.StatusNew}
	src.put(nd)
	re.Upsert(nd)
	re.Delete(fts.KindTicket, 11)
	re.SetTicketState(12, helpdesk.L1, helpdesk.StatusOpen) // not in the empty index yet: recorded anyway
	if got := keys(re.Search(fts.Query{Text: "scanner "})); !reflect.DeepEqual(got, []hitKey{tkt(20)}) {
		t.Errorf("before Restore, the new ticket: %v", got)
	}
	if err := re.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if got := keys(re.Search(fts.Query{Text: "scanner "})); !reflect.DeepEqual(got, []hitKey{tkt(20)}) {
		t.Errorf("after Restore, the ticket added while held: %v", got)
	}
	if got := keys(re.Search(fts.Query{Text: "vpn ", Kinds: []fts.Kind{fts.KindTicket}})); len(got) != 0 {
		t.Errorf("the ticket deleted while held is back: %v", got)
	}
	if got := keys(re.Search(fts.Query{Text: "password ", Tiers: []helpdesk.Tier{helpdesk.L1}, Kinds: []fts.Kind{fts.KindTicket}})); !reflect.DeepEqual(got, []hitKey{tkt(12)}) {
		t.Errorf("the state changed while held: %v", got)
	}
}

// TestRestoreRefusesDamage cuts the snapshot short at every length and
// changes every byte of it in turn: Restore must refuse it with
// ErrBadSnapshot or accept it, never panic, and whatever it accepts must
// answer searches without panicking. A refused snapshot leaves the index
// held, for the caller's Rebuild.
func TestRestoreRefusesDamage(t *testing.T) {
	ix, _ := fixture(t)
	snap := ix.AppendSnapshot(nil)
	// try reports whether the damaged bytes were refused.
	try := func(what string, data []byte) bool {
		t.Helper()
		re := fts.New(nil) // no snippets: the index alone is under test
		re.Hold()
		err := re.Restore(data)
		if err != nil {
			if !errors.Is(err, fts.ErrBadSnapshot) {
				t.Fatalf("%s: %v, want ErrBadSnapshot", what, err)
			}
			if !re.Building() {
				t.Fatalf("%s: refused, but the index no longer holds", what)
			}
			return true
		}
		// The paths a damaged value could mislead: exact words, a prefix,
		// a typo, a filter, and an update merging new words.
		qs := persistQueries[:4]
		searchAll(re, qs)
		re.Upsert(fts.Doc{Kind: fts.KindTicket, ID: 99, Title: "printer password vpn", Body: "offline jam zebra"})
		searchAll(re, qs)
		return false
	}
	for n := range len(snap) {
		if !try("cut", snap[:n]) {
			t.Fatalf("a snapshot cut to %d of %d bytes was restored", n, len(snap))
		}
	}
	refused, tried := 0, 0
	for i := range snap {
		for _, x := range []byte{0x01, 0x80} {
			bad := append([]byte(nil), snap...)
			bad[i] ^= x
			tried++
			if try("changed", bad) {
				refused++
			}
		}
	}
	// Most single-byte changes touch an offset, a length or a posting;
	// the rest (a hash, a frequency, a length count) are harmless.
	if refused < tried/2 {
		t.Errorf("only %d of %d damaged snapshots refused", refused, tried)
	}
	t.Logf("%d of %d single-byte changes refused", refused, tried)
	if !try("trailing", append(append([]byte(nil), snap...), 0)) {
		t.Error("a snapshot with a byte after its end was restored")
	}
}
