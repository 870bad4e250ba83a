package rt

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"sync"
)

// maxPages bounds one listing, so a server that never stops answering
// full pages cannot keep a sync busy forever.
const maxPages = 10000

// readAhead is how many pages of one collection are asked for at once
// once a full page says more may follow. Read one after another, the
// pages of a sync's transactions (four per 100 tickets) and message
// bodies (two) made a chain of six round trips per ticket page, and at
// the end of an initial sync the last page's chain ran alone on one of
// RT's workers for about a quarter of a second (BenchmarkInitialSync's
// in-flight log).
const readAhead = 2

// collect reads every page of a collection request. RT leaves total and
// pages null for users who may not see every row, and it drops the rows
// they may not see after the SQL query, so a short page is not proof of the
// end: without a page count, reading stops at an empty page, or earlier
// when done (if given) says the caller has all it needs.
//
// After a full page the next readAhead pages are asked for together; the
// answer is the same as reading them one by one, at the cost of at most
// one page asked for past the end.
//
// Page URLs are built here from r.query; RT's next_page links carry a stray
// "&=&" (trap 8) and are never followed.
func collect[T any](ctx context.Context, c *Client, r request, perPage int, done func(batch []T) bool) ([]T, error) {
	return collectExpecting(ctx, c, r, perPage, 0, done)
}

// collectExpecting is collect for a caller that expects at least expect
// items: the pages those fill (readAhead at most) are asked for at once
// from the start. A wrong guess costs one empty page, never a wrong answer.
func collectExpecting[T any](ctx context.Context, c *Client, r request, perPage, expect int, done func(batch []T) bool) ([]T, error) {
	var all []T
	next := 1                                                   // the first page not asked for yet
	width := max(1, min(readAhead, (expect+perPage-1)/perPage)) // pages to ask for at once
	for next <= maxPages {
		width = min(width, maxPages-next+1)
		got := make([]page[T], width)
		errs := make([]error, width)
		var wg sync.WaitGroup
		for i := range width {
			wg.Go(func() { errs[i] = collectPage(ctx, c, r, perPage, next+i, &got[i]) })
		}
		wg.Wait()
		for i := range got {
			// A page after the one that ended the listing was asked for
			// only in case: what became of it does not matter.
			if errs[i] != nil {
				return nil, errs[i]
			}
			p, n := &got[i], next+i
			all = append(all, p.Items...)
			switch {
			case p.Pages != nil:
				if n >= int(*p.Pages) {
					return all, nil
				}
			case len(p.Items) == 0:
				return all, nil
			case done != nil && len(p.Items) < perPage && done(all):
				return all, nil
			}
		}
		last := got[width-1]
		next += width
		switch {
		case last.Pages != nil:
			width = min(readAhead, int(*last.Pages)-next+1)
		case len(last.Items) >= perPage:
			width = readAhead
		default:
			width = 1 // after a short page the next is most likely the empty last one
		}
	}
	return nil, fmt.Errorf("rt: %s: more than %d pages", r.op, maxPages)
}

// collectPage reads page n of r into p.
func collectPage[T any](ctx context.Context, c *Client, r request, perPage, n int, p *page[T]) error {
	q := url.Values{}
	for k, v := range r.query {
		q[k] = v
	}
	q.Set("per_page", strconv.Itoa(perPage))
	q.Set("page", strconv.Itoa(n))
	pr := r
	pr.query, pr.out = q, p
	pr.op = fmt.Sprintf("%s (page %d)", r.op, n)
	_, err := c.do(ctx, pr)
	return err
}
