package rt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// pullAll reads every page of the article feed from cursor and returns the
// articles by server id and the cursor to continue from.
func pullAll(t *testing.T, c *Client, cursor string) (map[uint64]helpdesk.Article, string) {
	t.Helper()
	out := map[uint64]helpdesk.Article{}
	for range 1000 {
		p, err := c.ArticleChanges(ctx(t), cursor)
		if err != nil {
			t.Fatalf("ArticleChanges(%q): %v", cursor, err)
		}
		for _, a := range p.Articles {
			out[a.RemoteID] = a
		}
		if p.Cursor == "" {
			t.Fatalf("ArticleChanges(%q) returned no cursor", cursor)
		}
		cursor = p.Cursor
		if !p.More {
			return out, cursor
		}
	}
	t.Fatal("the article feed never ended")
	return nil, ""
}

// TestLiveArticleCreatePullUpdate files an article in a class, finds it by
// its reference, sees it in the feed with its Markdown intact, edits it
// against its version and sees the edit in the next pull.
func TestLiveArticleCreatePullUpdate(t *testing.T) {
	c := agent(t, "engineer2")
	_, cursor := pullAll(t, c, "")

	ref := newRef(t)
	body := "## Problem\n\nThe VPN *drops* every 10 minutes.\n\n## Resolution\n\n1. Update the client\n2. `ipconfig /flushdns`\n"
	want := helpdesk.Article{Title: "VPN drops every ten minutes " + ref, Summary: "Client update fixes it", Body: body, Category: "network"}
	got, err := c.CreateArticle(ctx(t), want, ref)
	if err != nil {
		t.Fatalf("CreateArticle: %v", err)
	}
	if got.RemoteID == 0 || got.Version == "" || got.Updated.IsZero() {
		t.Fatalf("created article lacks id, version or time: %+v", got)
	}
	if got.Title != want.Title || got.Summary != want.Summary || got.Category != "Network" || got.ClientRef != ref {
		t.Fatalf("created %+v, want title %q, summary %q, category Network, ref %q", got, want.Title, want.Summary, ref)
	}
	if strings.TrimRight(got.Body, "\n") != strings.TrimRight(body, "\n") {
		t.Fatalf("RT changed the Markdown:\n got %q\nwant %q", got.Body, body)
	}

	found, ok, err := c.FindArticle(ctx(t), ref)
	if err != nil || !ok || found.RemoteID != got.RemoteID {
		t.Fatalf("FindArticle(%s) = %d, %v, %v; want %d", ref, found.RemoteID, ok, err, got.RemoteID)
	}
	if _, ok, err := c.FindArticle(ctx(t), newRef(t)); err != nil || ok {
		t.Fatalf("FindArticle(unknown ref) = found %v, err %v; want not found", ok, err)
	}

	pulled, cursor := pullAll(t, c, cursor)
	p, ok := pulled[got.RemoteID]
	if !ok {
		t.Fatalf("the new article %d is not in the feed after the earlier cursor (got %d articles)", got.RemoteID, len(pulled))
	}
	if p != got {
		t.Fatalf("pulled %+v\nwant    %+v", p, got)
	}

	// An edit against the current version takes; the stale version is a
	// conflict and changes nothing.
	edit := got
	edit.Body = body + "\n3. Reboot\n"
	edit.Category = "General"
	updated, err := c.UpdateArticle(ctx(t), got.RemoteID, got.Version, edit)
	if err != nil {
		t.Fatalf("UpdateArticle: %v", err)
	}
	if !strings.Contains(updated.Body, "3. Reboot") || updated.Category != "General" || updated.Title != got.Title {
		t.Fatalf("updated article: %+v", updated)
	}
	pulled, _ = pullAll(t, c, cursor)
	if p, ok := pulled[got.RemoteID]; !ok || !strings.Contains(p.Body, "3. Reboot") {
		t.Fatalf("the edit is not in the next pull: %+v (found %v)", p, ok)
	}
	// A version the article no longer has is a conflict and changes
	// nothing. (RT's LastUpdated has whole seconds, so the test names an
	// old one rather than racing the clock.)
	stale := updated
	stale.Title = "Someone else's title"
	_, err = c.UpdateArticle(ctx(t), got.RemoteID, "2001-01-01T00:00:00Z", stale)
	if !errors.Is(err, tsync.ErrConflict) {
		t.Fatalf("UpdateArticle with a stale version: %v, want ErrConflict", err)
	}
	now, err := c.FetchArticle(ctx(t), got.RemoteID)
	if err != nil || now.Title != got.Title {
		t.Fatalf("after the conflict the article reads %+v, %v; want the title unchanged", now, err)
	}
}

// TestLiveArticleUnknownClass is a category RT has no class for: a clear
// refusal, nothing filed.
func TestLiveArticleUnknownClass(t *testing.T) {
	c := agent(t, "engineer2")
	ref := newRef(t)
	_, err := c.CreateArticle(ctx(t), helpdesk.Article{Title: "Nowhere " + ref, Body: "text", Category: "No such class"}, ref)
	var refused *tsync.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "No such class") {
		t.Fatalf("CreateArticle in an unknown class: %v, want a refusal naming the class", err)
	}
	if _, ok, err := c.FindArticle(ctx(t), ref); err != nil || ok {
		t.Fatalf("a refused create left an article: found %v, err %v", ok, err)
	}
}

// TestLiveArticleRequesterCannotWrite: RT refuses an unprivileged user's
// article; the refusal carries RT's words.
func TestLiveArticleRequesterCannotWrite(t *testing.T) {
	c := agent(t, "requester1")
	_, err := c.CreateArticle(ctx(t), helpdesk.Article{Title: "Not mine to write", Body: "text", Category: "General"}, newRef(t))
	if err == nil {
		t.Fatal("RT let a requester create an article")
	}
	var refused *tsync.RefusedError
	if !errors.As(err, &refused) && !errors.Is(err, tsync.ErrUnauthorized) {
		t.Fatalf("requester's create: %v (%T), want a refusal", err, err)
	}
}

// BenchmarkArticlePull reads the whole knowledge base from an empty cursor
// (a first sync), after making sure RT holds at least 100 articles.
//
//	go test -run '^$' -bench BenchmarkArticlePull ./sync/rt/
func BenchmarkArticlePull(b *testing.B) {
	cfg := Config{URL: srv.URL, User: "engineer2", Password: srv.AgentPassword, Timeout: time.Minute}
	c, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	count := func() int {
		n, cursor := 0, ""
		for {
			p, err := c.ArticleChanges(ctx, cursor)
			if err != nil {
				b.Fatal(err)
			}
			n += len(p.Articles)
			cursor = p.Cursor
			if !p.More {
				return n
			}
		}
	}
	for n := count(); n < 100; n++ {
		body := strings.Repeat(fmt.Sprintf("Step %d: check the cable, then the port. ", n), 40)
		if _, err := c.CreateArticle(ctx, helpdesk.Article{Title: fmt.Sprintf("Bench article %d", n), Body: body, Category: "General"}, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	articles := 0
	for b.Loop() {
		articles = count()
	}
	b.ReportMetric(float64(articles), "articles")
}
