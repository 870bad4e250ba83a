package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// fileList collects a repeatable --attach flag.
type fileList []string

func (f *fileList) String() string { return strings.Join(*f, ", ") }

func (f *fileList) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty file name")
	}
	*f = append(*f, v)
	return nil
}

// reportJSON is what report --json prints.
type reportJSON struct {
	Ticket      ticketJSON            `json:"ticket"`
	SystemInfo  string                `json:"system_info,omitempty"`
	Attachments []helpdesk.Attachment `json:"attachments,omitempty"`
}

// report files a problem report with system information and files, the
// way the window's "Report a problem" form does.
func (r *runner) report(args []string) error {
	c := r.flags("report", "report --subject S --body TEXT|- [--severity low|normal|high|urgent] [--category C] [--attach FILE]... [--no-sysinfo]",
		"Report a problem as yourself: the description, this computer's system information (printed, so you\n"+
			"see what is sent; --no-sysinfo leaves it out) and any files. It is saved here at once and sent on\n"+
			"the next sync; prints the ticket's reference.\nCategories: "+categoryNames()+".")
	subject := c.String("subject", "", "`S`: a one-line summary (default: the first line of the body)")
	body := c.String("body", "", "what happened, `TEXT`; - reads it from stdin")
	severity := c.String("severity", "normal", "how bad it is, `SEVERITY`: low, normal, high or urgent")
	category := c.String("category", "", "the kind of problem, `C` (decides where it starts; default: the help desk)")
	var attach fileList
	c.Var(&attach, "attach", "attach `FILE` (repeat for several; up to 10 MB each)")
	noInfo := c.Bool("no-sysinfo", false, "do not attach the system information")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	stdinBody := len(pos) == 1 && pos[0] == "-"
	if len(pos) > 0 && !stdinBody {
		return usagef("report takes its fields as flags (got %q); e.g. --subject \"Printer offline\" --body \"...\"", pos[0])
	}
	if stdinBody && *body != "" {
		return usagef("give the body once: --body or -")
	}
	sev, err := helpdesk.ParsePriority(*severity)
	if err != nil {
		return fmt.Errorf("--severity: %w", err)
	}
	if *category != "" && !knownCategory(*category) {
		return usagef("--category %q: choose one of %s", *category, categoryNames())
	}
	// Files are read before anything is saved, so a missing or oversized
	// one is reported while nothing has happened yet.
	files := make([]app.File, 0, len(attach))
	for _, p := range attach {
		f, err := app.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	var text userText
	if stdinBody || *body == "-" {
		if text, err = r.readFrom(r.stdin, "description", fromStdin); err != nil {
			return err
		}
	} else {
		text = userText{body: *body, what: "description", source: fromArgs}
	}
	if strings.TrimSpace(*subject) == "" && strings.TrimSpace(text.body) == "" {
		return usagef("report needs --subject or --body")
	}
	err = r.withDesk(func(d *app.Desk) error {
		info := ""
		if !*noInfo {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			info = d.SystemInfo(ctx).Text()
		}
		t, err := d.Report(app.Report{Subject: *subject, Body: text.body, Severity: sev, Category: *category,
			SystemInfo: info, Files: files})
		if err != nil {
			return err
		}
		var attached []helpdesk.Attachment
		if ob, err := d.Outbox(); err == nil && len(ob) > 0 {
			if last := ob[len(ob)-1]; last.TicketID == t.ID {
				attached = last.Attachments
			}
		}
		if r.g.json {
			return r.writeJSON(reportJSON{Ticket: newTicketJSON(&t, d.Now()), SystemInfo: info, Attachments: attached})
		}
		if info != "" {
			fmt.Fprintf(r.stdout, "System information attached:\n%s\n", indent(info))
		}
		for _, a := range attached {
			fmt.Fprintf(r.stdout, "Attached: %s (%s, %s)\n", a.Name, a.Type, helpdesk.ByteSize(a.Size))
		}
		fmt.Fprintf(r.stdout, "%s: reported (%s; sent on the next sync)\n", t.Ref(), t.Subject)
		return nil
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

func categoryNames() string {
	var names []string
	for _, c := range app.ReportCategories() {
		names = append(names, fmt.Sprintf("%q", c.Name))
	}
	return strings.Join(names, ", ")
}

func knownCategory(name string) bool {
	for _, c := range app.ReportCategories() {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return true
		}
	}
	return false
}
