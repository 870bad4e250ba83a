package rt

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// headProbe is how many transactions the first look for the newest asks
// for. RT renders every row of a page: on the test server a page of 100
// took 80 ms to answer against 40 for 10, and the head is read before an
// initial sync's first ticket page and in every feed poll. Rows the user
// may not see are dropped after paging, so when none of the first few is
// visible, pages of 100 follow.
const headProbe = 10

// head is the id of the newest ticket transaction the user may see, 0 if
// none. RT filters rows the user may not see after the SQL query (the
// autoreply record that ends most creations is one), so a few pages may be
// needed to find one.
func (c *Client) head(ctx context.Context) (uint64, error) {
	newest, last, err := c.newestTransaction(ctx, headProbe, 1)
	if err != nil || newest > 0 || last {
		return newest, err
	}
	for n := 1; n <= 3; n++ {
		newest, last, err := c.newestTransaction(ctx, MaxPageSize, n)
		if err != nil || newest > 0 || last {
			return newest, err
		}
	}
	return 0, nil
}

// newestTransaction reads page n of the ticket transactions, newest first,
// and returns the newest id on it the user may see (0 if none) and whether
// RT says it is the last page.
func (c *Client) newestTransaction(ctx context.Context, perPage, n int) (uint64, bool, error) {
	var p page[struct {
		ID flexID `json:"id"`
	}]
	_, err := c.get(ctx, "find the newest transaction", "/transactions", url.Values{
		"query":    {"ObjectType = 'RT::Ticket'"},
		"orderby":  {"id"},
		"order":    {"DESC"},
		"per_page": {strconv.Itoa(perPage)},
		"page":     {strconv.Itoa(n)},
	}, &p)
	if err != nil {
		return 0, false, err
	}
	var newest uint64
	for _, it := range p.Items {
		newest = max(newest, uint64(it.ID))
	}
	return newest, p.Pages != nil && n >= int(*p.Pages), nil
}

// feedPage delivers the tickets touched by the transactions after txn.
func (c *Client) feedPage(ctx context.Context, after uint64) (tsync.Page, error) {
	head, err := c.head(ctx)
	if err != nil {
		return tsync.Page{}, err
	}
	if head <= after {
		return tsync.Page{Cursor: cursor{txn: after}.String(), Total: 0}, nil
	}
	txns, err := c.feed(ctx, after, head)
	if err != nil {
		return tsync.Page{}, err
	}
	if len(txns) == 0 {
		// Nothing between the cursor and the head is visible after all.
		return tsync.Page{Cursor: cursor{txn: head}.String(), Total: 0}, nil
	}
	// Tickets in the order the feed first touched them, at most a page of
	// them; the cursor stops at the last transaction taken.
	var ids []uint64
	seen := map[uint64]bool{}
	next := after
	for _, tx := range txns {
		id := uint64(tx.ObjectID)
		if !seen[id] {
			if len(ids) == c.cfg.PageSize {
				break
			}
			seen[id] = true
			ids = append(ids, id)
		}
		next = uint64(tx.ID)
	}
	tickets, deleted, err := c.load(ctx, ids)
	if err != nil {
		return tsync.Page{}, err
	}
	return tsync.Page{
		Tickets: tickets,
		Deleted: deleted,
		Cursor:  cursor{txn: next}.String(),
		More:    next < head,
		Total:   -1,
		Done:    len(tickets) + len(deleted),
	}, nil
}

// feed reads the ticket transactions in (after, head], one page of them.
// Rows the user may not see are dropped by RT after the SQL query, so a
// page can come back empty while later ones are not; it reads on until a
// page has something or the range is exhausted (ids are unique, so the
// range holds at most head-after rows).
func (c *Client) feed(ctx context.Context, after, head uint64) ([]txnJSON, error) {
	q := url.Values{
		"query":    {fmt.Sprintf("ObjectType = 'RT::Ticket' AND id > %d AND id <= %d", after, head)},
		"fields":   {"ObjectId"},
		"orderby":  {"id"},
		"per_page": {strconv.Itoa(MaxPageSize)},
	}
	for n := 1; uint64(n-1)*MaxPageSize < head-after && n <= maxPages; n++ {
		q.Set("page", strconv.Itoa(n))
		var p page[txnJSON]
		if _, err := c.get(ctx, "read the change feed", "/transactions", q, &p); err != nil {
			return nil, err
		}
		if len(p.Items) > 0 {
			return p.Items, nil
		}
	}
	return nil, nil
}
