package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// mutationJSON is an outbox entry plus the ticket reference and the
// one-line summary the text output shows.
type mutationJSON struct {
	Ref     string `json:"ref"`
	Summary string `json:"summary"`
	helpdesk.Mutation
}

func (r *runner) outbox(args []string) error {
	c := r.flags("outbox", "outbox [--json]", "List the changes made on this device that have not reached the server yet, in\nthe order they will be sent. Failed and conflicting ones wait for you to decide.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("outbox takes no arguments")
	}
	return r.withDesk(func(d *app.Desk) error {
		ms, err := d.Outbox()
		if err != nil {
			return err
		}
		ref := func(m helpdesk.Mutation) string {
			if m.Kind.IsArticle() {
				return fmt.Sprintf("article %d", m.ArticleID)
			}
			if t, ok := d.Summary(m.TicketID); ok {
				return t.Ref()
			}
			return fmt.Sprintf("ticket %d", m.TicketID)
		}
		if r.g.json {
			out := make([]mutationJSON, 0, len(ms))
			for _, m := range ms {
				out = append(out, mutationJSON{Ref: ref(m), Summary: m.Describe(), Mutation: m})
			}
			return r.writeJSON(out)
		}
		if len(ms) == 0 {
			fmt.Fprintln(r.stderr, "No changes waiting to be sent.")
			return nil
		}
		tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SEQ\tSTATE\tTICKET\tWHEN\tBY\tCHANGE")
		for _, m := range ms {
			change := oneLine(m.Describe(), 80)
			if m.Error != "" {
				change += " — " + oneLine(m.Error, 60)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", m.Seq, m.State, ref(m), m.Created.Local().Format(timeLayout), oneLine(m.Author, 20), change)
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write the outbox: %w", err)
		}
		return nil
	})
}
