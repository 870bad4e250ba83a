package rt

import (
	"context"
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
		// The schema is needed next: learn it while RT looks for the head.
		learned := make(chan error, 1)
		go func() {
			_, err := c.loadSchema(ctx)
			learned <- err
		}()
		// Recorded before the first ticket is read: whatever changes from
		// now on is pulled again after the initial sync.
		head, err := c.head(ctx)
		if serr := <-learned; err == nil {
			err = serr
		}
		if err != nil {
			return tsync.Page{}, err
		}
		cur = cursor{txn: head, initial: true}
	}
	if cur.initial {
		return c.initialChanges(ctx, cur)
	}
	return c.feedPage(ctx, cur.txn)
}
