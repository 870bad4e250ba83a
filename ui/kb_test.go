package ui

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
)

// newDemoFixture opens the generated demo workspace (about 300 tickets and
// the knowledge base) as the demo's L1 technician, or as me if given.
func newDemoFixture(t *testing.T, me app.Identity) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	clock := &testClock{now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)}
	d, err := app.OpenDemo(t.TempDir(), app.Options{
		Me:     me,
		Clock:  clock.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return attach(t, a, d, clock)
}

func TestKnowledgeBase(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	f.ui.nav.selectKind(navKB)
	k := f.ui.kb
	all, err := f.desk.Articles()
	if err != nil || len(all) == 0 {
		t.Fatalf("demo articles: %d, %v", len(all), err)
	}
	if k.count.Text != plural(len(all), "article", "articles") {
		t.Fatalf("count %q for %d articles", k.count.Text, len(all))
	}
	// Grouped by category, every branch open.
	cats := k.childUIDs("")
	if len(cats) < 2 {
		t.Fatalf("categories %q", cats)
	}
	for _, c := range cats {
		if !k.tree.IsBranchOpen(c) {
			t.Fatalf("category %s closed", c)
		}
	}

	// Search lists the ranked hits from the full-text index.
	if !f.desk.WaitSearch(30 * time.Second) {
		t.Fatal("the search index was not built")
	}
	word := strings.Fields(all[0].Title)[0]
	test.Type(k.search, strings.ToLower(word))
	n := len(k.hits)
	if !k.results.Visible() || k.tree.Visible() || n == 0 || n > len(all) ||
		k.results.Length() != n || k.count.Text != plural(n, "article", "articles") {
		t.Fatalf("search %q: %d hits, label %q", word, n, k.count.Text)
	}
	k.results.Select(0)
	if k.title.Text != k.hits[0].Title || !k.reading.Visible() {
		t.Fatalf("hit %q shown as %q", k.hits[0].Title, k.title.Text)
	}

	// Clearing the search brings back every article by category.
	k.search.SetText("")
	if k.results.Visible() || !k.tree.Visible() || k.count.Text != plural(len(all), "article", "articles") {
		t.Fatalf("cleared search: label %q", k.count.Text)
	}

	// Opening an article renders its Markdown.
	leaf := k.childUIDs(k.childUIDs("")[0])[0]
	k.tree.Select(leaf)
	a, _ := k.article(leaf)
	if k.title.Text != a.Title || !k.reading.Visible() || len(k.body.Segments) == 0 {
		t.Fatalf("article %q shown as %q with %d segments", a.Title, k.title.Text, len(k.body.Segments))
	}
	var text strings.Builder
	for _, s := range k.body.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			text.WriteString(ts.Text)
		}
	}
	if text.Len() == 0 {
		t.Fatal("the article body rendered no text")
	}
}

// TestKnowledgeBaseSearchTypos checks that the search forgives typos and
// ranks the article that fits best first.
func TestKnowledgeBaseSearchTypos(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	f.ui.nav.selectKind(navKB)
	k := f.ui.kb
	if !f.desk.WaitSearch(30 * time.Second) {
		t.Fatal("the search index was not built")
	}
	test.Type(k.search, "vpn disconects")
	if len(k.hits) == 0 || !k.results.Visible() {
		t.Fatalf("no hits for a misspelled query; label %q", k.count.Text)
	}
	if first := k.hits[0].Title; !strings.Contains(strings.ToLower(first), "vpn") {
		t.Fatalf("first hit %q is not the VPN article", first)
	}
	if k.note.Visible() {
		t.Error("the index-building note is shown with the index ready")
	}
	k.results.Select(0)
	if k.title.Text != k.hits[0].Title || len(k.body.Segments) == 0 {
		t.Fatalf("VPN hit shown as %q", k.title.Text)
	}

	k.search.SetText("pasword")
	if len(k.hits) == 0 || !strings.Contains(strings.ToLower(k.hits[0].Title+" "+k.hits[0].Snippet), "password") {
		t.Fatalf("\"pasword\" found %d hits", len(k.hits))
	}
}

func TestDemoWorkspaceRenders(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	if f.desk.Count() < 100 {
		t.Fatalf("demo has %d tickets", f.desk.Count())
	}
	if f.ui.tickets.list.Length() == 0 {
		t.Fatal("the demo L1 queue is empty")
	}
	f.ui.tickets.move(1)
	if f.ui.detail.id == 0 || len(f.ui.detail.timeline.Objects) == 0 {
		t.Fatal("the first demo ticket has no conversation")
	}
	if f.navCount("Assigned to me") == 0 {
		t.Error("nothing assigned to the demo user")
	}
}

// TestKnowledgeBaseBrowser checks the browser's extras: the category choice
// narrows the tree and the search, hits embolden the matched words, and an
// open article lists related ones that open on a click.
func TestKnowledgeBaseBrowser(t *testing.T) {
	f := newDemoFixture(t, app.Identity{})
	f.ui.nav.selectKind(navKB)
	k := f.ui.kb
	if !f.desk.WaitSearch(30 * time.Second) {
		t.Fatal("the search index was not built")
	}
	if len(k.category.Options) < 3 || k.category.Options[0] != allCategories {
		t.Fatalf("category choices %q", k.category.Options)
	}
	k.category.SetSelected("Network")
	if cats := k.childUIDs(""); len(cats) != 1 || cats[0] != catPrefix+"Network" {
		t.Fatalf("tree with Network chosen: %q", cats)
	}

	// "install" matches Software articles; narrowed to Network it must
	// not, and widening again brings them back.
	test.Type(k.search, "install")
	for _, h := range k.hits {
		if a, _ := f.desk.Article(h.ID); a.Category != "Network" {
			t.Fatalf("hit %q in %q with Network chosen", h.Title, a.Category)
		}
	}
	k.category.SetSelected(allCategories)
	if len(k.hits) == 0 {
		t.Fatal("no hits for install in all categories")
	}
	// The matched word is bold in the row.
	row := k.createHit()
	k.updateHit(0, row)
	bold := ""
	for _, r := range row.(*fyne.Container).Objects {
		for _, s := range r.(*widget.RichText).Segments {
			if ts := s.(*widget.TextSegment); ts.Style.TextStyle.Bold {
				bold += strings.ToLower(ts.Text) + " "
			}
		}
	}
	if !strings.Contains(bold, "install") {
		t.Fatalf("first hit %q / %q: bold text %q", k.hits[0].Title, k.hits[0].Snippet, bold)
	}

	// Related articles under a printer article are printer articles.
	k.search.SetText("PRN-2F-EAST")
	if len(k.hits) == 0 {
		t.Fatal("printer article not found")
	}
	k.results.Select(0)
	if !k.relatedHead.Visible() || len(k.relatedBox.Objects) == 0 {
		t.Fatalf("no related articles under %q", k.title.Text)
	}
	first := k.relatedBox.Objects[0].(*widget.Button)
	if !strings.Contains(first.Text, "printer") {
		t.Fatalf("first related article of %q is %q", k.title.Text, first.Text)
	}
	test.Tap(first)
	if k.title.Text != first.Text {
		t.Fatalf("clicking %q showed %q", first.Text, k.title.Text)
	}
}
