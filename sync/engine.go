package sync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// TicketsCursor is the name of the change-feed cursor in the store.
const TicketsCursor = "tickets"

// initialDoneCursor is set with the last page of the first complete pull,
// so an interrupted first sync is still "initial" when it resumes.
const initialDoneCursor = "tickets.initial-done"

// Options tune an Engine. Zero values take the defaults.
type Options struct {
	Interval   time.Duration // between syncs while idle; default 5 s (cheap: one feed request)
	Debounce   time.Duration // after a local change; default 1 s
	MaxBackoff time.Duration // ceiling of the retry delay when offline; default 5 min
	// CreateGrace is how long after an unanswered create the engine keeps
	// looking for it on the server before filing it again: the server may
	// still be working on the first request. Default 2 min (longer than a
	// request's timeout); negative means no wait.
	CreateGrace time.Duration
	Logger      *slog.Logger
	// OnStatus is called after every sync attempt and on progress during a
	// pull; it must not block.
	OnStatus func(Status)
	// OnPulled receives the (old, new) pairs of every stored page, for the
	// escalation watcher and the UI; initial is true during an account's
	// first pull (from an empty cursor).
	OnPulled func(changes []helpdesk.TicketChange, initial bool)
	// OnArticles receives the local ids of articles a pull changed.
	OnArticles func(ids []uint64)
	// ArticleInterval is the least time between two pulls of the knowledge
	// base, which changes far less often than tickets; default 1 min,
	// negative means every sync. SyncNow and sending an article pull it
	// at once.
	ArticleInterval time.Duration
}

// Status is what the engine tells the app after each attempt.
type Status struct {
	Online    bool
	Syncing   bool
	LastSync  time.Time // last complete push+pull
	LastError error     // nil after a good sync
	RetryIn   time.Duration
	Progress  Progress
	Result    Result
}

// Progress of a pull, for the first sync's progress bar.
type Progress struct {
	Done, Total int // Total -1: unknown
}

// Result counts what one sync did.
type Result struct {
	Sent, Failed, Conflicts int  // outbox entries
	Pulled, Deleted         int  // tickets
	Initial                 bool // this was the account's first pull
	Articles                int  // knowledge-base articles pulled and changed
}

// Engine syncs one account's store with its server.
type Engine struct {
	store   Store
	backend Backend
	opt     Options
	log     *slog.Logger
	kick    chan time.Duration

	mu    gosync.Mutex // serialises SyncOnce
	kbAt  time.Time    // last complete article pull; guarded by mu
	kbNow atomic.Bool  // pull articles on the next sync whatever the interval
	smu   gosync.Mutex
	stat  Status
}

// New returns an engine; call Run to start syncing, or SyncOnce.
func New(store Store, backend Backend, o Options) *Engine {
	if o.Interval <= 0 {
		o.Interval = 5 * time.Second
	}
	if o.Debounce <= 0 {
		o.Debounce = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 5 * time.Minute
	}
	if o.ArticleInterval == 0 {
		o.ArticleInterval = time.Minute
	}
	if o.CreateGrace == 0 {
		o.CreateGrace = 2 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Engine{store: store, backend: backend, opt: o, log: o.Logger, kick: make(chan time.Duration, 1)}
}

// Status returns the latest status.
func (e *Engine) Status() Status {
	e.smu.Lock()
	defer e.smu.Unlock()
	return e.stat
}

func (e *Engine) setStatus(f func(*Status)) {
	e.smu.Lock()
	f(&e.stat)
	s := e.stat
	e.smu.Unlock()
	if e.opt.OnStatus != nil {
		e.opt.OnStatus(s)
	}
}

// Changed tells a running engine that the user did something: it syncs
// after the debounce delay, so a burst of actions goes out together.
func (e *Engine) Changed() { e.trigger(e.opt.Debounce) }

// SyncNow asks a running engine to sync at once, even while backing off.
func (e *Engine) SyncNow() { e.kbNow.Store(true); e.trigger(0) }

func (e *Engine) trigger(after time.Duration) {
	select {
	case e.kick <- after:
	default:
	}
}

// SyncOnce pushes the outbox, then pulls every page of changes. It
// returns what it did and the first error that stopped it; what was done
// before the error is kept.
func (e *Engine) SyncOnce(ctx context.Context) (Result, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.setStatus(func(s *Status) { s.Syncing = true; s.Progress = Progress{Total: -1} })
	res, err := e.syncOnce(ctx)
	// Pulled pages are committed without an fsync each; one at the end of
	// the pass, whether it finished or not, leaves nothing unsynced while
	// the engine waits for the next one.
	if ferr := e.store.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("store pulled pages: %w", ferr)
	}
	e.setStatus(func(s *Status) {
		s.Syncing, s.Result, s.LastError = false, res, err
		s.Online = err == nil || !isOffline(err)
		if err == nil {
			s.LastSync = time.Now()
		}
	})
	return res, err
}

