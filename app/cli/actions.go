package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// userText is something the user wrote (a reply, a note, a description, a
// hand-off) and where it came from, so that a failed action can tell them
// where to find it again, or hand it back when it came from stdin and is
// gone once the command exits.
type userText struct {
	body, what, source string
}

const (
	fromArgs  = "the command line"
	fromStdin = "stdin"
)

// readText reads text from stdin ("-") or joins words from the command line.
func (r *runner) readText(words []string, what string) (userText, error) {
	if len(words) == 1 && words[0] == "-" {
		return r.readFrom(r.stdin, what, fromStdin)
	}
	return userText{body: strings.Join(words, " "), what: what, source: fromArgs}, nil
}

// readFrom reads at most one byte more than a comment may hold, so an
// oversized input is refused by validation instead of filling memory.
func (r *runner) readFrom(in io.Reader, what, source string) (userText, error) {
	if in == nil {
		in = strings.NewReader("")
	}
	b, err := io.ReadAll(io.LimitReader(in, helpdesk.MaxBodyLen+1))
	if err != nil {
		return userText{}, fmt.Errorf("read the %s from %s: %w", what, source, err)
	}
	// A heredoc or echo ends with a newline nobody meant as content.
	return userText{body: strings.TrimRight(string(b), "\r\n"), what: what, source: source}, nil
}

func (r *runner) readFile(path, what string) (userText, error) {
	if path == "-" {
		return r.readFrom(r.stdin, what, fromStdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return userText{}, fmt.Errorf("read the %s: %w", what, err)
	}
	defer f.Close()
	return r.readFrom(f, what, "file "+path)
}

// notSaved adds to a failed action's error that nothing was stored and where
// the user's text is. The error stays wrapped, so the exit code still
// follows its cause.
func notSaved(err error, t userText) error {
	switch {
	case strings.TrimSpace(t.body) == "":
		return fmt.Errorf("%w\nNothing was saved", err)
	case t.source == fromStdin:
		return fmt.Errorf("%w\nNothing was saved. Your %s, as read from stdin:\n%s", err, t.what, t.body)
	case t.source == fromArgs:
		return fmt.Errorf("%w\nNothing was saved; your %s is in the command line you typed", err, t.what)
	}
	return fmt.Errorf("%w\nNothing was saved; your %s is still in %s", err, t.what, strings.TrimPrefix(t.source, "file "))
}

// checkRef refuses a malformed reference before any text is read from
// stdin, so nobody types a long reply for a command that cannot work.
func checkRef(ref string) error {
	s := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(ref)), "new-"), "#")
	if n, err := strconv.ParseUint(s, 10, 64); err != nil || n == 0 {
		return usagef("%q is not a ticket reference (want #123, 123 or new-5)", ref)
	}
	return nil
}

// saved reports a recorded action: the ticket as JSON, or one line.
func (r *runner) saved(d *app.Desk, t helpdesk.Ticket, what string) error {
	if r.g.json {
		return r.writeJSON(newTicketJSON(&t, d.Now()))
	}
	n := d.State().Unsent
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprintf(r.stdout, "%s: %s (%d change%s waiting to be sent)\n", t.Ref(), what, n, plural)
	return nil
}

func (r *runner) comment(args []string, kind helpdesk.CommentKind) error {
	name := kind.String()
	help := "Add a public reply; the requester sees it."
	if kind == helpdesk.Note {
		help = "Add an internal note; only agents see it."
	}
	c := r.flags("ticket "+name, "ticket "+name+" ID TEXT|-", help+"\nTEXT may be several words; - reads it from stdin.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("usage: tierdesk ticket %s ID TEXT (or - to read the text from stdin)", name)
	}
	if err := checkRef(pos[0]); err != nil {
		return err
	}
	text, err := r.readText(pos[1:], name)
	if err != nil {
		return err
	}
	err = r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		act := d.Reply
		if kind == helpdesk.Note {
			act = d.Note
		}
		t, err := act(sum.ID, text.body)
		if err != nil {
			return fmt.Errorf("%s on %s: %w", name, sum.Ref(), err)
		}
		return r.saved(d, t, name+" saved")
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}

