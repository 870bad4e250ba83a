package rt

import (
	"context"
	"fmt"
	"strings"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// Changes returns one page of the change feed after cursor (see cursor).
//
// An initial sync ("" cursor) first records the newest transaction, then
// pages through every ticket in id order with a TicketSQL search. After it,
// each call reads the global transaction list after the cursor, turns it
// into the set of tickets it touched, and loads those in bulk; tickets that
// no longer load as themselves (deleted, merged, out of the user's sight)
// are reported in Deleted.
func (c *Client) Changes(ctx context.Context, raw string) (tsync.Page, error) {
	cur, err := parseCursor(raw)
	if err != nil {
		return tsync.Page{}, err
	}
	if strings.TrimSpace(raw) == "" {
		// Recorded before the first ticket is read: whatever changes from
		// now on is pulled again after the initial sync.
		head, err := c.head(ctx)
		if err != nil {
			return tsync.Page{}, err
		}
		cur = cursor{txn: head, initial: true}
	}
	if cur.initial {
		return c.initialPage(ctx, cur)
	}
	return c.feedPage(ctx, cur.txn)
}

// initialPage delivers the next page of the initial sync.
func (c *Client) initialPage(ctx context.Context, cur cursor) (tsync.Page, error) {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return tsync.Page{}, err
	}
	p, err := c.searchTickets(ctx, s, fmt.Sprintf("id > %d", cur.after), c.cfg.PageSize)
	if err != nil {
		return tsync.Page{}, err
	}
	if len(p.Items) == 0 {
		return tsync.Page{Cursor: cursor{txn: cur.txn}.String(), Total: cur.done, Done: cur.done}, nil
	}
	first, last := uint64(p.Items[0].ID), uint64(p.Items[len(p.Items)-1].ID)
	// The search is in id order, so the page is exactly the tickets the
	// user may see between its first and last id.
	tickets, err := c.remotes(ctx, s, p.Items,
		fmt.Sprintf("id >= %d AND id <= %d", first, last),
		fmt.Sprintf("ObjectId >= %d AND ObjectId <= %d", first, last))
	if err != nil {
		return tsync.Page{}, err
	}
	done := cur.done + len(p.Items)
	out := tsync.Page{Tickets: tickets, Total: -1, Done: done}
	if p.Total != nil {
		out.Total = cur.done + int(*p.Total)
		out.More = int(*p.Total) > len(p.Items)
	} else {
		// Without a count a short page may just have had rows filtered
		// out: only an empty page ends the sync.
		out.More = true
	}
	if out.More {
		out.Cursor = cursor{txn: cur.txn, initial: true, after: last, done: done}.String()
	} else {
		out.Cursor = cursor{txn: cur.txn}.String()
	}
	return out, nil
}