func (e *Engine) syncOnce(ctx context.Context) (Result, error) {
	var res Result
	pr, err := e.push(ctx)
	res.Sent, res.Failed, res.Conflicts = pr.sent, pr.failed, pr.conflicts
	if err != nil {
		return res, err
	}
	// Tickets whose actions were parked are refreshed by the pull if the
	// server changed them; the local view keeps the user's change either way.
	cursor, err := e.store.Cursor(TicketsCursor)
	if err != nil {
		return res, err
	}
	done, err := e.store.Cursor(initialDoneCursor)
	if err != nil {
		return res, err
	}
	res.Initial = done == ""
	for {
		page, err := e.backend.Changes(ctx, cursor)
		if err != nil {
			return res, fmt.Errorf("pull: %w", err)
		}
		cursors := map[string]string{TicketsCursor: page.Cursor}
		if res.Initial && !page.More {
			cursors[initialDoneCursor] = "1"
		}
		changes, err := e.store.ApplyPull(helpdesk.Pull{Snapshots: page.Tickets, Deleted: page.Deleted, Cursors: cursors})
		if err != nil {
			return res, fmt.Errorf("store pulled page: %w", err)
		}
		res.Pulled += len(page.Tickets)
		res.Deleted += len(page.Deleted)
		cursor = page.Cursor
		if len(changes) > 0 && e.opt.OnPulled != nil {
			e.opt.OnPulled(changes, res.Initial)
		}
		e.setStatus(func(s *Status) { s.Online, s.Progress = true, Progress{Done: page.Done, Total: page.Total} })
		if !page.More {
			return res, e.pullArticles(ctx, &res)
		}
	}
}

// isOffline reports whether err means the server could not be reached or
// answered nonsense, as opposed to the local store failing.
func isOffline(err error) bool {
	var te *TransientError
	var pe *ProtocolError
	return errors.As(err, &te) || errors.As(err, &pe) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, ErrUnauthorized)
}

// Run syncs at start, every Interval, after local changes and on SyncNow,
// until ctx ends. Failures back off exponentially with jitter up to
// MaxBackoff, honouring the server's Retry-After.
func (e *Engine) Run(ctx context.Context) {
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = min(2*time.Second, e.opt.MaxBackoff)
	bo.MaxInterval = e.opt.MaxBackoff
	bo.RandomizationFactor = 0.5
	wait := time.Duration(0)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case d := <-e.kick:
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(d)
			continue
		case <-timer.C:
		}
		_, err := e.SyncOnce(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err == nil:
			bo.Reset()
			wait = e.opt.Interval
			e.setStatus(func(s *Status) { s.RetryIn = 0 })
		default:
			wait = min(bo.NextBackOff(), e.opt.MaxBackoff) // jitter may overshoot the ceiling
			var te *TransientError
			if errors.As(err, &te) && te.RetryAfter > wait {
				wait = te.RetryAfter
			}
			e.log.Warn("sync failed", "err", err, "retry_in", wait.Round(time.Second))
			e.setStatus(func(s *Status) { s.RetryIn = wait })
		}
		timer.Reset(wait)
	}
}