func (r *runner) create(args []string) error {
	c := r.flags("ticket create", "ticket create --subject S [--body B | --body-file F | -] [--requester R] [--priority P] [--tier T] [--queue Q] [--due TIME]",
		"Open a ticket and print its reference (new-N until the server numbers it).\n- as the only argument reads the description from stdin.")
	subject := c.String("subject", "", "`S`: a one-line summary of the problem (required)")
	body := c.String("body", "", "the description `B`; - reads it from stdin")
	bodyFile := c.String("body-file", "", "read the description from file `F` (- for stdin)")
	requester := c.String("requester", "", "`NAME` of who the ticket is for (default: you; name the person for walk-ups)")
	prio := c.String("priority", "normal", "`PRIORITY`: low, normal, high or urgent")
	tierFlag := c.String("tier", "L1", "the `TIER` it starts at: L0..L3")
	queue := c.String("queue", "", "the `QUEUE`, e.g. \"Service Desk\"")
	dueFlag := c.String("due", "", "due `TIME`, local: 2026-12-01T10:00, \"2026-12-01 10:00\", 2026-12-01 (end of that day), or RFC 3339")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	stdinBody := len(pos) == 1 && pos[0] == "-"
	if len(pos) > 0 && !stdinBody {
		return usagef("ticket create takes its fields as flags (got %q); e.g. --subject \"Printer offline\" --body \"...\"", pos[0])
	}
	if strings.TrimSpace(*subject) == "" {
		return usagef("ticket create needs --subject")
	}
	sources := 0
	for _, set := range []bool{*body != "", *bodyFile != "", stdinBody} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return usagef("give the description once: --body, --body-file or -")
	}
	p, err := helpdesk.ParsePriority(*prio)
	if err != nil {
		return fmt.Errorf("--priority: %w", err)
	}
	tier, err := helpdesk.ParseTier(*tierFlag)
	if err != nil {
		return fmt.Errorf("--tier: %w", err)
	}
	var due time.Time
	if *dueFlag != "" {
		if due, err = parseDue(*dueFlag); err != nil {
			return err
		}
	}
	var text userText
	switch {
	case stdinBody || *body == "-":
		text, err = r.readFrom(r.stdin, "description", fromStdin)
	case *bodyFile != "":
		text, err = r.readFile(*bodyFile, "description")
	default:
		text = userText{body: *body, what: "description", source: fromArgs}
	}
	if err != nil {
		return err
	}
	err = r.withDesk(func(d *app.Desk) error {
		t, err := d.CreateTicket(app.NewTicket{
			Subject: *subject, Description: text.body, Requester: *requester,
			Priority: p, Tier: tier, Queue: *queue, Due: due,
		})
		if err != nil {
			return fmt.Errorf("create ticket: %w", err)
		}
		if r.g.json {
			return r.writeJSON(newTicketJSON(&t, d.Now()))
		}
		fmt.Fprintln(r.stdout, t.Ref())
		return nil
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}

// parseDue reads a due time as people type it, in local time. A bare date
// means the end of that day: "due 1 December" is still on time at 17:00.
func parseDue(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t.UTC(), nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 0, 0, time.Local).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%w: --due %q (want 2026-12-01T10:00, 2026-12-01 or RFC 3339)", helpdesk.ErrInvalid, s)
}

func (r *runner) status(args []string) error {
	c := r.flags("ticket status", "ticket status ID STATUS", "Change the status: new, open, stalled, resolved or rejected.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("usage: tierdesk ticket status ID STATUS")
	}
	if err := checkRef(pos[0]); err != nil {
		return err
	}
	st, err := helpdesk.ParseStatus(pos[1])
	if err != nil {
		return err
	}
	return r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		t, err := d.SetStatus(sum.ID, st)
		if err != nil {
			return fmt.Errorf("status of %s: %w", sum.Ref(), err)
		}
		return r.saved(d, t, "status → "+string(st))
	})
}

