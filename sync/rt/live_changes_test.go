package rt

import (
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// bulkTickets is how many tickets the sync test files: enough for several
// pages, few enough for RT's ~0.3 s per create.
const bulkTickets = 120

// pull runs Changes from cursor until the server has no more, as the
// engine does, and returns every page.
func pull(t *testing.T, c *Client, cursor string, between func(n int, p tsync.Page)) []tsync.Page {
	t.Helper()
	var pages []tsync.Page
	for n := 0; ; n++ {
		p, err := c.Changes(ctx(t), cursor)
		if err != nil {
			t.Fatalf("Changes(%q): %v", cursor, err)
		}
		pages = append(pages, p)
		if between != nil {
			between(n, p)
		}
		cursor = p.Cursor
		if !p.More {
			return pages
		}
		if n > 1000 {
			t.Fatal("Changes never ends")
		}
	}
}

func TestLiveChanges(t *testing.T) {
	other := agent(t, "agent1") // files and changes tickets
	const pageSize = 25
	me := agent(t, "engineer2", func(c *Config) { c.PageSize = pageSize })

	t0 := time.Now()
	ids := map[uint64]bool{}
	var order []uint64
	for i := range bulkTickets {
		tier := helpdesk.Tier(1 + i%3)
		tk := sample(fmt.Sprintf("Bulk ticket %d", i), tier)
		tk.Priority = helpdesk.Priority(i % 4)
		r := mustCreate(t, other, tk, fmt.Sprintf("Description %d", i))
		ids[r.Ticket.RemoteID] = true
		order = append(order, r.Ticket.RemoteID)
	}
	t.Logf("created %d tickets in %s", bulkTickets, time.Since(t0).Round(time.Millisecond))

	// Initial sync, with a change made after its first page to a ticket
	// that page delivered: the cursor recorded at the start must bring the
	// change back afterwards.
	var changedDuring uint64
	t0 = time.Now()
	var busy time.Duration
	seen := map[uint64]tsync.Remote{}
	lastDone := 0
	pages := pull(t, me, "", func(n int, p tsync.Page) {
		for _, r := range p.Tickets {
			if _, dup := seen[r.Ticket.RemoteID]; dup {
				t.Errorf("initial sync delivered #%d twice", r.Ticket.RemoteID)
			}
			seen[r.Ticket.RemoteID] = r
		}
		if len(p.Tickets) > pageSize {
			t.Errorf("page %d has %d tickets, more than %d", n, len(p.Tickets), pageSize)
		}
		if p.Done < lastDone || (p.Total >= 0 && p.Done > p.Total) {
			t.Errorf("page %d: progress %d/%d after %d", n, p.Done, p.Total, lastDone)
		}
		lastDone = p.Done
		if n == 0 {
			changedDuring = p.Tickets[0].Ticket.RemoteID
			s := time.Now()
			if err := other.Comment(ctx(t), changedDuring, helpdesk.Note, "changed during the initial sync"); err != nil {
				t.Fatal(err)
			}
			busy += time.Since(s)
		}
	})
	initial := time.Since(t0) - busy
	t.Logf("initial sync: %d tickets in %d pages, %s", len(seen), len(pages), initial.Round(time.Millisecond))
	if len(pages) < bulkTickets/pageSize {
		t.Errorf("only %d pages for %d tickets at %d a page", len(pages), len(seen), pageSize)
	}
	last := pages[len(pages)-1]
	if last.Total != len(seen) || last.Done != len(seen) {
		t.Errorf("final progress %d/%d, delivered %d", last.Done, last.Total, len(seen))
	}
	cursor := last.Cursor
	if _, err := strconv.ParseUint(cursor, 10, 64); err != nil {
		t.Fatalf("cursor after the initial sync is %q, want a transaction id", cursor)
	}
	for id := range ids {
		r, ok := seen[id]
		if !ok {
			t.Fatalf("initial sync missed #%d", id)
		}
		if len(r.Comments) != 1 || r.Comments[0].Body == "" || r.Ticket.Version == "" {
			t.Fatalf("#%d arrived incomplete: %+v", id, r)
		}
	}
	// The version a page carries is the ETag an update must send.
	for _, id := range []uint64{order[1], order[bulkTickets/2], order[bulkTickets-1]} {
		f, err := me.Fetch(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		// Pages leave ClientRef out: reading it costs a custom-field fetch per
		// ticket, and it only matters before a create is acknowledged.
		f.Ticket.ClientRef = ""
		if f.Ticket != seen[id].Ticket || !reflect.DeepEqual(f.Comments, seen[id].Comments) {
			t.Errorf("#%d from the sync differs from Fetch:\n%+v\n%+v", id, seen[id], f)
		}
	}

	// Incremental: the change made during the initial sync comes first.
	got := collectChanges(t, me, &cursor)
	if r, ok := got[changedDuring]; !ok || len(r.Comments) == 0 || r.Comments[len(r.Comments)-1].Kind != helpdesk.Note ||
		r.Comments[len(r.Comments)-1].Body != "changed during the initial sync" {
		t.Fatalf("the change made during the initial sync was not pulled: %+v", got)
	}

	// Another agent's changes show up in the next pull, the cursor advances.
	before := cursor
	touched := order[10:22] // more than a page of distinct tickets
	for _, id := range touched {
		f, err := other.Fetch(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		if err := other.Update(ctx(t), id, f.Ticket.Version, tsync.FieldChange{Status: ptr(helpdesk.StatusOpen), Owner: ptr("agent1")}); err != nil {
			t.Fatal(err)
		}
	}
	esc := order[30]
	if err := other.Update(ctx(t), esc, "", tsync.FieldChange{Tier: ptr(helpdesk.L3)}); err != nil {
		t.Fatal(err)
	}
	got = collectChanges(t, me, &cursor)
	for _, id := range touched {
		r, ok := got[id]
		if !ok || r.Ticket.Status != helpdesk.StatusOpen || r.Ticket.Owner != "agent1" {
			t.Fatalf("change to #%d not pulled: %+v", id, r.Ticket)
		}
	}
	if got[esc].Ticket.Tier != helpdesk.L3 || got[esc].Ticket.Queue != "L3" {
		t.Fatalf("escalation not pulled: %+v", got[esc].Ticket)
	}
	if a, _ := strconv.ParseUint(before, 10, 64); cursorID(t, cursor) <= a {
		t.Fatalf("cursor did not advance: %s → %s", before, cursor)
	}

	// A deleted ticket is reported as deleted, though searches no longer
	// find it (trap 5).
	// A ticket merged into another is gone too; the survivor is delivered.
	gone, merged, into := order[40], order[50], order[51]
	rootDelete(t, gone)
	agentPut(t, "agent1", merged, `{"MergeInto":"`+strconv.FormatUint(into, 10)+`"}`)
	deleted := map[uint64]bool{}
	delivered := map[uint64]bool{}
	for _, p := range pull(t, me, cursor, nil) {
		for _, id := range p.Deleted {
			deleted[id] = true
		}
		for _, r := range p.Tickets {
			delivered[r.Ticket.RemoteID] = true
		}
		cursor = p.Cursor
	}
	if !deleted[gone] || !deleted[merged] || delivered[gone] || delivered[merged] || !delivered[into] {
		t.Fatalf("deleted #%d and merged #%d into #%d: deleted %v, delivered %v", gone, merged, into, deleted, delivered)
	}
	if _, err := me.Fetch(ctx(t), gone); err == nil {
		t.Fatal("Fetch of a deleted ticket succeeded")
	}

	// Nothing new: an empty page, the cursor stays.
	p, err := me.Changes(ctx(t), cursor)
	if err != nil || len(p.Tickets) != 0 || len(p.Deleted) != 0 || p.More || p.Cursor != cursor {
		t.Fatalf("quiet pull: %+v %v", p, err)
	}
}

// collectChanges pulls from *cursor to the end, moving it, and returns
// the newest state of each ticket delivered.
func collectChanges(t *testing.T, c *Client, cursor *string) map[uint64]tsync.Remote {
	t.Helper()
	out := map[uint64]tsync.Remote{}
	for _, p := range pull(t, c, *cursor, nil) {
		for _, r := range p.Tickets {
			out[r.Ticket.RemoteID] = r
		}
		*cursor = p.Cursor
	}
	return out
}

func cursorID(t *testing.T, c string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(c, 10, 64)
	if err != nil {
		t.Fatalf("cursor %q: %v", c, err)
	}
	return n
}
