package cli

import (
	"context"
	"fmt"
	"os/signal"
	"syscall"
	"time"

	"github.com/tierdesk/tierdesk/app"
)

func (r *runner) sync(args []string) error {
	c := r.flags("sync", "sync [--once] [--account NAME]",
		"Send the changes made here and fetch what changed on the server. With --once,\nsync once and exit (non-zero if it could not sync); without, keep syncing until\ninterrupted.")
	once := c.Bool("once", false, "sync once and exit")
	pos, err := r.parse(c, args, true)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("sync takes no arguments")
	}
	return r.withDesk(func(d *app.Desk) error {
		if !d.HasServer() {
			return fmt.Errorf("%w: the demo workspace is local only", app.ErrNoServer)
		}
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		if *once {
			return r.syncOnce(ctx, d)
		}
		for {
			if err := r.syncOnce(ctx, d); err != nil {
				fmt.Fprintln(r.stderr, "tierdesk:", err)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(5 * time.Second):
			}
		}
	})
}

func (r *runner) syncOnce(ctx context.Context, d *app.Desk) error {
	start := time.Now()
	res, err := d.SyncOnce(ctx)
	st := d.State()
	summary := fmt.Sprintf("sent %d, failed %d, conflicts %d; pulled %d tickets, %d deleted; %d unsent; %.1fs",
		res.Sent, res.Failed, res.Conflicts, res.Pulled, res.Deleted, st.Unsent, time.Since(start).Seconds())
	if r.g.json {
		out := struct {
			app.SyncResult
			Unsent  int     `json:"unsent"`
			Seconds float64 `json:"seconds"`
			Error   string  `json:"error,omitempty"`
		}{app.SyncResult(res), st.Unsent, time.Since(start).Seconds(), ""}
		if err != nil {
			out.Error = err.Error()
		}
		if jerr := r.writeJSON(out); jerr != nil {
			return jerr
		}
	} else {
		fmt.Fprintln(r.stdout, summary)
	}
	if err != nil {
		return fmt.Errorf("sync failed: %w", err)
	}
	if res.Failed > 0 || res.Conflicts > 0 {
		fmt.Fprintln(r.stderr, "Some changes need you: see 'tierdesk outbox'.")
	}
	return nil
}
