package sync_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
	"github.com/tierdesk/tierdesk/localdb/fts"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// kbRig is a rig whose server also keeps a knowledge base.
type kbRig struct {
	*rig
	kb *fakeKB
}

func newKBRig(t *testing.T) *kbRig {
	t.Helper()
	st, err := localdb.Open(t.TempDir(), localdb.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kb := newFakeKB()
	r := &rig{t: t, store: st, server: kb.fakeServer, engine: tdsync.New(st, kb, tdsync.Options{Logger: quiet, CreateGrace: -1, ArticleInterval: -1})}
	return &kbRig{rig: r, kb: kb}
}

// write records an article create (a.ID 0) or edit as the author would.
func (r *kbRig) write(a helpdesk.Article) (helpdesk.Mutation, helpdesk.Article) {
	r.t.Helper()
	r.n++
	m := helpdesk.Mutation{Kind: helpdesk.MutArticleCreate, Article: &a, ClientID: "a" + strings.Repeat("x", r.n), Author: "casey"}
	if a.ID != 0 {
		m.Kind, m.ArticleID = helpdesk.MutArticleEdit, a.ID
	}
	m, got, err := r.store.ApplyArticle(m)
	if err != nil {
		r.t.Fatalf("apply %s: %v", m.Kind, err)
	}
	return m, got
}

func (r *kbRig) localArticle(id uint64) helpdesk.Article {
	r.t.Helper()
	a, err := r.store.Article(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

func draft(title string) helpdesk.Article {
	return helpdesk.Article{Title: title, Summary: "short", Body: "## Problem\n\nIt broke.\n\n## Resolution\n\nFixed it.", Category: "Network"}
}

func TestOfflineArticleReachesServerOnce(t *testing.T) {
	r := newKBRig(t)
	_, a := r.write(draft("VPN drops on hotel wifi"))
	if !a.Pending || a.ID == 0 || a.ClientRef == "" {
		t.Fatalf("local article before sync: %+v", a)
	}
	res := r.mustSync()
	if res.Sent != 1 || r.kb.articleCount() != 1 || len(r.outbox()) != 0 {
		t.Fatalf("result %+v, server has %d articles, outbox %d", res, r.kb.articleCount(), len(r.outbox()))
	}
	got := r.localArticle(a.ID)
	if got.RemoteID == 0 || got.Pending || got.Version == "" {
		t.Fatalf("local article not mapped to the server's: %+v", got)
	}
	srv, _ := r.kb.article(got.RemoteID)
	if srv.Title != a.Title || srv.Body != a.Body || srv.Category != "Network" || srv.ClientRef != a.ClientRef {
		t.Fatalf("server has %+v", srv)
	}
	// The pull brings the same article back: still one, locally too.
	r.mustSync()
	n := 0
	for _, err := range r.store.Articles() {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if r.kb.articleCount() != 1 || n != 1 || r.kb.calls["article-create"] != 1 {
		t.Fatalf("duplicate: server %d, local %d, creates %d", r.kb.articleCount(), n, r.kb.calls["article-create"])
	}
}

func TestArticleCreateWithLostAnswerIsNotDuplicated(t *testing.T) {
	r := newKBRig(t)
	_, a := r.write(draft("Lost answer"))
	r.kb.after = func(op string) error {
		if op == "article-create" {
			return transient(op) // the server made it, the client never heard
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded through a broken connection")
	}
	if m := r.outbox(); len(m) != 1 || m[0].Progress != helpdesk.Attempted {
		t.Fatalf("outbox after the lost answer: %+v", m)
	}
	r.kb.after = nil
	r.mustSync()
	if r.kb.articleCount() != 1 || r.kb.calls["article-create"] != 1 || r.kb.calls["article-find"] != 1 {
		t.Fatalf("server has %d articles after %v", r.kb.articleCount(), r.kb.calls)
	}
	if got := r.localArticle(a.ID); got.RemoteID == 0 || got.Pending || len(r.outbox()) != 0 {
		t.Fatalf("local %+v, outbox %d", got, len(r.outbox()))
	}
}

func TestArticleCrashAfterSendingIsNotDuplicated(t *testing.T) {
	dir := t.TempDir()
	st, err := localdb.Open(dir, localdb.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	kb := newFakeKB()
	r := &kbRig{rig: &rig{t: t, store: st, server: kb.fakeServer}, kb: kb}
	m, a := r.write(draft("Crash after send"))
	// The engine recorded the attempt and the server made the article;
	// then the process died before it heard the answer.
	if err := st.Advance(m.Seq, helpdesk.Attempted); err != nil {
		t.Fatal(err)
	}
	if _, err := kb.CreateArticle(t.Context(), *m.Article, m.Article.ClientRef); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = localdb.Open(dir, localdb.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r.store, r.engine = st, tdsync.New(st, kb, tdsync.Options{Logger: quiet, CreateGrace: -1, ArticleInterval: -1})
	r.mustSync()
	if kb.articleCount() != 1 || kb.calls["article-create"] != 1 {
		t.Fatalf("server has %d articles after %v", kb.articleCount(), kb.calls)
	}
	if got := r.localArticle(a.ID); got.RemoteID == 0 || len(r.outbox()) != 0 {
		t.Fatalf("local %+v, outbox %d", got, len(r.outbox()))
	}
}

func TestPulledArticlesAreStoredAndSearchable(t *testing.T) {
	r := newKBRig(t)
	r.kb.pageSize = 2
	for _, title := range []string{"Printer jams on tray 2", "Outlook asks for the password", "Badge reader offline", "Wi-Fi drops in room 4"} {
		r.kb.serverArticle(helpdesk.Article{Title: title, Body: "Steps for " + title, Category: "General"})
	}
	res := r.mustSync()
	if res.Articles != 4 {
		t.Fatalf("pulled %d articles, want 4", res.Articles)
	}
	if c, _ := r.store.Cursor(tdsync.ArticlesCursor); c != "4" {
		t.Fatalf("article cursor %q, want 4", c)
	}
	hits := r.store.Search(fts.Query{Text: "outlook pasword", Kinds: []fts.Kind{fts.KindArticle}, Limit: 3})
	if len(hits) == 0 || r.localArticle(hits[0].ID).Title != "Outlook asks for the password" {
		t.Fatalf("search hits %+v", hits)
	}
	// A change on the server reaches the store and the index.
	r.kb.serverArticleEdit(r.localArticle(hits[0].ID).RemoteID, func(a *helpdesk.Article) { a.Body = "Reset the credential manager entry" })
	if res := r.mustSync(); res.Articles != 1 {
		t.Fatalf("second pull changed %d articles, want 1", res.Articles)
	}
	hits = r.store.Search(fts.Query{Text: "credential manager", Kinds: []fts.Kind{fts.KindArticle}, Limit: 3})
	if len(hits) != 1 {
		t.Fatalf("the edited text is not searchable: %+v", hits)
	}
}

func TestArticleEditMergesWithServerChanges(t *testing.T) {
	r := newKBRig(t)
	remote := r.kb.serverArticle(helpdesk.Article{Title: "Old title", Summary: "s", Body: "Old body", Category: "General"})
	r.mustSync()
	id, ok := r.store.ArticleLocalID(remote)
	if !ok {
		t.Fatal("pulled article not mapped")
	}
	a := r.localArticle(id)
	a.Title = "New title"
	r.write(a)
	// Meanwhile someone changes the text on the server.
	r.kb.serverArticleEdit(remote, func(a *helpdesk.Article) { a.Body = "Their body" })
	r.mustSync()
	srv, _ := r.kb.article(remote)
	if srv.Title != "New title" || srv.Body != "Their body" {
		t.Fatalf("server after merge: %+v", srv)
	}
	if got := r.localArticle(id); got.Title != "New title" || got.Body != "Their body" || got.Pending {
		t.Fatalf("local after merge: %+v", got)
	}
}

func TestArticleConflictIsParkedAndHoldsOnlyThatArticle(t *testing.T) {
	r := newKBRig(t)
	remote := r.kb.serverArticle(helpdesk.Article{Title: "Title", Body: "Body", Category: "General"})
	r.mustSync()
	id, _ := r.store.ArticleLocalID(remote)
	a := r.localArticle(id)
	a.Body = "My body"
	m, _ := r.write(a)
	a.Summary = "my later summary"
	r.write(a)
	tk := r.create("Ticket after the article edit")
	r.kb.serverArticleEdit(remote, func(a *helpdesk.Article) { a.Body = "Their body" })

	res := r.mustSync()
	if res.Conflicts != 1 || res.Sent != 1 {
		t.Fatalf("result %+v, want 1 conflict and the ticket sent", res)
	}
	got, _ := r.store.Summary(tk.ID)
	if got.RemoteID == 0 {
		t.Fatal("a conflicting article held back a ticket")
	}
	out := r.outbox()
	if len(out) != 2 || out[0].State != helpdesk.StateConflict || !strings.Contains(out[0].Error, "text") || out[1].State != helpdesk.StatePending {
		t.Fatalf("outbox %+v", out)
	}
	if srv, _ := r.kb.article(remote); srv.Summary != "" {
		t.Fatal("the later edit was sent past the conflict")
	}
	// The local view keeps the user's text over the pulled version.
	if l := r.localArticle(id); l.Body != "My body" || !l.Pending {
		t.Fatalf("local view %+v", l)
	}
	// Keep mine: sent again against the server's version.
	srv, _ := r.kb.article(remote)
	if err := r.store.RebaseArticle(m.Seq, srv); err != nil {
		t.Fatal(err)
	}
	r.mustSync()
	if srv, _ := r.kb.article(remote); srv.Body != "My body" || srv.Summary != "my later summary" || len(r.outbox()) != 0 {
		t.Fatalf("server after keep mine %+v, outbox %d", srv, len(r.outbox()))
	}
}

func TestArticleRefusalDoesNotHoldTickets(t *testing.T) {
	r := newKBRig(t)
	r.write(draft("Refused"))
	tk := r.create("Ticket after a refused article")
	r.kb.fail = func(op string) error {
		if op == "article-create" {
			return &tdsync.RefusedError{Status: 403, Message: "Permission Denied"}
		}
		return nil
	}
	res := r.mustSync()
	if res.Failed != 1 || res.Sent != 1 {
		t.Fatalf("result %+v", res)
	}
	if got, _ := r.store.Summary(tk.ID); got.RemoteID == 0 {
		t.Fatal("the ticket was held back by a refused article")
	}
	out := r.outbox()
	if len(out) != 1 || out[0].State != helpdesk.StateFailed || out[0].Error != "Permission Denied" || out[0].Article == nil || out[0].Article.Title != "Refused" {
		t.Fatalf("outbox %+v", out)
	}
	// Discarding the never-sent article removes it locally.
	if _, err := r.store.Discard(out[0].Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := r.store.Article(out[0].ArticleID); !errors.Is(err, localdb.ErrNotFound) {
		t.Fatalf("discarded article still there: %v", err)
	}
	if r.store.Pending() != 0 {
		t.Fatalf("pending %d", r.store.Pending())
	}
}

func TestTicketRefusalDoesNotHoldArticles(t *testing.T) {
	r := newKBRig(t)
	r.create("Refused ticket")
	_, a := r.write(draft("Article after a refused ticket"))
	r.kb.fail = func(op string) error {
		if op == "create" {
			return &tdsync.RefusedError{Status: 400, Message: "No permission to create tickets in the queue 'L1'"}
		}
		return nil
	}
	res := r.mustSync()
	if res.Failed != 1 || res.Sent != 1 || r.localArticle(a.ID).RemoteID == 0 {
		t.Fatalf("result %+v, article %+v", res, r.localArticle(a.ID))
	}
}

func TestArticlesArePulledAtTheirOwnPace(t *testing.T) {
	r := newKBRig(t)
	r.engine = tdsync.New(r.store, r.kb, tdsync.Options{Logger: quiet, CreateGrace: -1})
	r.kb.serverArticle(helpdesk.Article{Title: "First", Body: "b", Category: "General"})
	r.mustSync()
	r.kb.serverArticle(helpdesk.Article{Title: "Second", Body: "b", Category: "General"})
	if res := r.mustSync(); res.Articles != 0 || r.kb.calls["article-changes"] != 1 {
		t.Fatalf("an idle sync within the interval pulled articles: %+v, %v", res, r.kb.calls)
	}
	r.engine.SyncNow() // the user asks: everything, now
	if res := r.mustSync(); res.Articles != 1 {
		t.Fatalf("sync now did not pull the new article: %+v", res)
	}
	// Sending an article brings the knowledge base up to date at once.
	pulls := r.kb.calls["article-changes"]
	r.write(draft("Third"))
	if res := r.mustSync(); res.Sent != 1 || r.kb.calls["article-changes"] != pulls+1 {
		t.Fatalf("after sending an article: %+v, %v", res, r.kb.calls)
	}
}

func TestKnowledgeBaseRefusalDoesNotStopTicketSync(t *testing.T) {
	r := newKBRig(t)
	r.kb.fail = func(op string) error {
		if op == "article-changes" {
			return &tdsync.RefusedError{Status: 403, Message: "Permission Denied"}
		}
		return nil
	}
	remote := r.server.serverCreate("Printer offline", helpdesk.L1)
	res, err := r.sync()
	if err != nil || res.Pulled != 1 || r.kb.calls["article-changes"] != 1 {
		t.Fatalf("sync with the knowledge base refused: %+v, %v, %v", res, err, r.kb.calls)
	}
	r.local(remote)
}
