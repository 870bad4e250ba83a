package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// timeLayout is how times are shown: local, to the minute, sortable.
const timeLayout = "2006-01-02 15:04"

// views maps --view names to the navigation's views.
var views = map[string]app.View{
	"mytier":   app.ViewMyTier,
	"assigned": app.ViewAssigned,
	"all":      app.ViewAll,
	"requests": app.ViewMyRequests,
}

func (r *runner) tickets(args []string) error {
	c := r.flags("tickets", "tickets [--view V] [--tier T] [--status S] [--owner NAME | --unowned] [--queue Q] [--requester NAME] [--text S] [--limit N]",
		"List tickets, most recently updated first. Filters combine; --tier and --status take\ncomma-separated lists (--status new,open). A status ending in ! is overdue.")
	view := c.String("view", "all", "`VIEW`: mytier (active tickets at your tier), assigned (active, yours), all, or requests (filed by you)")
	tiers := c.String("tier", "", "only these `TIERS`, e.g. L2 or L2,L3")
	statuses := c.String("status", "", "only these `STATUSES`, e.g. open or new,open,stalled")
	owner := c.String("owner", "", "only tickets owned by `NAME`")
	unowned := c.Bool("unowned", false, "only tickets nobody has taken")
	queue := c.String("queue", "", "only this `QUEUE`")
	requester := c.String("requester", "", "only tickets filed by `NAME`")
	text := c.String("text", "", "subject or reference contains `S` (case-insensitive)")
	limit := c.Int("limit", 0, "show at most `N` tickets (0: all)")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("tickets takes no arguments (got %q); filter with flags, e.g. --text %q", pos[0], strings.Join(pos, " "))
	}
	v, ok := views[strings.ToLower(*view)]
	if !ok {
		return usagef("--view %q: want mytier, assigned, all or requests", *view)
	}
	if *unowned && (*owner != "" || v == app.ViewAssigned) {
		return usagef("--unowned excludes --owner and --view assigned")
	}
	if *limit < 0 {
		return usagef("--limit %d: want 0 (all) or more", *limit)
	}
	return r.withDesk(func(d *app.Desk) error {
		f := v.Filter(d.Me())
		if *tiers != "" {
			f.Tiers = nil
			for _, s := range splitList(*tiers) {
				t, err := helpdesk.ParseTier(s)
				if err != nil {
					return fmt.Errorf("--tier: %w", err)
				}
				f.Tiers = append(f.Tiers, t)
			}
		}
		if *statuses != "" {
			for _, s := range splitList(*statuses) {
				st, err := helpdesk.ParseStatus(s)
				if err != nil {
					return fmt.Errorf("--status: %w", err)
				}
				f.Statuses = append(f.Statuses, st)
			}
			// An explicit status wins over the view's "active only":
			// "--view mytier --status resolved" means what it says.
			f.ActiveOnly = false
		}
		if *owner != "" {
			f.Owner = *owner
		}
		f.Unowned = f.Unowned || *unowned
		if *unowned {
			f.Owner = ""
		}
		if *queue != "" {
			f.Queue = *queue
		}
		if *requester != "" {
			f.Requester = *requester
		}
		f.Text = *text
		list := d.Tickets(f)
		total := len(list)
		if *limit > 0 && total > *limit {
			list = list[:*limit]
		}
		now := d.Now()
		if r.g.json {
			out := make([]ticketJSON, 0, len(list))
			for _, t := range list {
				out = append(out, newTicketJSON(t, now))
			}
			return r.writeJSON(out)
		}
		if total == 0 {
			fmt.Fprintln(r.stderr, "No tickets match.")
			return nil
		}
		tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REF\tTIER\tSTATUS\tPRIORITY\tOWNER\tUPDATED\tSUBJECT")
		for _, t := range list {
			ownerCol := t.Owner
			if t.Unowned() {
				ownerCol = "-"
			}
			status := string(t.Status)
			if t.Overdue(now) {
				status += "!"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Ref(), t.Tier, status, t.Priority,
				oneLine(ownerCol, 20), t.Updated.Local().Format(timeLayout), oneLine(t.Subject, 72))
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write the list: %w", err)
		}
		if len(list) < total {
			fmt.Fprintf(r.stderr, "(%d of %d tickets; --limit 0 shows all)\n", len(list), total)
		}
		return nil
	})
}

func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ticketJSON is a ticket as the command line prints it: the stored fields
// plus what a script would otherwise have to compute.
type ticketJSON struct {
	Ref     string `json:"ref"`
	Overdue bool   `json:"overdue"`
	*helpdesk.Ticket
	Conversation []commentJSON `json:"conversation,omitempty"`
}

func newTicketJSON(t *helpdesk.Ticket, now time.Time) ticketJSON {
	return ticketJSON{Ref: t.Ref(), Overdue: t.Overdue(now), Ticket: t}
}

// commentJSON names the comment kind ("reply", "note") instead of the
// stored number, so scripts need not know the encoding.
type commentJSON struct {
	helpdesk.Comment
	Kind string `json:"kind"`
}

