package rt

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// The initial sync reads pages ahead of the engine (prefetch.go). What it
// delivers must not depend on that: the same pages whether each is read
// when asked (a fresh client per page), asked twice in a row (the engine
// asks again for a page it failed to store), or asked after the call that
// started the read-ahead was cancelled.
func TestLiveInitialReadAheadDeliversTheSamePages(t *testing.T) {
	const pageSize, pages = 5, 5
	creator := agent(t, "agent1")
	for i := range pageSize*pages + 1 {
		tk := sample(fmt.Sprintf("Read-ahead ticket %d", i), helpdesk.Tier(1+i%3))
		r := mustCreate(t, creator, tk, fmt.Sprintf("Read-ahead description %d", i))
		if i%2 == 0 {
			if err := creator.Comment(ctx(t), r.Ticket.RemoteID, helpdesk.Note, fmt.Sprintf("note on %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	small := func(c *Config) { c.PageSize = pageSize }

	// Reference: every page from a client that has read nothing ahead.
	var want []string
	cursor := ""
	for range pages {
		p, err := agent(t, "engineer2", small).Changes(ctx(t), cursor)
		if err != nil {
			t.Fatalf("Changes(%q) on a fresh client: %v", cursor, err)
		}
		want = append(want, pageDigest(p))
		cursor = p.Cursor
	}
	if !strings.Contains(want[pages-1], "#") {
		t.Fatalf("the reference walk ran out of tickets: %q", want)
	}

	// One client reading ahead, asked for page 2 twice.
	c := agent(t, "engineer2", small)
	var got []string
	cursor = ""
	for n := range pages {
		p, err := c.Changes(ctx(t), cursor)
		if err != nil {
			t.Fatalf("Changes(%q): %v", cursor, err)
		}
		got = append(got, pageDigest(p))
		if n == 1 {
			again, err := c.Changes(ctx(t), cursor)
			if err != nil {
				t.Fatalf("Changes(%q) again: %v", cursor, err)
			}
			if d := pageDigest(again); d != got[n] {
				t.Errorf("page %d asked again:\n got %s\nwant %s", n+1, d, got[n])
			}
		}
		cursor = p.Cursor
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages read ahead differ from pages read when asked:\n got %q\nwant %q", got, want)
	}

	// The read-ahead started under a context that ended: the next page is
	// read again under the caller's.
	c = agent(t, "engineer2", small)
	first, cancel := context.WithCancel(ctx(t))
	p, err := c.Changes(first, "")
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	p, err = c.Changes(ctx(t), p.Cursor)
	if err != nil {
		t.Fatalf("Changes after the first call's context ended: %v", err)
	}
	if d := pageDigest(p); d != want[1] {
		t.Errorf("page 2 after a cancelled read-ahead:\n got %s\nwant %s", d, want[1])
	}
}

// pageDigest is what a page says about its tickets, comparable as text.
func pageDigest(p tsync.Page) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "cursor=%s more=%v done=%d total=%d deleted=%v:", p.Cursor, p.More, p.Done, p.Total, p.Deleted)
	for _, r := range p.Tickets {
		tk := r.Ticket
		fmt.Fprintf(&sb, " #%d v%s %s %s %s owner=%q comments=%d", tk.RemoteID, tk.Version, tk.Tier, tk.Status, tk.Queue, tk.Owner, len(r.Comments))
		for _, cm := range r.Comments {
			fmt.Fprintf(&sb, " [%d %v %s %q]", cm.RemoteID, cm.Kind, cm.Author, cm.Body)
		}
	}
	return sb.String()
}
