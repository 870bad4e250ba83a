package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// secretEnv lets scripts pass the password or token without a terminal;
// it is never read from an argument, which other users could see in ps.
const secretEnv = "TIERDESK_SECRET"

// account dispatches "account add|list|remove".
func (r *runner) account(args []string) error {
	if len(args) == 0 {
		return usagef("account needs a subcommand: add, list or remove")
	}
	switch args[0] {
	case "add":
		return r.accountAdd(args[1:])
	case "list":
		return r.accountList(args[1:])
	case "remove":
		return r.accountRemove(args[1:])
	}
	return usagef("unknown account subcommand %q (add, list or remove)", args[0])
}

func (r *runner) dataDir() (string, error) {
	if r.g.dataDir != "" {
		return r.g.dataDir, nil
	}
	d, err := app.DefaultDataDir()
	if err != nil {
		return "", exitError{exitFail, err}
	}
	return d, nil
}

// queueTiers collects repeated --queue-tier QUEUE=TIER flags.
type queueTiers map[string]helpdesk.Tier

func (q queueTiers) String() string { return fmt.Sprint(map[string]helpdesk.Tier(q)) }

func (q queueTiers) Set(v string) error {
	name, tier, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want QUEUE=TIER, e.g. Network=L2")
	}
	t, err := helpdesk.ParseTier(tier)
	if err != nil {
		return err
	}
	q[strings.TrimSpace(name)] = t
	return nil
}

func (r *runner) accountAdd(args []string) error {
	c := r.flags("account add", "account add NAME --url URL --user USER [--token] [--role R] [--tier T] [--queue-tier Q=T]... [--tier-field F]",
		"Add a Request Tracker account. The password (or, with --token, the API token) is\nread from $"+secretEnv+" or the first line of stdin, never from an argument,\nand kept in the OS keyring with the key that encrypts the account's cache.")
	var n app.NewAccount
	var role, tier string
	qt := queueTiers{}
	c.StringVar(&n.Server.URL, "url", "", "the server's base URL, e.g. https://rt.example.com")
	c.StringVar(&n.Server.User, "user", "", "the user name on the server")
	c.BoolVar(&n.Server.Token, "token", false, "the secret is an RT auth token, not a password")
	c.StringVar(&role, "role", "technician", "your role: requester, technician or engineer")
	c.StringVar(&tier, "tier", "L1", "your tier: L0..L3")
	c.Var(qt, "queue-tier", "map a queue to a tier (repeatable), e.g. Network=L2; default: queues named L1/L2/L3 or Tier 1..3")
	c.StringVar(&n.Server.TierField, "tier-field", "", "a ticket custom field holding the tier (e.g. Tier)")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account add needs one NAME")
	}
	n.Name, n.Server.Kind = pos[0], "rt"
	if len(qt) > 0 {
		n.Server.QueueTiers = qt
	}
	if n.Me.Role, err = helpdesk.ParseRole(role); err != nil {
		return err
	}
	if n.Me.Tier, err = helpdesk.ParseTier(tier); err != nil {
		return err
	}
	if n.Secret, err = r.readSecret(); err != nil {
		return err
	}
	dir, err := r.dataDir()
	if err != nil {
		return err
	}
	if err := app.AddAccount(dir, n, r.secrets()); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "Added account %q (%s as %s). Run 'tierdesk sync --once' to fetch its tickets.\n", n.Name, n.Server.URL, n.Server.User)
	return nil
}

// readSecret takes the secret from the environment or stdin's first line.
func (r *runner) readSecret() (string, error) {
	if v := os.Getenv(secretEnv); v != "" {
		return v, nil
	}
	line, err := bufio.NewReader(r.stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the secret from stdin: %w", err)
		}
		return "", usagef("no password or token: set $%s or pipe it on stdin", secretEnv)
	}
	return line, nil
}

func (r *runner) accountList(args []string) error {
	c := r.flags("account list", "account list [--json]", "List the configured accounts.")
	if _, err := r.parse(c, args, true); err != nil {
		return err
	}
	dir, err := r.dataDir()
	if err != nil {
		return err
	}
	accts, err := app.Accounts(dir)
	if err != nil {
		return err
	}
	if r.g.json {
		return r.writeJSON(accts)
	}
	if len(accts) == 0 {
		fmt.Fprintln(r.stderr, "No accounts. Add one with 'tierdesk account add'.")
		return nil
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tSERVER\tUSER\tROLE\tTIER")
	for _, a := range accts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", oneLine(a.Account, 30), oneLine(a.Server.URL, 50), oneLine(a.Server.User, 20), a.Me.Role, a.Me.Tier)
	}
	return tw.Flush()
}

func (r *runner) accountRemove(args []string) error {
	c := r.flags("account remove", "account remove NAME", "Remove an account: its cache, its unsent changes and its keyring entries.")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account remove needs one NAME")
	}
	dir, err := r.dataDir()
	if err != nil {
		return err
	}
	if err := app.RemoveAccount(dir, pos[0], r.secrets()); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "Removed account %q.\n", pos[0])
	return nil
}
