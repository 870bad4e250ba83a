package app

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoAccount: no account is configured and the demo was not asked for.
var ErrNoAccount = errors.New("no account configured")

// Selection says which workspace to open: the demo, a named account, or
// (neither) the only configured account.
type Selection struct {
	DataDir string // empty: DefaultDataDir
	Account string
	Demo    bool
}

// Open opens the workspace sel selects, for the window and the command line
// alike, so both pick the same one from the same flags.
func Open(sel Selection, secrets SecretService, o Options) (*Desk, error) {
	dir := sel.DataDir
	if dir == "" {
		var err error
		if dir, err = DefaultDataDir(); err != nil {
			return nil, err
		}
	}
	if sel.Demo {
		return OpenDemo(dir, o)
	}
	if sel.Account != "" {
		return OpenAccount(dir, sel.Account, secrets, o)
	}
	accts, err := Accounts(dir)
	if err != nil {
		return nil, err
	}
	switch len(accts) {
	case 0:
		return nil, fmt.Errorf("%w in %s: add one with \"tierdesk account add\", or use --demo", ErrNoAccount, dir)
	case 1:
		return OpenAccount(dir, accts[0].Account, secrets, o)
	}
	names := make([]string, len(accts))
	for i, a := range accts {
		names[i] = a.Account
	}
	return nil, fmt.Errorf("several accounts (%s): choose one with --account NAME", strings.Join(names, ", "))
}