func (r *runner) take(args []string) error {
	c := r.flags("ticket take", "ticket take ID", "Make yourself the ticket's owner.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: tierdesk ticket take ID")
	}
	if err := checkRef(pos[0]); err != nil {
		return err
	}
	return r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		t, err := d.Take(sum.ID)
		if err != nil {
			return fmt.Errorf("take %s: %w", sum.Ref(), err)
		}
		return r.saved(d, t, "taken by "+d.Me().Name)
	})
}

func (r *runner) assign(args []string) error {
	c := r.flags("ticket assign", "ticket assign ID USER", "Give the ticket to USER; \"nobody\" unassigns it.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("usage: tierdesk ticket assign ID USER (or nobody)")
	}
	if err := checkRef(pos[0]); err != nil {
		return err
	}
	owner := strings.TrimSpace(pos[1])
	if strings.EqualFold(owner, "nobody") {
		owner = ""
	}
	return r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		t, err := d.Assign(sum.ID, owner)
		if err != nil {
			return fmt.Errorf("assign %s: %w", sum.Ref(), err)
		}
		if owner == "" {
			return r.saved(d, t, "unassigned")
		}
		return r.saved(d, t, "assigned to "+owner)
	})
}

// tierChange escalates (up) or de-escalates a ticket. The target defaults
// to the neighbouring tier; the hand-off note is required because the next
// tier must not start from zero.
func (r *runner) tierChange(args []string, up bool) error {
	name, verb, dir := "deescalate", "de-escalated", "below"
	if up {
		name, verb, dir = "escalate", "escalated", "above"
	}
	c := r.flags("ticket "+name, "ticket "+name+" ID [--to TIER] --note TEXT|-",
		fmt.Sprintf("Move the ticket to a tier %s its current one (default: the next one) with a\nhand-off note for the people who pick it up. --note - reads the note from stdin.", dir))
	to := c.String("to", "", "the target `TIER`, e.g. L2 (default: the next one)")
	note := c.String("note", "", "the hand-off note `TEXT`: what was found and tried, what is needed (required; - reads stdin)")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: tierdesk ticket %s ID [--to TIER] --note TEXT", name)
	}
	if err := checkRef(pos[0]); err != nil {
		return err
	}
	if strings.TrimSpace(*note) == "" {
		return usagef("%s needs a hand-off note: --note TEXT (or --note - to read it from stdin); it tells the next tier what was already found and tried", name)
	}
	var target helpdesk.Tier
	if *to != "" {
		if target, err = helpdesk.ParseTier(*to); err != nil {
			return fmt.Errorf("--to: %w", err)
		}
	}
	text := userText{body: *note, what: "hand-off note", source: fromArgs}
	if *note == "-" {
		if text, err = r.readFrom(r.stdin, "hand-off note", fromStdin); err != nil {
			return err
		}
	}
	err = r.withDesk(func(d *app.Desk) error {
		sum, err := resolve(d, pos[0])
		if err != nil {
			return err
		}
		from := sum.Tier
		if *to == "" {
			switch {
			case up && from < helpdesk.MaxTier:
				target = from + 1
			case !up && from > helpdesk.L0:
				target = from - 1
			default:
				return fmt.Errorf("%w: %s is at %s; there is no tier %s it", helpdesk.ErrInvalid, sum.Ref(), from, dir)
			}
		}
		act := d.Deescalate
		if up {
			act = d.Escalate
		}
		t, err := act(sum.ID, target, text.body)
		if err != nil {
			return fmt.Errorf("%s %s: %w", name, sum.Ref(), err)
		}
		return r.saved(d, t, fmt.Sprintf("%s %s → %s", verb, from, target))
	})
	if err != nil {
		return notSaved(err, text)
	}
	return nil
}
