// Package cli is Tierdesk's headless command line: list, read and work
// tickets from a shell or a script, against the same offline store and with
// the same rules as the window. It drives an app.Desk and nothing else.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// Exit codes, as shells and scripts expect them.
const (
	exitOK    = 0
	exitFail  = 1 // the operation failed: not found, store error
	exitUsage = 2 // the command line or the input was wrong
)

// commands are the first words Main accepts.
var commands = []string{"tickets", "ticket", "kb", "search", "outbox", "alerts", "account", "sync", "report", "dev", "help"}

// IsCommand reports whether name is a command of this package, so main.go
// can tell "tierdesk tickets" from GUI flags.
func IsCommand(name string) bool { return slices.Contains(commands, name) }

// HasCommand reports whether args (without the program name) ask for a
// command, allowing the global flags (--data-dir DIR, --demo, --json)
// before it: "tierdesk --demo tickets" is a command, "tierdesk --demo" is the
// window. Other flags are skipped as if they took no value.
func HasCommand(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return i+1 < len(args) && IsCommand(args[i+1])
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return IsCommand(a)
		}
		if name := strings.TrimLeft(a, "-"); name == "data-dir" || name == "account" {
			i++ // its value
		}
	}
	return false
}

// Main runs one command and returns the process exit code: 0 when it
// worked, 1 when the operation failed, 2 when the command line or the input
// was wrong. args exclude the program name.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return mainWith(&runner{stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

// mainWith runs r; tests use it to give r another keyring.
func mainWith(r *runner, args []string) int {
	stderr := r.stderr
	err := r.main(args)
	if err == nil {
		return exitOK
	}
	var ex exitError
	if errors.As(err, &ex) {
		if ex.err != nil {
			// err, not ex.err: wrappers such as notSaved add what the
			// user must not miss.
			fmt.Fprintf(stderr, "tierdesk: %v\n", err)
		}
		return ex.code
	}
	fmt.Fprintf(stderr, "tierdesk: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, helpdesk.ErrInvalid) {
		return exitUsage
	}
	return exitFail
}

// usageError is a command line that makes no sense; it exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitError fixes the exit code whatever the error wraps; a nil err means
// the message was already printed.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// errHelpShown ends a command after -h printed its help.
var errHelpShown = exitError{code: exitOK}

// errFlagShown ends a command whose flags the flag package already
// complained about on stderr.
var errFlagShown = exitError{code: exitUsage}

// globals are the flags every command accepts, before or after its name.
type globals struct {
	dataDir string
	account string
	demo    bool
	json    bool
}

var globalFlags = []string{"data-dir", "account", "demo", "json"}

// register adds the global flags to fs, keeping values already parsed
// before the command name.
func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.dataDir, "data-dir", g.dataDir, "the folder holding the workspaces (default: the OS user data folder)")
	fs.StringVar(&g.account, "account", g.account, "the account to use when there are several")
	fs.BoolVar(&g.demo, "demo", g.demo, "use the demo workspace, generating it on first use")
	fs.BoolVar(&g.json, "json", g.json, "print JSON instead of text")
}

type runner struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	g              globals
	keyring        app.SecretService // nil: the OS keyring
}

func (r *runner) main(args []string) error {
	fs := r.flags("tierdesk", "[--data-dir DIR] [--demo] [--json] COMMAND ...", "")
	rest, err := r.parse(fs, args, false)
	if err != nil {
		if err == errHelpShown {
			r.printUsage(r.stdout)
		}
		return err
	}
	if len(rest) == 0 {
		r.printUsage(r.stderr)
		return errFlagShown
	}
	switch rest[0] {
	case "help":
		r.printUsage(r.stdout)
		return nil
	case "tickets":
		return r.tickets(rest[1:])
	case "ticket":
		return r.ticket(rest[1:])
	case "kb":
		return r.kb(rest[1:])
	case "search":
		return r.search(rest[1:], "search", nil)
	case "outbox":
		return r.outbox(rest[1:])
	case "account":
		return r.account(rest[1:])
	case "sync":
		return r.sync(rest[1:])
	case "alerts":
		return r.alerts(rest[1:])
	case "report":
		return r.report(rest[1:])
	case "dev":
		return r.dev(rest[1:])
	}
	return usagef("unknown command %q; run 'tierdesk help' for the list", rest[0])
}

