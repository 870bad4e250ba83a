package fts_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// memSource is a Source over a map, the test double of the store.
type memSource struct {
	mu   sync.Mutex
	docs map[[2]uint64]fts.Doc
}

func newMemSource() *memSource { return &memSource{docs: map[[2]uint64]fts.Doc{}} }

func (s *memSource) put(ds ...fts.Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		s.docs[[2]uint64{uint64(d.Kind), d.ID}] = d
	}
}

func (s *memSource) Doc(k fts.Kind, id uint64) (fts.Doc, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[[2]uint64{uint64(k), id}]
	return d, ok
}

// fixture is a small help desk: a few articles and tickets.
func fixture(t *testing.T) (*fts.Index, *memSource) {
	t.Helper()
	src := newMemSource()
	ix := fts.New(src)
	docs := []fts.Doc{
		{Kind: fts.KindArticle, ID: 1, Title: "Reset your password", Summary: "Forgot your password? Reset it yourself.",
			Body: "Open the self-service portal and choose **Reset password**. Answer the security questions.\n\nThe new password works after a few minutes.", Category: "Accounts"},
		{Kind: fts.KindArticle, ID: 2, Title: "VPN keeps disconnecting", Summary: "GlobalProtect drops the tunnel.",
			Body: "When the VPN disconnects repeatedly, restart the router. Use a cable instead of Wi-Fi.", Category: "Network"},
		{Kind: fts.KindArticle, ID: 3, Title: "Outlook shows Working Offline", Summary: "Get Outlook back online.",
			Body: "Click Work Offline on the Send/Receive tab to turn it off. Check the password if Outlook keeps asking for it.", Category: "Email"},
		{Kind: fts.KindArticle, ID: 4, Title: "Printer paper jam", Summary: "Clear a jam.",
			Body: "Open the front door and pull the paper out slowly. Printing resumes by itself.", Category: "Printing"},
		{Kind: fts.KindTicket, ID: 10, Title: "Cannot print on floor 3", Body: "The printer on floor 3 says paper jam.\n\nI cleared it, try again.",
			Notes: "Toner also low, ordered replacement.", Tier: helpdesk.L1, Status: helpdesk.StatusOpen},
		{Kind: fts.KindTicket, ID: 11, Title: "VPN drops every 5 minutes", Body: "Since the update the VPN disconnects.", Tier: helpdesk.L2, Status: helpdesk.StatusNew},
		{Kind: fts.KindTicket, ID: 12, Title: "Password expired", Body: "My password expired while travelling.", Notes: "Escalated: kerberos ticket issue on DC01.",
			Tier: helpdesk.L3, Status: helpdesk.StatusResolved},
	}
	src.put(docs...)
	ix.Upsert(docs...)
	return ix, src
}

type hitKey struct {
	kind fts.Kind
	id   uint64
}

func keys(hits []fts.Hit) []hitKey {
	var out []hitKey
	for _, h := range hits {
		out = append(out, hitKey{h.Kind, h.ID})
	}
	return out
}

func art(id uint64) hitKey { return hitKey{fts.KindArticle, id} }
func tkt(id uint64) hitKey { return hitKey{fts.KindTicket, id} }

