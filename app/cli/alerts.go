package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func (r *runner) alerts(args []string) error {
	c := r.flags("alerts", "alerts [--json]", "List the alert inbox, newest first: tickets that reached your tier, were\nassigned to you, got a reply on your request or near their due time.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("alerts takes no arguments")
	}
	return r.withDesk(func(d *app.Desk) error {
		as, err := d.Alerts()
		if err != nil {
			return err
		}
		if r.g.json {
			if as == nil {
				as = []helpdesk.Alert{} // "[]", not "null", for scripts
			}
			return r.writeJSON(as)
		}
		if len(as) == 0 {
			fmt.Fprintln(r.stderr, "No alerts.")
			return nil
		}
		tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tKIND\tREAD\tALERT")
		for _, a := range as {
			read := ""
			if a.Read {
				read = "read"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Created.Local().Format(timeLayout), a.Kind, read, oneLine(a.Title, 100))
		}
		return tw.Flush()
	})
}