// ticket dispatches the "ticket SUBCOMMAND" family.
func (r *runner) ticket(args []string) error {
	if len(args) == 0 {
		return usagef("ticket needs a subcommand: show, create, reply, note, status, take, assign, escalate or deescalate")
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "show":
		return r.show(rest)
	case "create":
		return r.create(rest)
	case "reply":
		return r.comment(rest, helpdesk.Reply)
	case "note":
		return r.comment(rest, helpdesk.Note)
	case "status":
		return r.status(rest)
	case "take":
		return r.take(rest)
	case "assign":
		return r.assign(rest)
	case "escalate":
		return r.tierChange(rest, true)
	case "deescalate", "de-escalate":
		return r.tierChange(rest, false)
	case "help", "-h", "--help":
		r.printUsage(r.stdout)
		return nil
	}
	return usagef("unknown ticket subcommand %q; run 'tierdesk help' for the list", sub)
}

// command is one command's flag set with the text its -h prints.
type command struct {
	*flag.FlagSet
	synopsis, help string
}

// flags makes the flag set of one command. Its errors go to stderr and its
// usage is printed by parse, not by the flag package, so -h can go to stdout.
func (r *runner) flags(name, synopsis, help string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(r.stderr)
	fs.Usage = func() {}
	r.g.register(fs)
	return &command{fs, synopsis, help}
}

