package rtlive

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// engineer2 is the L2 engineer who writes knowledge-base articles.
var engineer2 = app.Identity{Name: "engineer2", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}

// newAuthorAccount adds an RT account for engineer2 at serverURL.
func newAuthorAccount(t testing.TB, serverURL string) account {
	t.Helper()
	a := account{dir: t.TempDir(), name: "RT KB " + nonce(t), secrets: &app.MemorySecrets{}}
	err := app.AddAccount(a.dir, app.NewAccount{
		Name:   a.name,
		Server: app.Server{Kind: "rt", URL: serverURL, User: engineer2.Name},
		Me:     engineer2,
		Secret: srv.AgentPassword,
	}, a.secrets)
	if err != nil {
		t.Fatalf("AddAccount: %v", err)
	}
	return a
}

// articleGate is a gate that can also lose the answer to the next article
// create: RT files the article, the client hears a broken connection.
type articleGate struct {
	*gate
	front       *httptest.Server
	loseArticle atomic.Bool
}

func newArticleGate(t testing.TB) *articleGate {
	g := &articleGate{gate: newGate(t)}
	g.front = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/REST/2.0/article") && g.loseArticle.CompareAndSwap(true, false) {
			out := r.Clone(r.Context())
			out.RequestURI = ""
			out.URL.Scheme, out.URL.Host, out.Host = g.target.Scheme, g.target.Host, g.target.Host
			if resp, err := http.DefaultTransport.RoundTrip(out); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			hangUp(w)
			return
		}
		g.gate.ServeHTTP(w, r)
	}))
	t.Cleanup(g.front.Close)
	return g
}

func (g *articleGate) URL() string { return g.front.URL }

// rtArticle is an article as root reads it from RT.
type rtArticle struct {
	ID           int    `json:"id"`
	Name         string `json:"Name"`
	Summary      string `json:"Summary"`
	CustomFields []struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
	} `json:"CustomFields"`
}

func (a rtArticle) cf(name string) string {
	for _, f := range a.CustomFields {
		if f.Name == name && len(f.Values) > 0 {
			return f.Values[0]
		}
	}
	return ""
}

// articlesNamed returns the RT articles with exactly this name, as root.
func articlesNamed(t testing.TB, name string) []rtArticle {
	t.Helper()
	var c collection[struct {
		ID string `json:"id"`
	}]
	asUser("root").must(t, 200, "POST", "/articles", url.Values{"per_page": {"100"}},
		[]map[string]any{{"field": "Name", "operator": "=", "value": name}}, &c)
	var out []rtArticle
	for _, it := range c.Items {
		var a rtArticle
		asUser("root").must(t, 200, "GET", "/article/"+it.ID, nil, nil, &a)
		out = append(out, a)
	}
	return out
}

// localArticle finds the desk's article with this title.
func localArticle(t testing.TB, d *app.Desk, title string) (helpdesk.Article, bool) {
	t.Helper()
	as, err := d.Articles()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Title == title {
			return a, true
		}
	}
	return helpdesk.Article{}, false
}

