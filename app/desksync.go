package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// ErrNoServer: the desk is local-only (the demo) and cannot sync.
var ErrNoServer = errors.New("this workspace has no server")

// syncer is the part of the sync engine the desk drives.
type syncer interface {
	SyncOnce(ctx context.Context) (tdsync.Result, error)
	Run(ctx context.Context)
	Changed()
	SyncNow()
}

// attachSync connects the desk to a server through backend. Engine events
// become desk changes, so the UI and the watcher see pulls like local
// actions.
func (d *Desk) attachSync(backend tdsync.Backend, o tdsync.Options) {
	o.Logger = d.log
	if d.notifier == nil {
		d.notifier = DesktopNotifier{}
	}
	o.OnStatus = func(s tdsync.Status) {
		d.mu.Lock()
		prev := d.sync
		d.sync = s
		d.mu.Unlock()
		if prev.Syncing && !s.Syncing {
			d.synced(s.Result, s.LastError)
		}
		if quietStatus(prev, s) {
			return
		}
		d.feed.publish(Change{Outbox: true, Status: true})
	}
	o.OnPulled = func(changes []helpdesk.TicketChange, initial bool) {
		d.observe(changes, initial)
		if len(changes) == 0 {
			return // nothing for the UI to redraw
		}
		ids := make([]uint64, 0, len(changes))
		for _, c := range changes {
			switch {
			case c.New != nil:
				ids = append(ids, c.New.ID)
			case c.Old != nil:
				ids = append(ids, c.Old.ID)
			}
		}
		d.feed.publish(Change{Tickets: ids, All: len(ids) > 50})
	}
	o.OnArticles = func([]uint64) { d.feed.publish(Change{Articles: true}) }
	d.backend = backend
	d.engine = tdsync.New(d.store, backend, o)
}

// StartSync runs the sync engine in the background until Close: at once,
// then on a timer, after local changes and on SyncNow. A local-only desk
// ignores it.
func (d *Desk) StartSync() {
	if d.engine == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	d.stopSync = func() { cancel(); <-done }
	go func() {
		defer close(done)
		d.engine.Run(ctx)
	}()
	go d.dueTimer(ctx)
}

// dueTimer checks due times every minute; it needs no network, so due
// alerts come offline too.
func (d *Desk) dueTimer(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	d.checkDue()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			d.checkDue()
		}
	}
}

// SyncOnce pushes and pulls once, in the caller's goroutine, then checks
// due times: the command line's "sync --once" raises the same alerts as
// the window.
func (d *Desk) SyncOnce(ctx context.Context) (tdsync.Result, error) {
	if d.engine == nil {
		return tdsync.Result{}, ErrNoServer
	}
	res, err := d.engine.SyncOnce(ctx)
	d.checkDue()
	return res, err
}

// SyncNow asks the background engine to sync at once.
func (d *Desk) SyncNow() {
	if d.engine != nil {
		d.engine.SyncNow()
	}
}

// IsDemo reports whether this is the generated demo workspace.
func (d *Desk) IsDemo() bool { return d.engine == nil && d.account == demoAccount }

// HasServer reports whether the desk syncs with a server.
func (d *Desk) HasServer() bool { return d.engine != nil }

// Retry puts a failed or conflicting change back in the queue as it is.
func (d *Desk) Retry(seq uint64) error {
	if err := d.store.Park(seq, helpdesk.StatePending, ""); err != nil {
		return err
	}
	d.outboxChanged(0)
	return nil
}

// ErrSending: the change is being sent (or may have been, before a
// crash); it cannot be edited or discarded until the sync settles it.
var ErrSending = errors.New("this change is being sent; wait for the sync to finish")

// settled refuses an outbox entry the engine may be sending: changing it
// under the engine would leave the server with the old text, or the
// engine acknowledging an entry that is gone.
func (d *Desk) settled(seq uint64) error {
	m, err := d.store.Mutation(seq)
	if err != nil {
		return err
	}
	if m.State == helpdesk.StatePending && m.Progress >= helpdesk.Attempted {
		return ErrSending
	}
	return nil
}

// Discard drops an unsent change; the ticket shows the server's state
// again (a ticket created here and never sent disappears). It is also
// "take theirs" for a conflict.
func (d *Desk) Discard(seq uint64) error {
	if err := d.settled(seq); err != nil {
		return err
	}
	t, err := d.store.Discard(seq)
	if err != nil {
		return err
	}
	if t.ID == 0 {
		// An article change (or a create that never reached the server):
		// the knowledge base may show the server's copy again.
		d.feed.publish(Change{Articles: true})
	}
	d.outboxChanged(t.ID)
	return nil
}

// KeepMine resolves a conflict in the user's favour: the change is sent
// again against the server's current version of the ticket.
func (d *Desk) KeepMine(ctx context.Context, seq uint64) error {
	if d.backend == nil {
		return ErrNoServer
	}
	m, err := d.store.Mutation(seq)
	if err != nil {
		return err
	}
	if m.Kind.IsArticle() {
		return d.keepMineArticle(ctx, m)
	}
	t, ok := d.store.Summary(m.TicketID)
	if !ok || t.RemoteID == 0 {
		return fmt.Errorf("keep mine: ticket %d is not on the server", m.TicketID)
	}
	snap, err := d.backend.Fetch(ctx, t.RemoteID)
	if err != nil {
		return fmt.Errorf("keep mine: %w", err)
	}
	if err := d.store.Rebase(seq, snap.Ticket.Version); err != nil {
		return err
	}
	d.outboxChanged(m.TicketID)
	return nil
}

// EditUnsent replaces the text of an unsent reply, note or hand-off note
// and queues it again.
func (d *Desk) EditUnsent(seq uint64, body string) error {
	if err := d.settled(seq); err != nil {
		return err
	}
	m, err := d.store.Edit(seq, body)
	if err != nil {
		return err
	}
	d.outboxChanged(m.TicketID)
	return nil
}

// outboxChanged tells subscribers and the engine that the outbox moved.
func (d *Desk) outboxChanged(ticket uint64) {
	c := Change{Outbox: true}
	if ticket != 0 {
		c.Tickets = []uint64{ticket}
	}
	d.feed.publish(c)
	if d.engine != nil {
		d.engine.Changed()
	}
}

// syncState fills the server part of a SyncState.
func (d *Desk) syncState(s *SyncState) {
	s.HasServer = d.engine != nil
	s.Online = d.sync.Online
	s.Syncing = d.sync.Syncing
	s.LastSync = d.sync.LastSync
	s.LastError = d.sync.LastError
	s.RetryIn = d.sync.RetryIn
	s.Progress = d.sync.Progress
}

// SyncResult counts what one sync did.
type SyncResult = tdsync.Result