func (r *runner) writeJSON(v any) error {
	enc := json.NewEncoder(r.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// resolve finds the ticket a reference names: "#123" is a server number,
// "new-5" a ticket created here (still found by that name after it reached
// the server, so a script that kept it keeps working), and a bare "123" the
// server number or, when the server has no such ticket, new-123: people
// drop the prefix of what create printed.
func resolve(d *app.Desk, ref string) (*helpdesk.Ticket, error) {
	s := strings.ToLower(strings.TrimSpace(ref))
	local := strings.HasPrefix(s, "new-")
	hash := strings.HasPrefix(s, "#")
	num := strings.TrimPrefix(strings.TrimPrefix(s, "new-"), "#")
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil || n == 0 {
		return nil, usagef("%q is not a ticket reference (want #123, 123 or new-5)", ref)
	}
	unsent := func() (*helpdesk.Ticket, bool) {
		t, ok := d.Summary(n)
		return t, ok && t.RemoteID == 0
	}
	if local {
		if t, ok := d.Summary(n); ok {
			return t, nil
		}
		return nil, fmt.Errorf("ticket new-%d: %w", n, app.ErrNotFound)
	}
	if t, ok := d.ByRemoteID(n); ok {
		return t, nil
	}
	if t, ok := unsent(); ok {
		if !hash {
			return t, nil
		}
		return nil, fmt.Errorf("ticket #%d: %w (did you mean new-%d? It has not reached the server yet)", n, app.ErrNotFound, n)
	}
	return nil, fmt.Errorf("ticket #%d: %w", n, app.ErrNotFound)
}

func (r *runner) show(args []string) error {
	c := r.flags("ticket show", "ticket show ID [--json]", "Show a ticket's fields and its conversation, oldest first.\nInternal notes are marked [note].")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: tierdesk ticket show ID")
	}
	return r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		t, err := d.Ticket(sum.ID)
		if err != nil {
			return err
		}
		conv, err := d.Conversation(t.ID)
		if err != nil {
			return err
		}
		now := d.Now()
		if r.g.json {
			out := newTicketJSON(&t, now)
			out.Conversation = make([]commentJSON, 0, len(conv))
			for _, c := range conv {
				out.Conversation = append(out.Conversation, commentJSON{Comment: c, Kind: c.Kind.String()})
			}
			return r.writeJSON(out)
		}
		return r.printTicket(t, conv, now)
	})
}

func (r *runner) printTicket(t helpdesk.Ticket, conv []helpdesk.Comment, now time.Time) error {
	tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
	owner := t.Owner
	if t.Unowned() {
		owner = "nobody"
	}
	row := func(k, v string) { fmt.Fprintf(tw, "%s\t%s\n", k, v) }
	row("Ticket:", t.Ref())
	row("Subject:", oneLine(t.Subject, 0))
	row("Status:", string(t.Status))
	row("Priority:", t.Priority.String())
	row("Tier:", t.Tier.Label())
	if t.Queue != "" {
		row("Queue:", oneLine(t.Queue, 0))
	}
	row("Requester:", oneLine(t.Requester, 0))
	row("Owner:", oneLine(owner, 0))
	row("Created:", t.Created.Local().Format(timeLayout))
	row("Updated:", t.Updated.Local().Format(timeLayout))
	if !t.Due.IsZero() {
		due := t.Due.Local().Format(timeLayout)
		if t.Overdue(now) {
			due += "  (overdue)"
		}
		row("Due:", due)
	}
	if t.RemoteID == 0 {
		row("Sync:", "created here, not yet on the server")
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write the ticket: %w", err)
	}
	for _, c := range conv {
		head := "[reply]"
		if c.Internal() {
			head = "[note] "
		}
		extra := ""
		if c.Pending {
			extra = " · not sent yet"
		}
		fmt.Fprintf(r.stdout, "\n%s %s · %s%s\n", head, oneLine(c.Author, 0), c.Created.Local().Format(timeLayout), extra)
		writeIndented(r.stdout, c.Body)
		for _, a := range c.Attachments {
			fmt.Fprintf(r.stdout, "    [attached: %s, %s]\n", oneLine(a.Name, 0), helpdesk.ByteSize(a.Size))
		}
	}
	if len(conv) == 0 {
		fmt.Fprintln(r.stdout, "\n(no conversation)")
	}
	return nil
}

// writeIndented prints a comment body indented under its header.
func writeIndented(w io.Writer, body string) {
	for line := range strings.SplitSeq(strings.TrimRight(clean(body, true), "\n "), "\n") {
		if strings.TrimSpace(line) == "" {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintf(w, "    %s\n", line)
	}
}

// clean removes control characters from text that came from the server or
// another user: an escape sequence in a subject must not be able to rewrite
// the terminal. Multi-line text keeps its newlines and tabs.
func clean(s string, multiline bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return -1
		case r == '\n' || r == '\t':
			if multiline {
				return r
			}
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return '�'
		}
		return r
	}, s)
}

// oneLine cleans s for a table cell and shortens it to limit runes (0: no
// limit).
func oneLine(s string, limit int) string {
	s = clean(s, false)
	if limit > 0 && utf8.RuneCountInString(s) > limit {
		r := []rune(s)
		return string(r[:limit-1]) + "…"
	}
	return s
}
