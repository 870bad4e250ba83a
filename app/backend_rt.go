package app

import (
	"context"
	"fmt"
	"strings"

	tdsync "github.com/tierdesk/tierdesk/sync"
	"github.com/tierdesk/tierdesk/sync/rt"
)

func init() { backendFactories["rt"] = newRTBackend }

// newRTBackend builds a Request Tracker 5 client from an account's server
// settings and its secret (a password, or an auth token).
func newRTBackend(s Server, secret string) (tdsync.Backend, error) {
	cfg := rt.Config{URL: s.URL, User: s.User, QueueTiers: s.QueueTiers, TierField: s.TierField}
	if s.Token {
		cfg.Token = secret
	} else {
		cfg.Password = secret
	}
	return rt.New(cfg)
}

// ConnectionReport is the outcome of "Test connection", in words for the
// settings screen.
type ConnectionReport struct {
	OK       bool
	Summary  string   // one line: who we are on which server, or what failed
	Problems []string // blocking: the account cannot work until fixed
	Warnings []string // it works, but something is off
}

// TestConnection checks a server's settings and secret before an account is
// saved: reachable, really Request Tracker, credentials accepted, and the
// queues and fields Tierdesk relies on present.
func TestConnection(ctx context.Context, s Server, secret string) (ConnectionReport, error) {
	s.URL = strings.TrimRight(strings.TrimSpace(s.URL), "/")
	if err := s.Validate(); err != nil {
		return ConnectionReport{}, err
	}
	b, err := newRTBackend(s, secret)
	if err != nil {
		return ConnectionReport{}, err
	}
	r := b.(*rt.Client).Check(ctx)
	out := ConnectionReport{OK: r.OK(), Problems: r.Problems, Warnings: r.Warnings}
	switch {
	case out.OK:
		who := r.User
		if r.RealName != "" {
			who = r.RealName + " (" + r.User + ")"
		}
		out.Summary = fmt.Sprintf("Connected to Request Tracker %s as %s.", r.Version, who)
	case len(r.Problems) > 0:
		out.Summary = r.Problems[0]
	default:
		out.Summary = "The server could not be used."
	}
	return out, nil
}