func TestSearchBasics(t *testing.T) {
	ix, _ := fixture(t)
	for _, c := range []struct {
		name  string
		q     fts.Query
		first hitKey
		want  []hitKey // exact result set, when given
	}{
		{"stemmed", fts.Query{Text: "disconnected vpn "}, art(2), nil},
		{"inflection", fts.Query{Text: "printing jams ", Kinds: []fts.Kind{fts.KindArticle}}, art(4), nil},
		{"title beats body", fts.Query{Text: "password ", Kinds: []fts.Kind{fts.KindArticle}}, art(1), []hitKey{art(1), art(3)}},
		{"typo", fts.Query{Text: "outlok offline "}, art(3), nil},
		{"transposition", fts.Query{Text: "pasword reset "}, art(1), nil},
		{"two typos in a long word", fts.Query{Text: "disconecing "}, art(2), nil},
		{"prefix", fts.Query{Text: "vpn disconn"}, art(2), nil},
		{"prefix of a stem", fts.Query{Text: "printi", Kinds: []fts.Kind{fts.KindArticle}}, art(4), nil},
		{"exact: no prefix", fts.Query{Text: "disconn", Exact: true}, hitKey{}, []hitKey{}},
		{"more words first", fts.Query{Text: "password expired travelling "}, tkt(12), nil},
		{"hyphen", fts.Query{Text: "wifi "}, art(2), []hitKey{art(2)}},
		{"kind filter", fts.Query{Text: "vpn ", Kinds: []fts.Kind{fts.KindTicket}}, tkt(11), []hitKey{tkt(11)}},
		{"tier filter", fts.Query{Text: "password vpn print ", Tiers: []helpdesk.Tier{helpdesk.L2, helpdesk.L3}, Kinds: []fts.Kind{fts.KindTicket}},
			hitKey{}, []hitKey{tkt(11), tkt(12)}},
		{"status filter", fts.Query{Text: "password vpn print ", Statuses: []helpdesk.Status{helpdesk.StatusOpen}, Kinds: []fts.Kind{fts.KindTicket}},
			tkt(10), []hitKey{tkt(10)}},
		{"category filter", fts.Query{Text: "password ", Category: "email", Kinds: []fts.Kind{fts.KindArticle}}, art(3), []hitKey{art(3)}},
		{"unknown category", fts.Query{Text: "password ", Category: "nope", Kinds: []fts.Kind{fts.KindArticle}}, hitKey{}, []hitKey{}},
		{"notes are searched", fts.Query{Text: "kerberos "}, tkt(12), []hitKey{tkt(12)}},
		{"notes left out", fts.Query{Text: "kerberos ", NoNotes: true}, hitKey{}, []hitKey{}},
		{"short words have no typos", fts.Query{Text: "vpm "}, hitKey{}, []hitKey{}},
		{"limit", fts.Query{Text: "password ", Limit: 1, Kinds: []fts.Kind{fts.KindArticle}}, art(1), []hitKey{art(1)}},
		{"stop words only", fts.Query{Text: "the and of "}, hitKey{}, []hitKey{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := keys(ix.Search(c.q))
			if c.want != nil {
				a, b := slices.Clone(got), slices.Clone(c.want)
				cmp := func(x, y hitKey) int { return int(x.kind)*1000 + int(x.id) - int(y.kind)*1000 - int(y.id) }
				slices.SortFunc(a, cmp)
				slices.SortFunc(b, cmp)
				if !slices.Equal(a, b) {
					t.Fatalf("Search(%+v) = %v, want %v", c.q, got, c.want)
				}
			}
			if c.first != (hitKey{}) && (len(got) == 0 || got[0] != c.first) {
				t.Fatalf("Search(%+v) = %v, want %v first", c.q, got, c.first)
			}
		})
	}
}

func TestMatchedCount(t *testing.T) {
	ix, _ := fixture(t)
	hits := ix.Search(fts.Query{Text: "password expired zzqx "})
	if len(hits) == 0 || hits[0].Words != 3 || hits[0].Matched != 2 || hits[0].ID != 12 {
		t.Fatalf("hits = %+v", hits)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Matched > hits[i-1].Matched || hits[i].Matched == hits[i-1].Matched && hits[i].Score > hits[i-1].Score {
			t.Fatalf("hits out of order: %+v", hits)
		}
	}
}

// checkHighlights verifies that every highlighted range is a word that
// matches one of the stems.
func checkHighlights(t *testing.T, s string, spans []fts.Span, words ...string) {
	t.Helper()
	if len(spans) == 0 {
		t.Errorf("no highlight in %q", s)
	}
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
			t.Fatalf("span %v out of %q", sp, s)
		}
		w := strings.ToLower(s[sp.Start:sp.End])
		if !slices.ContainsFunc(words, func(p string) bool { return strings.HasPrefix(w, p) }) {
			t.Errorf("highlight %q in %q matches none of %v", w, s, words)
		}
	}
}

func TestSnippets(t *testing.T) {
	ix, _ := fixture(t)
	hits := ix.Search(fts.Query{Text: "security questions "})
	if len(hits) == 0 || hits[0].ID != 1 {
		t.Fatalf("hits = %+v", hits)
	}
	h := hits[0]
	if h.Title != "Reset your password" {
		t.Errorf("title %q", h.Title)
	}
	if !strings.Contains(h.Snippet, "Answer the security questions.") || strings.Contains(h.Snippet, "**") || strings.Contains(h.Snippet, "\n") {
		t.Errorf("snippet %q", h.Snippet)
	}
	checkHighlights(t, h.Snippet, h.Highlights, "security", "question")
	if len(h.Highlights) != 2 {
		t.Errorf("highlights %v", h.Highlights)
	}

	hits = ix.Search(fts.Query{Text: "pasword rese"})
	h = hits[0]
	checkHighlights(t, h.Title, h.TitleHighlights, "reset", "password")
	checkHighlights(t, h.Snippet, h.Highlights, "reset", "password")

	// A title-only match falls back to the opening of the text.
	hits = ix.Search(fts.Query{Text: "jam ", Kinds: []fts.Kind{fts.KindArticle}})
	if h := hits[0]; h.Snippet != "Clear a jam." {
		t.Errorf("snippet %q", h.Snippet)
	}
	// Notes are not shown to requesters.
	hits = ix.Search(fts.Query{Text: "toner printer ", NoNotes: true, Kinds: []fts.Kind{fts.KindTicket}})
	if len(hits) != 1 || strings.Contains(hits[0].Snippet, "Toner") {
		t.Errorf("hits %+v", hits)
	}
	hits = ix.Search(fts.Query{Text: "toner ", Kinds: []fts.Kind{fts.KindTicket}})
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "Toner") {
		t.Errorf("hits %+v", hits)
	}
}