// Articles written in RT reach the desk with their class as category and
// are found by the offline full-text search with the network gone; an
// edit made in RT later replaces the local copy and its index entry.
func TestRTArticlesAreSearchableOffline(t *testing.T) {
	g := newArticleGate(t)
	d, _ := newAuthorAccount(t, g.URL()).open(t, tdsync.Options{ArticleInterval: -1})
	tag := nonce(t)
	title := "Zebra label printer prints blank labels " + tag
	var created struct {
		ID string `json:"id"`
	}
	asUser("engineer3").must(t, 201, "POST", "/article", nil, map[string]any{
		"Class": "Network", "Name": title, "Summary": "Recalibrate the media sensor",
		"CustomFields": map[string]string{"Content": "## Problem\n\nLabels come out blank.\n\n## Resolution\n\nHold FEED for 2 s to calibrate the **media sensor** (" + tag + ").\n"},
	}, &created)

	res := mustSync(t, d)
	if res.Articles < 1 {
		t.Fatalf("sync pulled no articles: %+v", res)
	}
	a, ok := localArticle(t, d, title)
	if !ok {
		t.Fatalf("the article made in RT (%s) is not on the desk", created.ID)
	}
	if strconv.FormatUint(a.RemoteID, 10) != created.ID || a.Category != "Network" || a.Summary != "Recalibrate the media sensor" ||
		!strings.Contains(a.Body, "**media sensor**") || a.Pending {
		t.Fatalf("local copy %+v", a)
	}

	g.down.Store(true) // offline from here
	if !d.WaitSearch(30 * time.Second) {
		t.Fatal("search index not built")
	}
	hits := d.Search("zebra lable calibrate", app.SearchOptions{Kinds: []fts.Kind{fts.KindArticle}, Exact: true})
	if len(hits) == 0 || hits[0].ID != a.ID {
		t.Fatalf("offline search for the RT article: %+v (want article %d first)", hits, a.ID)
	}
	if hits := d.Search(tag, app.SearchOptions{Category: "Network"}); len(hits) != 1 || hits[0].ID != a.ID {
		t.Fatalf("search by the tag in Network: %+v", hits)
	}
	if _, err := d.SyncOnce(ctxFor(t, time.Minute)); err == nil {
		t.Fatal("sync succeeded with the network down")
	}
	if _, ok := localArticle(t, d, title); !ok {
		t.Fatal("a failed sync lost the article")
	}

	g.down.Store(false)
	asUser("engineer3").must(t, 200, "PUT", "/article/"+created.ID, nil, map[string]any{
		"CustomFields": map[string]string{"Content": "Replace the printhead ribbon cable (" + tag + ")."},
	}, nil)
	mustSync(t, d)
	if a, _ := localArticle(t, d, title); !strings.Contains(a.Body, "ribbon cable") {
		t.Fatalf("the RT edit did not reach the desk: %q", a.Body)
	}
	// Other articles (a reused RT) may match some of the words; only this
	// one matches all of them, and ranks first.
	if hits := d.Search("ribbon cable "+tag, app.SearchOptions{Kinds: []fts.Kind{fts.KindArticle}, Exact: true}); len(hits) == 0 || hits[0].ID != a.ID ||
		hits[0].Matched != hits[0].Words || (len(hits) > 1 && hits[1].Matched == hits[1].Words) {
		t.Fatalf("search after the RT edit: %+v", hits)
	}
}

