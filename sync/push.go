package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// pushResult counts what one push pass did.
type pushResult struct {
	sent, failed, conflicts int
	touched                 []uint64 // local ticket ids whose state changed
}

// push sends the outbox in order. Actions on one ticket go strictly in
// order: once one is parked (failed or conflicting), later actions on that
// ticket wait for the user, while other tickets carry on. A transient error
// stops the pass: the server is unreachable or unwell, and order matters.
func (e *Engine) push(ctx context.Context) (pushResult, error) {
	var res pushResult
	var queue []helpdesk.Mutation
	for m, err := range e.store.Outbox() {
		if err != nil {
			return res, fmt.Errorf("read outbox: %w", err)
		}
		queue = append(queue, m)
	}
	held := map[uint64]bool{}
	// versions maps a ticket's version before one of our own updates to the
	// version after it, so later actions made against the old version are
	// not mistaken for conflicts with ourselves.
	versions := map[uint64][2]string{}
	heldArticles := map[uint64]bool{} // article changes queue per article, apart from tickets
	for _, m := range queue {
		if m.Kind.IsArticle() {
			if err := e.pushArticle(ctx, m, heldArticles, &res); err != nil {
				return res, err
			}
			continue
		}
		if held[m.TicketID] || m.State != helpdesk.StatePending {
			held[m.TicketID] = true
			continue
		}
		if v, ok := versions[m.TicketID]; ok && m.BaseVersion == v[0] {
			m.BaseVersion = v[1]
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		snap, err := e.send(ctx, m)
		var refused *RefusedError
		switch {
		case err == nil:
			if _, err := e.store.Acknowledge(m.Seq, snap); err != nil {
				return res, fmt.Errorf("acknowledge %s: %w", label(m), err)
			}
			if snap != nil && m.BaseVersion != "" {
				versions[m.TicketID] = [2]string{m.BaseVersion, snap.Ticket.Version}
			}
			res.sent++
		case errors.As(err, &refused):
			if err := e.store.Park(m.Seq, helpdesk.StateFailed, refused.Message); err != nil {
				return res, err
			}
			held[m.TicketID] = true
			res.failed++
			e.log.Warn("server refused a change", "change", label(m), "reason", refused.Message)
		case errors.As(err, new(*conflictError)):
			if err := e.store.Park(m.Seq, helpdesk.StateConflict, err.Error()); err != nil {
				return res, err
			}
			held[m.TicketID] = true
			res.conflicts++
		case errors.Is(err, ErrNotFound):
			if err := e.store.Park(m.Seq, helpdesk.StateFailed, "the ticket is no longer on the server"); err != nil {
				return res, err
			}
			held[m.TicketID] = true
			res.failed++
		default:
			return res, fmt.Errorf("send %s: %w", label(m), err)
		}
		res.touched = append(res.touched, m.TicketID)
	}
	return res, nil
}

// label names an outbox entry in errors and logs without its content:
// subjects and message text are as private as the encrypted store, and logs
// end up in bug reports.
func label(m helpdesk.Mutation) string {
	return fmt.Sprintf("%s (outbox entry %d, ticket %d)", m.Kind, m.Seq, m.TicketID)
}

// conflictError is a field both sides changed differently; its message is
// what the outbox shows.
type conflictError struct{ msg string }

func (e *conflictError) Error() string { return e.msg }

// send performs one action on the server and returns the ticket's fresh
// snapshot when it has one. Every step is recorded before it is taken.
func (e *Engine) send(ctx context.Context, m helpdesk.Mutation) (*helpdesk.Snapshot, error) {
	t, ok := e.store.Summary(m.TicketID)
	if !ok {
		return nil, &RefusedError{Message: "the ticket no longer exists on this device"}
	}
	if m.Kind == helpdesk.MutCreate {
		return e.sendCreate(ctx, m, t)
	}
	if t.RemoteID == 0 {
		// Its create is still waiting (or parked): FIFO per ticket holds it.
		return nil, &RefusedError{Message: "the ticket has not reached the server yet"}
	}
	if m.Progress == helpdesk.NotSent {
		if err := e.store.Advance(m.Seq, helpdesk.Attempted); err != nil {
			return nil, err
		}
	}
	switch m.Kind {
	case helpdesk.MutReply, helpdesk.MutNote:
		kind := helpdesk.Reply
		if m.Kind == helpdesk.MutNote {
			kind = helpdesk.Note
		}
		files, err := e.files(m)
		if err != nil {
			return nil, err
		}
		if err := e.backend.Comment(ctx, t.RemoteID, kind, m.Body, files...); err != nil {
			return nil, err
		}
		return nil, nil
	}
	if m.Progress < helpdesk.FieldsSent {
		if err := e.update(ctx, m, t.RemoteID); err != nil {
			return nil, err
		}
	}
	if m.Kind == helpdesk.MutEscalate || m.Kind == helpdesk.MutDeescalate {
		// The hand-off note follows the move; recording the step first means
		// a crash here resends only the note, not the move.
		if err := e.store.Advance(m.Seq, helpdesk.FieldsSent); err != nil {
			return nil, err
		}
		c, _ := m.Comment()
		if err := e.backend.Comment(ctx, t.RemoteID, helpdesk.Note, c.Body); err != nil {
			return nil, err
		}
	}
	snap, err := e.backend.Fetch(ctx, t.RemoteID)
	if err != nil {
		// The change is made; only the refresh failed. The next pull brings it.
		e.log.Info("refresh after push failed", "ticket", t.RemoteID, "err", err)
		return nil, nil
	}
	return &snap, nil
}

// sendCreate files a new ticket exactly once: if an earlier attempt may
// have reached the server, the server is asked for the client reference
// before anything is sent again.
func (e *Engine) sendCreate(ctx context.Context, m helpdesk.Mutation, t *helpdesk.Ticket) (*helpdesk.Snapshot, error) {
	if m.Progress >= helpdesk.Attempted {
		found, ok, err := e.backend.FindCreated(ctx, t.ClientRef)
		if err != nil {
			return nil, fmt.Errorf("look up an earlier create: %w", err)
		}
		if ok {
			e.log.Info("create had reached the server before", "ref", t.ClientRef, "remote", found.Ticket.RemoteID)
			return &found, nil
		}
		if wait := e.opt.CreateGrace - time.Since(m.AttemptedAt); !m.AttemptedAt.IsZero() && wait > 0 {
			// Not there yet, but the first request may still be running on
			// the server: creating now could make a second ticket.
			return nil, &TransientError{Err: errors.New("an earlier attempt to create it may still be in progress on the server"), RetryAfter: wait}
		}
	} else if err := e.store.Advance(m.Seq, helpdesk.Attempted); err != nil {
		return nil, err
	}
	files, err := e.files(m)
	if err != nil {
		return nil, err
	}
	snap, err := e.backend.Create(ctx, *t, m.Body, t.ClientRef, files...)
	var te *TransientError
	if errors.As(err, &te) && te.NotSent {
		// The connection never opened: nothing to look up next time.
		if aerr := e.store.Advance(m.Seq, helpdesk.NotSent); aerr != nil {
			return nil, aerr
		}
		return nil, err
	}
	if err != nil && snap.Ticket.RemoteID != 0 {
		// It exists on the server; only a detail did not take. Sending it
		// again would duplicate it, so it counts as sent, and the next pull
		// shows what the server kept.
		e.log.Warn("ticket created with a problem", "remote", snap.Ticket.RemoteID, "err", err)
		return &snap, nil
	}
	if err != nil {
		return nil, err
	}
	return &snap, nil
}

// update sends a field change against the version it was made on. On a
// version conflict it merges field by field: if the server still has the
// value the user changed from, the change is re-sent on the new version;
// if the server already has the user's value, there is nothing to do;
// otherwise both sides changed the field and the user decides.
func (e *Engine) update(ctx context.Context, m helpdesk.Mutation, remote uint64) error {
	fc := fieldChange(m)
	err := e.backend.Update(ctx, remote, m.BaseVersion, fc)
	if !errors.Is(err, ErrConflict) {
		return err
	}
	snap, err := e.backend.Fetch(ctx, remote)
	if err != nil {
		return fmt.Errorf("fetch after conflict: %w", err)
	}
	server, mine, base := fieldValues(m, snap.Ticket)
	switch server {
	case mine:
		return nil
	case base:
		return e.backend.Update(ctx, remote, snap.Ticket.Version, fc)
	}
	return &conflictError{msg: fmt.Sprintf("changed on the server to %s (yours: %s, was: %s)", server, mine, base)}
}

// fieldChange maps a mutation to the fields it changes.
func fieldChange(m helpdesk.Mutation) FieldChange {
	var fc FieldChange
	switch m.Kind {
	case helpdesk.MutStatus:
		fc.Status = &m.Status
	case helpdesk.MutTake:
		fc.Owner = &m.Author
	case helpdesk.MutAssign:
		fc.Owner = &m.Owner
	case helpdesk.MutEscalate, helpdesk.MutDeescalate:
		// The ticket lands unowned in its new tier, as helpdesk.Mutation
		// shows it locally, for that tier's agents to take.
		nobody := ""
		fc.Tier, fc.Owner = &m.Tier, &nobody
	}
	return fc
}

// fieldValues returns, as display strings, the field the mutation changes:
// on the server now, the user's value, and the value it was changed from.
func fieldValues(m helpdesk.Mutation, server helpdesk.Ticket) (now, mine, base string) {
	switch m.Kind {
	case helpdesk.MutStatus:
		return string(server.Status), string(m.Status), string(m.FromStatus)
	case helpdesk.MutTake:
		return owner(server.Owner), owner(m.Author), owner(m.FromOwner)
	case helpdesk.MutAssign:
		return owner(server.Owner), owner(m.Owner), owner(m.FromOwner)
	default:
		return server.Tier.String(), m.Tier.String(), m.FromTier.String()
	}
}

func owner(s string) string {
	if s == "" || s == "Nobody" {
		return "nobody"
	}
	return s
}
