package app

import (
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// Related returns up to n articles on the same subject as article id, best
// first: the article's title and summary searched as a query against the
// rest of the knowledge base. Nothing is returned until the search index is
// built, rather than a slow scan on the caller's goroutine.
func (d *Desk) Related(id uint64, n int) []helpdesk.Article {
	if n <= 0 || !d.store.SearchReady() {
		return nil
	}
	a, err := d.store.Article(id)
	if err != nil {
		return nil
	}
	text := strings.TrimSpace(a.Title + " " + a.Summary)
	if text == "" {
		return nil
	}
	hits := d.store.Search(fts.Query{Text: text, Exact: true, Kinds: []fts.Kind{fts.KindArticle}, Limit: n + 1})
	out := make([]helpdesk.Article, 0, n)
	for _, h := range hits {
		if h.ID == id || len(out) == n {
			continue
		}
		// Hits sharing one or two common words ("add", "company") are
		// noise, not relations: ask for a third of the words.
		if h.Words > 1 && (h.Matched < 2 || 3*h.Matched < h.Words) {
			continue
		}
		if r, err := d.store.Article(h.ID); err == nil {
			out = append(out, r)
		}
	}
	return out
}
