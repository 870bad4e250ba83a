package app

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestRelatedArticles(t *testing.T) {
	d, err := OpenDemo(t.TempDir(), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !d.WaitSearch(30 * time.Second) {
		t.Fatal("search index not built")
	}
	all, err := d.Articles()
	if err != nil || len(all) < 10 {
		t.Fatalf("articles: %d, %v", len(all), err)
	}
	withRelated := 0
	for _, a := range all {
		rel := d.Related(a.ID, 5)
		if len(rel) > 5 {
			t.Fatalf("%q: %d related, want at most 5", a.Title, len(rel))
		}
		seen := map[uint64]bool{}
		for _, r := range rel {
			if r.ID == a.ID || seen[r.ID] {
				t.Fatalf("%q: related lists itself or a duplicate: %+v", a.Title, rel)
			}
			seen[r.ID] = true
		}
		if len(rel) > 0 {
			withRelated++
		}
	}
	// The demo knowledge base has families of articles (VPN, printers,
	// mail...): most articles have a relation, and a VPN article's first
	// relation is about the VPN too.
	if withRelated < len(all)/2 {
		t.Fatalf("only %d of %d articles have related articles", withRelated, len(all))
	}
	for _, a := range all {
		if strings.Contains(a.Title, "VPN") {
			rel := d.Related(a.ID, 3)
			if len(rel) == 0 || !strings.Contains(strings.ToLower(rel[0].Title+rel[0].Body), "vpn") {
				t.Fatalf("%q: related %+v", a.Title, rel)
			}
			break
		}
	}
	if got := d.Related(1<<40, 3); got != nil {
		t.Fatalf("unknown article: %+v", got)
	}
}
