package ui

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

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

	// Search narrows to the articles containing the text.
	word := strings.Fields(all[0].Title)[0]
	test.Type(k.search, strings.ToLower(word))
	n := 0
	for _, c := range k.childUIDs("") {
		n += len(k.childUIDs(c))
	}
	if n == 0 || n > len(all) || k.count.Text != plural(n, "article", "articles") {
		t.Fatalf("search %q: %d articles, label %q", word, n, k.count.Text)
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