// An article written in Tierdesk with the network down reaches RT exactly
// once: first through a create whose answer is lost (RT files it, the
// desk hears a broken connection), then through a restart of the app
// before the next sync. The next sync finds it by its "Tierdesk Ref"
// instead of filing it again. An offline edit follows it.
func TestOfflineArticleReachesRTExactlyOnce(t *testing.T) {
	g := newArticleGate(t)
	acct := newAuthorAccount(t, g.URL())
	d, _ := acct.open(t, tdsync.Options{CreateGrace: -1, ArticleInterval: -1})
	mustSync(t, d)

	g.down.Store(true)
	title := subject(t, "Outlook asks for the password every 5 minutes")
	body := "## Problem\n\nOutlook prompts for the password.\n\n## Resolution\n\nDelete the cached credential in Credential Manager.\n"
	a, err := d.SaveArticle(helpdesk.Article{Title: title, Summary: "Stale cached credential", Body: body, Category: "General"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.SyncOnce(ctxFor(t, time.Minute)); err == nil {
		t.Fatal("sync succeeded with the network down")
	}
	if n := len(articlesNamed(t, title)); n != 0 {
		t.Fatalf("RT has %d articles before the desk reached it", n)
	}

	// Back online, but the answer to the create is lost.
	g.down.Store(false)
	g.loseArticle.Store(true)
	if _, err := d.SyncOnce(ctxFor(t, time.Minute)); err == nil {
		t.Fatal("sync succeeded although the create's answer was lost")
	}
	if n := len(articlesNamed(t, title)); n != 1 {
		t.Fatalf("RT has %d articles after the lost answer, want 1", n)
	}
	if ob := outbox(t, d); len(ob) != 1 || ob[0].Kind != helpdesk.MutArticleCreate || ob[0].Progress != helpdesk.Attempted {
		t.Fatalf("outbox after the lost answer: %+v", ob)
	}

	// The app stops before it learns more; a new process opens the account.
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, _ = acct.open(t, tdsync.Options{CreateGrace: -1, ArticleInterval: -1})
	mustSync(t, d)
	got := articlesNamed(t, title)
	if len(got) != 1 {
		t.Fatalf("RT has %d articles %q after the restart, want 1", len(got), title)
	}
	if got[0].cf("Tierdesk Ref") != a.ClientRef || got[0].Summary != "Stale cached credential" ||
		strings.TrimRight(got[0].cf("Content"), "\n") != strings.TrimRight(body, "\n") {
		t.Fatalf("RT article %+v (client ref %s)", got[0], a.ClientRef)
	}
	local, err := d.Article(a.ID)
	if err != nil || local.RemoteID != uint64(got[0].ID) || local.Pending || d.State().Unsent != 0 {
		t.Fatalf("local %+v %v, unsent %d", local, err, d.State().Unsent)
	}
	as, err := d.Articles()
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, x := range as {
		if x.Title == title {
			shown++
		}
	}
	if shown != 1 {
		t.Fatalf("the desk shows %d articles %q", shown, title)
	}

	// An offline edit of it follows, once.
	g.down.Store(true)
	local.Body += "\nIf it comes back, re-create the Outlook profile.\n"
	if _, err := d.SaveArticle(local); err != nil {
		t.Fatal(err)
	}
	g.down.Store(false)
	if res := mustSync(t, d); res.Sent != 1 {
		t.Fatalf("edit sync: %+v", res)
	}
	got = articlesNamed(t, title)
	if len(got) != 1 || !strings.Contains(got[0].cf("Content"), "re-create the Outlook profile") {
		t.Fatalf("RT after the edit: %+v", got)
	}
	if res := mustSync(t, d); res.Sent != 0 || len(articlesNamed(t, title)) != 1 {
		t.Fatalf("a second sync sent again: %+v", res)
	}
}

// An article edit that collides with an edit of the same field in RT is
// parked as a conflict with nothing overwritten; "keep mine" sends it.
func TestArticleEditConflictWithRT(t *testing.T) {
	d, _ := newAuthorAccount(t, srv.URL).open(t, tdsync.Options{ArticleInterval: -1})
	title := subject(t, "VPN split tunnel")
	a, err := d.SaveArticle(helpdesk.Article{Title: title, Body: "Original text", Category: "Network"})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, d)
	a, _ = d.Article(a.ID)
	a.Body = "My text"
	if _, err := d.SaveArticle(a); err != nil {
		t.Fatal(err)
	}
	asUser("engineer3").must(t, 200, "PUT", "/article/"+strconv.FormatUint(a.RemoteID, 10), nil,
		map[string]any{"CustomFields": map[string]string{"Content": "Their text"}}, nil)
	res := mustSync(t, d)
	ob := outbox(t, d)
	if res.Conflicts != 1 || len(ob) != 1 || ob[0].State != helpdesk.StateConflict {
		t.Fatalf("result %+v, outbox %+v", res, ob)
	}
	if got := articlesNamed(t, title); len(got) != 1 || got[0].cf("Content") != "Their text" {
		t.Fatalf("RT after the conflict: %+v", got)
	}
	if err := d.KeepMine(ctxFor(t, time.Minute), ob[0].Seq); err != nil {
		t.Fatal(err)
	}
	mustSync(t, d)
	if got := articlesNamed(t, title); len(got) != 1 || got[0].cf("Content") != "My text" || d.State().Unsent != 0 {
		t.Fatalf("RT after keep mine: %+v (unsent %d)", got, d.State().Unsent)
	}
}