func TestSnippetWindow(t *testing.T) {
	src := newMemSource()
	ix := fts.New(src)
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "Sentence number %d talks about nothing in particular. ", i)
	}
	b.WriteString("Here the docking station firmware finally gets updated. ")
	for i := range 30 {
		fmt.Fprintf(&b, "Filler sentence %d follows. ", i)
	}
	d := fts.Doc{Kind: fts.KindArticle, ID: 1, Title: "Long", Body: b.String()}
	src.put(d)
	ix.Upsert(d)
	h := ix.Search(fts.Query{Text: "docking firmware "})[0]
	if h.Snippet != "Here the docking station firmware finally gets updated." {
		t.Errorf("snippet %q", h.Snippet)
	}
	checkHighlights(t, h.Snippet, h.Highlights, "docking", "firmware")
	if len(h.Snippet) > 240 {
		t.Errorf("snippet is %d bytes", len(h.Snippet))
	}
}

func TestUpdateAndDelete(t *testing.T) {
	ix, src := fixture(t)
	d := fts.Doc{Kind: fts.KindTicket, ID: 11, Title: "Monitor flickers", Body: "The external monitor flickers.", Tier: helpdesk.L2, Status: helpdesk.StatusOpen}
	src.put(d)
	ix.Upsert(d)
	if got := keys(ix.Search(fts.Query{Text: "vpn ", Kinds: []fts.Kind{fts.KindTicket}})); len(got) != 0 {
		t.Errorf("old text still found: %v", got)
	}
	if got := keys(ix.Search(fts.Query{Text: "monitor "})); !slices.Equal(got, []hitKey{tkt(11)}) {
		t.Errorf("new text: %v", got)
	}
	// Same text, new state: only the filters change.
	d.Status, d.Tier = helpdesk.StatusResolved, helpdesk.L3
	ix.Upsert(d)
	if got := ix.Search(fts.Query{Text: "monitor ", Statuses: []helpdesk.Status{helpdesk.StatusOpen}}); len(got) != 0 {
		t.Errorf("status not updated: %v", keys(got))
	}
	if !ix.SetTicketState(11, helpdesk.L1, helpdesk.StatusOpen) || ix.SetTicketState(999, helpdesk.L1, helpdesk.StatusOpen) {
		t.Error("SetTicketState result")
	}
	if got := ix.Search(fts.Query{Text: "monitor ", Tiers: []helpdesk.Tier{helpdesk.L1}, Statuses: []helpdesk.Status{helpdesk.StatusOpen}}); len(got) != 1 {
		t.Errorf("state not updated: %v", keys(got))
	}
	ix.Delete(fts.KindTicket, 11)
	ix.Delete(fts.KindTicket, 11)
	ix.Delete(fts.KindArticle, 999)
	if got := ix.Search(fts.Query{Text: "monitor "}); len(got) != 0 {
		t.Errorf("deleted ticket found: %v", keys(got))
	}
	if n := ix.Len(fts.KindTicket); n != 2 {
		t.Errorf("Len = %d", n)
	}
	// A hit whose document vanished from the source before the snippet is dropped.
	src.mu.Lock()
	delete(src.docs, [2]uint64{uint64(fts.KindArticle), 1})
	src.mu.Unlock()
	if got := keys(ix.Search(fts.Query{Text: "reset password "})); slices.Contains(got, art(1)) {
		t.Errorf("vanished document returned: %v", got)
	}
}

