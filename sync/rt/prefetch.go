package rt

import (
	"context"
	"errors"
	"fmt"
	"time"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// An initial sync is bound by RT's answer time, not by this client: RT
// spends most of a second on each page of 100 tickets (the search, four
// pages of transactions, two of bodies), the client a few tens of
// milliseconds decoding and the store as much again. Fetched one page
// after another, the client's share and the engine storing each page add
// to RT's time, and one of RT's workers idles. So while the engine stores
// page N, the pages after it are already being read: one goroutine lists
// ticket pages (each search needs only the last id of the one before),
// another reads the tier field's values for the whole sync, and
// completers read the conversations of listed pages, at most
// prefetchCompleters at a time. RT then has a request waiting for each of
// its workers (the test server runs two) nearly all the time. Measured on
// RT 5.0.3 with 1000 tickets on two cores: 10.9 s fetched page after
// page, 4.3 s so (three completers were no faster). Within a completer the
// transaction and body pages are read two at a time (collection.go),
// which took it to 2.8-3.1 s; three completers then measured 2.7-2.9 s
// against a replay that also gets more in flight, within the noise. With
// the client's bound on requests in flight (maxInFlight, client.go) three
// completers have more ready than the bound takes, so RT has four of the
// client's requests for most of the sync (1.4-2.4 s of 3-3.5 s in the
// benchmark's recorded syncs, against 0.1-0.3 s with two completers and no
// bound), with the same most at once; four completers were no better.
const (
	prefetchCompleters = 3
	// prefetchAhead bounds the pages read ahead of the engine, so memory
	// stays a few pages whatever the size of the server.
	prefetchAhead = 3
	// prefetchIdle is how long read-ahead pages wait for the engine to ask
	// for them before the pipeline gives up (the engine stopped the sync,
	// say to report a store error); a later call simply starts again.
	prefetchIdle = 2 * time.Minute
)

// pipeline reads the pages of one initial sync ahead of the engine.
type pipeline struct {
	next   string // the cursor the engine is expected to ask with next
	ctx    context.Context
	cancel context.CancelFunc
	order  chan chan pageResult // one slot per page, in page order
}

// tierFuture is the tier field's values for every ticket still to come in
// an initial sync: one id-only search per value for the whole sync (a few
// pages each) rather than one per value and page.
type tierFuture struct {
	ready  chan struct{} // closed when values or err is set
	values map[uint64]string
	err    error
}

// wait returns the values once read.
func (f *tierFuture) wait(ctx context.Context) (map[uint64]string, error) {
	select {
	case <-f.ready:
		return f.values, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// pageResult is one finished page, or what stopped it.
type pageResult struct {
	page tsync.Page
	err  error
}

// initialChanges delivers the initial-sync page at cur (its head set),
// from the running pipeline when it is at that cursor, else from a new
// pipeline started there. Pages come out exactly as if each were read when
// asked: same tickets, same cursors.
func (c *Client) initialChanges(ctx context.Context, cur cursor) (tsync.Page, error) {
	raw := cur.String()
	c.pmu.Lock()
	defer c.pmu.Unlock()
	for attempt := 0; ; attempt++ {
		if c.pipe == nil || c.pipe.next != raw {
			c.stopPipeline()
			// Learned once here rather than by the pipeline's first
			// requests, which would each learn it at the same time.
			if _, err := c.loadSchema(ctx); err != nil {
				return tsync.Page{}, err
			}
			c.pipe = c.startPipeline(ctx, raw, cur)
		}
		p := c.pipe
		res, ok := p.take(ctx)
		if ctx.Err() != nil {
			c.stopPipeline()
			return tsync.Page{}, fmt.Errorf("initial sync: %w", ctx.Err())
		}
		// A pipeline that ended on its own (idle, or started under a
		// context that has since ended) has nothing valid to give: start
		// again at this cursor, once.
		if !ok || (res.err != nil && p.ctx.Err() != nil) {
			c.stopPipeline()
			if attempt == 0 {
				continue
			}
			if res.err != nil {
				return tsync.Page{}, res.err
			}
			return tsync.Page{}, errors.New("rt: initial sync: the read-ahead stopped")
		}
		if res.err != nil || !res.page.More {
			c.stopPipeline()
		} else {
			p.next = res.page.Cursor
		}
		return res.page, res.err
	}
}

// stopPipeline cancels the read-ahead, if any; its goroutines end on their
// own.
func (c *Client) stopPipeline() {
	if c.pipe != nil {
		c.pipe.cancel()
		c.pipe = nil
	}
}

// take waits for the next page; ok is false when the pipeline ended
// without one.
func (p *pipeline) take(ctx context.Context) (pageResult, bool) {
	var slot chan pageResult
	select {
	case s, ok := <-p.order:
		if !ok {
			return pageResult{}, false
		}
		slot = s
	case <-ctx.Done():
		return pageResult{}, false
	}
	select {
	case r := <-slot:
		return r, true
	case <-ctx.Done():
		return pageResult{}, false
	}
}

// startPipeline starts listing ticket pages from cur and completing them.
// Its context outlives the call but ends with ctx.
func (c *Client) startPipeline(ctx context.Context, raw string, cur cursor) *pipeline {
	pctx, cancel := context.WithCancel(ctx)
	p := &pipeline{next: raw, ctx: pctx, cancel: cancel, order: make(chan chan pageResult, prefetchAhead)}
	tiers := &tierFuture{ready: make(chan struct{})}
	go func() {
		defer close(tiers.ready)
		s, err := c.loadSchema(pctx)
		if err != nil {
			tiers.err = err
			return
		}
		tiers.values, tiers.err = c.tierValuesIn(pctx, s, fmt.Sprintf("id > %d", cur.after))
	}()
	go c.list(pctx, cancel, cur, tiers, p.order)
	return p
}

// list walks the ticket pages in id order. For each it queues a slot in
// order and starts completing the page into it, at most
// prefetchCompleters pages at a time; it ends after the last page, after
// a failure (queued as that page's result), or when nobody takes the
// pages.
func (c *Client) list(ctx context.Context, cancel context.CancelFunc, cur cursor, tiers *tierFuture, order chan<- chan pageResult) {
	defer close(order)
	sem := make(chan struct{}, prefetchCompleters)
	idle := time.NewTimer(prefetchIdle)
	defer idle.Stop()
	queue := func(slot chan pageResult) bool {
		idle.Reset(prefetchIdle)
		select {
		case order <- slot:
			return true
		case <-ctx.Done():
			return false
		case <-idle.C:
			cancel()
			return false
		}
	}
	for {
		skel, items, s, err := c.listPage(ctx, cur)
		slot := make(chan pageResult, 1)
		if err != nil {
			slot <- pageResult{err: err}
			queue(slot)
			return
		}
		if len(items) == 0 {
			slot <- pageResult{page: skel}
			queue(slot)
			return
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		go func() {
			defer func() { <-sem }()
			slot <- c.complete(ctx, s, skel, items, tiers)
		}()
		if !queue(slot) || !skel.More {
			return
		}
		cur, err = parseCursor(skel.Cursor)
		if err != nil { // our own encoding: cannot happen
			return
		}
	}
}

// listPage reads the tickets after cur.after (one search) and works out
// the page's cursor, progress and whether more follow, without the
// tickets' conversations.
func (c *Client) listPage(ctx context.Context, cur cursor) (tsync.Page, []ticketJSON, *schema, error) {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return tsync.Page{}, nil, nil, err
	}
	p, err := c.searchTickets(ctx, s, fmt.Sprintf("id > %d", cur.after), c.cfg.PageSize)
	if err != nil {
		return tsync.Page{}, nil, nil, err
	}
	if len(p.Items) == 0 {
		return tsync.Page{Cursor: cursor{txn: cur.txn}.String(), Total: cur.done, Done: cur.done}, nil, s, nil
	}
	last := uint64(p.Items[len(p.Items)-1].ID)
	done := cur.done + len(p.Items)
	out := tsync.Page{Total: -1, Done: done}
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
	return out, p.Items, s, nil
}

// complete adds the listed tickets' tiers, versions and conversations.
func (c *Client) complete(ctx context.Context, s *schema, skel tsync.Page, items []ticketJSON, tiers *tierFuture) pageResult {
	first, last := uint64(items[0].ID), uint64(items[len(items)-1].ID)
	// The search is in id order, so the page's transactions are exactly
	// those between its first and last id the user may see.
	convs, err := c.conversations(ctx, s, fmt.Sprintf("ObjectId >= %d AND ObjectId <= %d", first, last))
	if err != nil {
		return pageResult{err: err}
	}
	tv, err := tiers.wait(ctx)
	if err != nil {
		return pageResult{err: err}
	}
	skel.Tickets, err = c.assemble(ctx, s, items, tv, convs)
	if err != nil {
		return pageResult{err: err}
	}
	return pageResult{page: skel}
}
