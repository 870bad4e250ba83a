package fts_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tierdesk/tierdesk/localdb/fts"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftscorpus"
)

// docs yields every document of a corpus.
func docs(c *ftscorpus.Corpus) func(yield func(fts.Doc, error) bool) {
	return func(yield func(fts.Doc, error) bool) {
		for _, a := range c.Articles {
			if !yield(fts.ArticleDoc(a), nil) {
				return
			}
		}
		for i, t := range c.Tickets {
			if !yield(fts.TicketDoc(t, c.Comments[i]), nil) {
				return
			}
		}
	}
}

func buildIndex(t testing.TB, c *ftscorpus.Corpus) *fts.Index {
	t.Helper()
	ix := fts.New(ftscorpus.NewSource(c))
	if err := ix.Rebuild(docs(c)); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestSearchQuality runs queries with a known answer (plain, misspelled,
// inflected and half-typed) against a generated knowledge base of 330
// articles and 1,000 tickets: the answer must be in the top three for at
// least 95% of them.
func TestSearchQuality(t *testing.T) {
	c := ftscorpus.Quality(1000)
	ix := buildIndex(t, c)
	if len(c.Articles) < 300 || len(c.Queries) < 60 {
		t.Fatalf("corpus too small: %d articles, %d queries", len(c.Articles), len(c.Queries))
	}
	byForm := map[string][2]int{}
	hits3, hits1, mixed3 := 0, 0, 0
	for _, q := range c.Queries {
		res := ix.Search(fts.Query{Text: q.Text, Kinds: []fts.Kind{fts.KindArticle}, Limit: 3})
		rank := slices.IndexFunc(res, func(h fts.Hit) bool { return h.ID == q.Want })
		f := byForm[q.Form]
		f[1]++
		if rank >= 0 {
			hits3++
			f[0]++
			if rank == 0 {
				hits1++
			}
		} else {
			var got []string
			for _, h := range res {
				got = append(got, fmt.Sprintf("%d %q", h.ID, h.Title))
			}
			t.Logf("miss %-34q want %d %q, got %v", q.Text, q.Want, c.Articles[q.Want-1].Title, got)
		}
		byForm[q.Form] = f
		// Searching both kinds, the article should still be in the top 3.
		all := ix.Search(fts.Query{Text: q.Text, Limit: 3})
		if slices.ContainsFunc(all, func(h fts.Hit) bool { return h.Kind == fts.KindArticle && h.ID == q.Want }) {
			mixed3++
		}
	}
	n := len(c.Queries)
	recall := float64(hits3) / float64(n)
	t.Logf("recall@3 %.3f (%d/%d), recall@1 %.3f; searching tickets too: recall@3 %.3f", recall, hits3, n, float64(hits1)/float64(n), float64(mixed3)/float64(n))
	for _, form := range []string{"plain", "typo", "inflected", "prefix", "other"} {
		f := byForm[form]
		t.Logf("  %-9s %d/%d", form, f[0], f[1])
	}
	fmt.Printf("search quality: recall@3 = %.3f (%d/%d queries), recall@1 = %.3f\n", recall, hits3, n, float64(hits1)/float64(n))
	if recall < 0.95 {
		t.Errorf("recall@3 = %.3f, want ≥ 0.95", recall)
	}
}