// TestCompaction updates documents until dead ones are compacted away, and
// checks that results stay right throughout.
func TestCompaction(t *testing.T) {
	ix := fts.New(nil)
	var docs []fts.Doc
	for i := range 3000 {
		docs = append(docs, fts.Doc{Kind: fts.KindTicket, ID: uint64(i + 1), Title: fmt.Sprintf("printer %d jam", i), Body: fmt.Sprintf("word%d common", i)})
	}
	ix.Upsert(docs...)
	for round := range 3 {
		for i := range docs {
			docs[i].Body = fmt.Sprintf("word%d common round%d", i, round)
			ix.Upsert(docs[i])
		}
		st := ix.Stats()
		if st.Dead[fts.KindTicket] > 1024 && st.Dead[fts.KindTicket]*4 > st.Dead[fts.KindTicket]+st.Docs[fts.KindTicket] {
			t.Fatalf("round %d: %d dead documents not compacted", round, st.Dead[fts.KindTicket])
		}
		if got := ix.Search(fts.Query{Text: fmt.Sprintf("word17 round%d ", round)}); len(got) == 0 || got[0].ID != 18 || got[0].Matched != 2 {
			t.Fatalf("round %d: %+v", round, got)
		}
		if got := ix.Search(fts.Query{Text: fmt.Sprintf("round%d ", (round+2)%3), Limit: 5000}); round > 0 && len(got) != 0 {
			t.Fatalf("round %d: old text found in %d documents", round, len(got))
		}
	}
	ix.Compact()
	st := ix.Stats()
	if st.Dead[fts.KindTicket] != 0 || st.Docs[fts.KindTicket] != 3000 {
		t.Fatalf("after Compact: %+v", st)
	}
	if got := ix.Search(fts.Query{Text: "common ", Limit: 5000}); len(got) != 3000 {
		t.Fatalf("common: %d hits", len(got))
	}
}

func TestRebuild(t *testing.T) {
	ix, src := fixture(t)
	fresh := []fts.Doc{
		{Kind: fts.KindArticle, ID: 1, Title: "Badge not working", Body: "Ask reception."},
		{Kind: fts.KindTicket, ID: 20, Title: "Badge lost", Body: "Lost my badge at lunch.", Status: helpdesk.StatusNew},
		{Kind: fts.KindTicket, ID: 21, Title: "Badge broken", Body: "The badge is cracked.", Status: helpdesk.StatusNew},
	}
	src.put(fresh...)
	err := ix.Rebuild(func(yield func(fts.Doc, error) bool) {
		if !ix.Building() {
			t.Error("not building during the rebuild")
		}
		// Changes made while the rebuild runs are replayed on its result.
		late := fts.Doc{Kind: fts.KindTicket, ID: 22, Title: "Badge printer", Body: "Badge printer out of cards."}
		src.put(late)
		ix.Upsert(late)
		ix.Delete(fts.KindTicket, 21)
		ix.SetTicketState(20, helpdesk.L2, helpdesk.StatusOpen)
		for _, d := range fresh {
			if !yield(d, nil) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Building() {
		t.Error("still building")
	}
	got := keys(ix.Search(fts.Query{Text: "badge ", Limit: 10}))
	slices.SortFunc(got, func(a, b hitKey) int { return int(a.kind)*100 + int(a.id) - int(b.kind)*100 - int(b.id) })
	if !slices.Equal(got, []hitKey{art(1), tkt(20), tkt(22)}) {
		t.Errorf("after rebuild: %v", got)
	}
	if got := ix.Search(fts.Query{Text: "badge ", Statuses: []helpdesk.Status{helpdesk.StatusOpen}, Kinds: []fts.Kind{fts.KindTicket}}); len(got) != 1 || got[0].ID != 20 {
		t.Errorf("state change lost: %v", keys(got))
	}
	if got := ix.Search(fts.Query{Text: "vpn "}); len(got) != 0 {
		t.Errorf("old documents survive the rebuild: %v", keys(got))
	}

	// A failed rebuild keeps the index as it was.
	boom := errors.New("disk on fire")
	err = ix.Rebuild(func(yield func(fts.Doc, error) bool) {
		yield(fts.Doc{Kind: fts.KindTicket, ID: 30, Title: "ignored"}, nil)
		yield(fts.Doc{}, boom)
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got := ix.Search(fts.Query{Text: "badge "}); len(got) != 3 {
		t.Errorf("after failed rebuild: %v", keys(got))
	}
}

// TestConcurrentSearchAndUpdate searches while documents change; run it
// with -race.
func TestConcurrentSearchAndUpdate(t *testing.T) {
	ix, src := fixture(t)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			qs := []string{"password", "vpn disc", "printer jam ", "outlok", "ticket"}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				for _, h := range ix.Search(fts.Query{Text: qs[(i+g)%len(qs)]}) {
					if h.Title == "" {
						t.Error("hit without a title")
					}
				}
			}
		}()
	}
	for i := range 2000 {
		d := fts.Doc{Kind: fts.KindTicket, ID: uint64(100 + i%50), Title: fmt.Sprintf("ticket %d about vpn", i), Body: strings.Repeat("printer jam ", i%5+1)}
		src.put(d)
		ix.Upsert(d)
		if i%7 == 0 {
			ix.Delete(fts.KindTicket, uint64(100+(i/7)%50))
		}
		if i%100 == 0 {
			ix.Compact()
		}
	}
	close(stop)
	wg.Wait()
}