// parse parses flags wherever they appear (Go's flag package stops at the
// first positional argument, which would make "ticket show 12 --json"
// ignore --json) and returns the positional arguments. After "--" every
// argument is positional, so text may start with a dash. With interleave
// false, parsing stops at the first positional argument: the top level must
// leave the command's own flags to the command.
func (r *runner) parse(c *command, args []string, interleave bool) ([]string, error) {
	var pos []string
	for {
		in := args
		err := c.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			if interleave {
				r.commandHelp(c)
			}
			return nil, errHelpShown
		}
		if err != nil {
			fmt.Fprintf(r.stderr, "usage: tierdesk %s\n", c.synopsis)
			if interleave {
				fmt.Fprintf(r.stderr, "Run 'tierdesk %s -h' for details.\n", c.Name())
			} else {
				fmt.Fprintln(r.stderr, "Run 'tierdesk help' for every command.")
			}
			return nil, errFlagShown
		}
		args = c.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if !interleave || stoppedAtTerminator(in, args) {
			return append(pos, args...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// stoppedAtTerminator reports whether fs.Parse(in) left rest because it
// consumed a "--".
func stoppedAtTerminator(in, rest []string) bool {
	i := len(in) - len(rest) - 1
	return i >= 0 && in[i] == "--"
}

// commandHelp prints a command's synopsis, help and own flags to stdout.
func (r *runner) commandHelp(c *command) {
	fmt.Fprintf(r.stdout, "usage: tierdesk %s\n", c.synopsis)
	if c.help != "" {
		fmt.Fprintf(r.stdout, "\n%s\n", c.help)
	}
	first := true
	c.VisitAll(func(f *flag.Flag) {
		if slices.Contains(globalFlags, f.Name) {
			return
		}
		if first {
			fmt.Fprintln(r.stdout, "\nflags:")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(r.stdout, "  --%s%s\n        %s\n", f.Name, name, usage)
	})
	fmt.Fprintln(r.stdout, "\nglobal flags: --data-dir DIR, --demo, --json (see 'tierdesk help')")
}

const usageText = `Tierdesk: offline-first help desk. Without a command it opens the window.

usage: tierdesk [--data-dir DIR] [--demo] [--json] COMMAND [ARGS]

Tickets:
  tickets [--view mytier|assigned|all|requests] [--tier L2] [--status open]
          [--owner NAME | --unowned] [--queue Q] [--requester NAME]
          [--text S] [--limit N]
                                  list tickets, most recently updated first
  ticket show ID                  a ticket and its conversation
  ticket create --subject S [--body B | --body-file F | -] [--requester R]
          [--priority P] [--tier T] [--queue Q] [--due 2026-12-01T10:00]
                                  open a ticket; prints its reference
  ticket reply ID TEXT|-          public reply, seen by the requester
  ticket note ID TEXT|-           internal note, agents only
  ticket status ID STATUS         new, open, stalled, resolved or rejected
  ticket take ID                  make it yours
  ticket assign ID USER           give it to USER ("nobody" unassigns)
  ticket escalate ID [--to L2] --note TEXT|-
                                  raise the tier with a hand-off note
  ticket deescalate ID [--to L1] --note TEXT|-
                                  send it back down with a note

Report a problem (as yourself):
  report --subject S --body TEXT|- [--severity low|normal|high|urgent]
          [--category C] [--attach FILE]... [--no-sysinfo]
                                  file a report with this computer's system
                                  information (printed) and files; prints
                                  its reference

Search (typos and unfinished words are forgiven):
  search QUERY [--limit N] [--tier T]... [--status S]... [--category C]
                                  tickets and articles, best matches first
  kb search QUERY [--limit N] [--category C]
                                  knowledge-base articles: rank, title,
                                  category and a snippet
  kb show ID                      an article's title, category, update time
                                  and body (Markdown)

Knowledge base (L2/L3 agents; saved at once, sent when Tierdesk syncs):
  kb new --title T --category C [--summary S] [--body B | --body-file F | -]
          [--from-ticket ID]      write an article; --from-ticket drafts it
                                  from a solved ticket
  kb edit ID [--title T] [--summary S] [--category C] [--body B | -]
                                  change the fields given

Accounts and sync:
  account add NAME --url URL --user USER [--token] [--role R] [--tier T]
          [--queue-tier QUEUE=TIER]... [--tier-field FIELD]
                                  add a Request Tracker account; the password
                                  or token comes from $TIERDESK_SECRET or stdin
  account list                    the configured accounts
  account remove NAME             delete an account's cache and keyring entries
  sync [--once]                   send unsent changes, fetch server changes;
                                  raises the same desktop alerts as the window
  alerts                          the alert inbox, newest first
  outbox                          changes made here, not yet on the server

Other:
  dev gen --data-dir DIR [--tickets N] [--articles M] [--seed S]
                                  generate a large demo workspace (benchmarks)
  help                            this text

ID is a ticket reference: #123 or 123 (the server number) or new-5 (a
ticket created here and not yet sent). TEXT may be several words; - reads
it from stdin. Put -- before text that starts with a dash. Every change
is saved on this device at once and sent when Tierdesk syncs.

Global flags (before or after the command):
  --data-dir DIR   the folder holding the workspaces (default: the OS
                   user data folder)
  --account NAME   the account to use when there are several
  --demo           use the demo workspace, generating it on first use
  --json           print JSON instead of text

Exit status: 0 done, 1 the operation failed, 2 wrong command line or input.
Run 'tierdesk COMMAND -h' for a command's flags.
`

func (r *runner) printUsage(w io.Writer) { fmt.Fprint(w, usageText) }

// open opens the workspace the global flags select.
func (r *runner) open() (*app.Desk, error) {
	// The desk logs failed actions; the command reports them itself, and
	// Badger's housekeeping chatter has no place on a user's terminal.
	o := app.Options{Logger: slog.New(slog.DiscardHandler)}
	d, err := app.Open(app.Selection{DataDir: r.g.dataDir, Account: r.g.account, Demo: r.g.demo}, r.secrets(), o)
	if err != nil {
		return nil, exitError{exitFail, explainOpen(err)}
	}
	return d, nil
}

// secrets is the keyring the command line uses: the OS keyring unless a
// test injected another.
func (r *runner) secrets() app.SecretService {
	if r.keyring != nil {
		return r.keyring
	}
	return app.OSKeyring{}
}

// explainOpen adds the likely cause to Badger's lock error, which otherwise
// reads like corruption to someone who merely has the window open.
func explainOpen(err error) error {
	// Badger has no sentinel for it; this sentence is in its lock error on
	// every platform.
	if strings.Contains(err.Error(), "Another process is using this Badger database") {
		return fmt.Errorf("%w\n(is Tierdesk already running with this workspace? Close the window and try again)", err)
	}
	return err
}

// withDesk opens the workspace, runs fn and closes it, reporting a failed
// close: a store that cannot close cleanly may not have kept the change.
func (r *runner) withDesk(fn func(d *app.Desk) error) (err error) {
	d, err := r.open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := d.Close(); cerr != nil && err == nil {
			err = exitError{exitFail, cerr}
		}
	}()
	return fn(d)
}
