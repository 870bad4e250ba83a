package localdb

import (
	"errors"
	"slices"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

func articleMut(kind helpdesk.MutationKind, a helpdesk.Article) helpdesk.Mutation {
	m := mut(kind, 0)
	m.Article, m.ArticleID = &a, a.ID
	return m
}

func searchArticles(s *Store, text string) []uint64 {
	var ids []uint64
	for _, h := range s.Search(fts.Query{Text: text, Exact: true, Kinds: []fts.Kind{fts.KindArticle}, Limit: 10}) {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestInvalidArticleRecordsNothing(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	for _, a := range []helpdesk.Article{
		{Title: "", Body: "text", Category: "General"},
		{Title: "two\nlines", Body: "text", Category: "General"},
		{Title: "No body", Body: "  \n", Category: "General"},
		{Title: "No category", Body: "text"},
	} {
		if _, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleCreate, a)); !errors.Is(err, helpdesk.ErrInvalid) {
			t.Fatalf("ApplyArticle(%+v): %v, want ErrInvalid", a, err)
		}
	}
	if s.Pending() != 0 {
		t.Fatalf("pending %d after refused articles", s.Pending())
	}
	for a, err := range s.Articles() {
		t.Fatalf("an article was stored: %+v %v", a, err)
	}
	if _, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleEdit, helpdesk.Article{ID: 99, Title: "t", Body: "b", Category: "c"})); !errors.Is(err, ErrNotFound) {
		t.Fatalf("edit of an unknown article: %v", err)
	}
}

func TestArticleWrittenOfflineSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	m, a, err := s.ApplyArticle(articleMut(helpdesk.MutArticleCreate, helpdesk.Article{
		Title: "  Reset a forgotten BitLocker PIN ", Body: "Use the recovery key from the portal.", Category: "Security"}))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Reset a forgotten BitLocker PIN" || !a.Pending || a.ClientRef != m.ClientID || m.ArticleID != a.ID {
		t.Fatalf("stored %+v from %+v", a, m)
	}
	a.Body += "\n\nThen set a new PIN."
	if _, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleEdit, a)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleEdit, a)); !errors.Is(err, ErrNoChange) {
		t.Fatalf("an edit changing nothing: %v, want ErrNoChange", err)
	}
	if _, err := s.Edit(m.Seq, "reply text"); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("Edit on an article entry: %v", err)
	}
	s.Close()

	s = openTest(t, dir, Options{})
	got, err := s.Article(a.ID)
	if err != nil || got.Body != a.Body || !got.Pending {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
	var kinds []helpdesk.MutationKind
	for m, err := range s.Outbox() {
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, m.Kind)
	}
	if !slices.Equal(kinds, []helpdesk.MutationKind{helpdesk.MutArticleCreate, helpdesk.MutArticleEdit}) || s.Pending() != 2 {
		t.Fatalf("outbox after reopen: %v (pending %d)", kinds, s.Pending())
	}
	waitSearch(t, s)
	if ids := searchArticles(s, "bitlocker recovery"); !slices.Equal(ids, []uint64{a.ID}) {
		t.Fatalf("search after reopen: %v", ids)
	}
}

func TestArticlePullRebasesUnsentEdits(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	server := helpdesk.Article{RemoteID: 7, Title: "Printer", Summary: "s", Body: "Old steps", Category: "General", Version: "v1", Updated: t0}
	changed, err := s.ApplyArticlePull(helpdesk.ArticlePull{Articles: []helpdesk.Article{server}, Cursors: map[string]string{"articles": "c1"}})
	if err != nil || len(changed) != 1 {
		t.Fatalf("pull: %v %v", changed, err)
	}
	id := changed[0]
	if c, _ := s.Cursor("articles"); c != "c1" {
		t.Fatalf("cursor %q", c)
	}
	// The same copy again (the feed overlaps) changes nothing.
	if changed, err := s.ApplyArticlePull(helpdesk.ArticlePull{Articles: []helpdesk.Article{server}}); err != nil || len(changed) != 0 {
		t.Fatalf("re-pull changed %v, %v", changed, err)
	}
	mine, _ := s.Article(id)
	mine.Title = "Printer jams"
	m, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleEdit, mine))
	if err != nil {
		t.Fatal(err)
	}
	if m.BaseVersion != "v1" || m.FromArticle == nil || m.FromArticle.Title != "Printer" {
		t.Fatalf("edit not made against the server copy: %+v", m)
	}
	server.Body, server.Version = "New steps from the server", "v2"
	if _, err := s.ApplyArticlePull(helpdesk.ArticlePull{Articles: []helpdesk.Article{server}}); err != nil {
		t.Fatal(err)
	}
	view, _ := s.Article(id)
	if view.Title != "Printer jams" || view.Body != "New steps from the server" || !view.Pending {
		t.Fatalf("rebased view %+v", view)
	}
	// Acknowledged: the server's copy, no longer pending.
	server.Title, server.Version = "Printer jams", "v3"
	got, err := s.AcknowledgeArticle(m.Seq, server)
	if err != nil || got.Pending || got.Version != "v3" || got.ID != id || s.Pending() != 0 {
		t.Fatalf("acknowledged %+v %v (pending %d)", got, err, s.Pending())
	}
	if ids := searchArticles(s, "server"); !slices.Equal(ids, []uint64{id}) {
		t.Fatalf("search %v", ids)
	}
}

func TestDiscardArticleEditRestoresServerCopy(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	server := helpdesk.Article{RemoteID: 3, Title: "VPN", Body: "Server text", Category: "Network", Version: "v1"}
	changed, err := s.ApplyArticlePull(helpdesk.ArticlePull{Articles: []helpdesk.Article{server}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Article(changed[0])
	a.Body = "My text"
	m, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleEdit, a))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Discard(m.Seq); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Article(a.ID)
	if got.Body != "Server text" || got.Pending || s.Pending() != 0 {
		t.Fatalf("after discard %+v pending %d", got, s.Pending())
	}
}
