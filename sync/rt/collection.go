package rt

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
)

// maxPages bounds one listing, so a server that never stops answering
// full pages cannot keep a sync busy forever.
const maxPages = 10000

// collect reads every page of a collection request. RT leaves total and
// pages null for users who may not see every row, and it drops the rows
// they may not see after the SQL query, so a short page is not proof of the
// end: without a page count, reading stops at an empty page, or earlier
// when done (if given) says the caller has all it needs.
//
// Page URLs are built here from r.query; RT's next_page links carry a stray
// "&=&" (trap 8) and are never followed.
func collect[T any](ctx context.Context, c *Client, r request, perPage int, done func(batch []T) bool) ([]T, error) {
	var all []T
	for n := 1; n <= maxPages; n++ {
		q := url.Values{}
		for k, v := range r.query {
			q[k] = v
		}
		q.Set("per_page", strconv.Itoa(perPage))
		q.Set("page", strconv.Itoa(n))
		var p page[T]
		pr := r
		pr.query, pr.out = q, &p
		pr.op = fmt.Sprintf("%s (page %d)", r.op, n)
		if _, err := c.do(ctx, pr); err != nil {
			return nil, err
		}
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
	return nil, fmt.Errorf("rt: %s: more than %d pages", r.op, maxPages)
}
