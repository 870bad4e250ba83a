package sync_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	gosync "sync"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// fakeServer is an in-memory helpdesk with a change feed and fault
// injection. It models what the engine relies on: versions that move on
// every change, If-Match conflicts, refusals, and client references.
type fakeServer struct {
	mu       gosync.Mutex
	tickets  map[uint64]*helpdesk.Snapshot
	feed     []uint64 // ticket ids in change order; the cursor is an index
	deleted  map[uint64]bool
	nextID   uint64
	nextTx   uint64
	refs     map[string]uint64
	pageSize int
	calls    map[string]int
	files    map[uint64][]tdsync.File // attachments received, by ticket

	// fail, when set, is consulted before every call; a non-nil error is
	// returned instead of doing the call. after is called once a call has
	// taken effect and may return an error the client sees anyway (the
	// connection broke after the server acted).
	fail  func(op string) error
	after func(op string) error
}

func newFakeServer() *fakeServer {
	return &fakeServer{tickets: map[uint64]*helpdesk.Snapshot{}, deleted: map[uint64]bool{}, refs: map[string]uint64{},
		pageSize: 50, calls: map[string]int{}, files: map[uint64][]tdsync.File{}, nextID: 100, nextTx: 1000}
}

func (f *fakeServer) enter(op string) error {
	f.mu.Lock()
	f.calls[op]++
	fail := f.fail
	f.mu.Unlock()
	if fail != nil {
		return fail(op)
	}
	return nil
}

func (f *fakeServer) leave(op string) error {
	if f.after != nil {
		return f.after(op)
	}
	return nil
}

// touch bumps a ticket's version and appends it to the feed; f.mu held.
func (f *fakeServer) touch(id uint64) {
	f.nextTx++
	f.tickets[id].Ticket.Version = strconv.FormatUint(f.nextTx, 10)
	f.tickets[id].Ticket.Updated = time.Unix(int64(f.nextTx), 0).UTC()
	f.feed = append(f.feed, id)
}

// serverCreate adds a ticket as another agent would.
func (f *fakeServer) serverCreate(subject string, tier helpdesk.Tier) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	id := f.nextID
	f.tickets[id] = &helpdesk.Snapshot{Ticket: helpdesk.Ticket{RemoteID: id, Subject: subject, Requester: "dana",
		Status: helpdesk.StatusNew, Tier: tier}}
	f.touch(id)
	return id
}

// serverEdit changes a ticket as another agent would.
func (f *fakeServer) serverEdit(id uint64, edit func(*helpdesk.Ticket)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	edit(&f.tickets[id].Ticket)
	f.touch(id)
}

func (f *fakeServer) serverDelete(id uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.tickets, id)
	f.deleted[id] = true
	f.feed = append(f.feed, id)
}

func (f *fakeServer) snapshot(id uint64) helpdesk.Snapshot {
	s := f.tickets[id]
	out := helpdesk.Snapshot{Ticket: s.Ticket, Comments: slices.Clone(s.Comments)}
	return out
}

func (f *fakeServer) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tickets)
}

func (f *fakeServer) Changes(ctx context.Context, cursor string) (tdsync.Page, error) {
	if err := f.enter("changes"); err != nil {
		return tdsync.Page{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	pos := 0
	if cursor != "" {
		var err error
		if pos, err = strconv.Atoi(cursor); err != nil {
			return tdsync.Page{}, &tdsync.ProtocolError{What: "cursor", Err: err}
		}
	}
	end := min(pos+f.pageSize, len(f.feed))
	p := tdsync.Page{Cursor: strconv.Itoa(end), More: end < len(f.feed), Total: len(f.feed) - pos, Done: end - pos}
	seen := map[uint64]bool{}
	for _, id := range f.feed[pos:end] {
		if seen[id] {
			continue
		}
		seen[id] = true
		if f.deleted[id] {
			p.Deleted = append(p.Deleted, id)
		} else if _, ok := f.tickets[id]; ok {
			p.Tickets = append(p.Tickets, f.snapshot(id))
		}
	}
	return p, f.leave("changes")
}

func (f *fakeServer) Fetch(ctx context.Context, id uint64) (tdsync.Remote, error) {
	if err := f.enter("fetch"); err != nil {
		return tdsync.Remote{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.tickets[id]; !ok {
		return tdsync.Remote{}, tdsync.ErrNotFound
	}
	return f.snapshot(id), f.leave("fetch")
}

func (f *fakeServer) Create(ctx context.Context, t helpdesk.Ticket, description, ref string, files ...tdsync.File) (tdsync.Remote, error) {
	if err := f.enter("create"); err != nil {
		return tdsync.Remote{}, err
	}
	f.mu.Lock()
	f.nextID++
	id := f.nextID
	t.ID, t.RemoteID, t.ClientRef = 0, id, ""
	s := &helpdesk.Snapshot{Ticket: t}
	if description != "" {
		s.Comments = append(s.Comments, helpdesk.Comment{RemoteID: f.nextTx + 1, Kind: helpdesk.Reply, Body: description, Author: t.Requester})
	}
	f.files[id] = append(f.files[id], files...)
	f.tickets[id] = s
	f.refs[ref] = id
	f.touch(id)
	snap := f.snapshot(id)
	f.mu.Unlock()
	if err := f.leave("create"); err != nil {
		var refused *tdsync.RefusedError
		if errors.As(err, &refused) {
			return snap, err // made, but a detail did not take
		}
		return tdsync.Remote{}, err // the answer never arrived
	}
	return snap, nil
}

func (f *fakeServer) FindCreated(ctx context.Context, ref string) (tdsync.Remote, bool, error) {
	if err := f.enter("find"); err != nil {
		return tdsync.Remote{}, false, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.refs[ref]
	if !ok || f.tickets[id] == nil {
		return tdsync.Remote{}, false, nil
	}
	return f.snapshot(id), true, nil
}

func (f *fakeServer) Comment(ctx context.Context, id uint64, kind helpdesk.CommentKind, body string, files ...tdsync.File) error {
	if err := f.enter("comment"); err != nil {
		return err
	}
	f.mu.Lock()
	s, ok := f.tickets[id]
	if !ok {
		f.mu.Unlock()
		return tdsync.ErrNotFound
	}
	s.Comments = append(s.Comments, helpdesk.Comment{RemoteID: f.nextTx + 1, Kind: kind, Body: body, Author: "alex"})
	f.files[id] = append(f.files[id], files...)
	f.touch(id)
	f.mu.Unlock()
	return f.leave("comment")
}

func (f *fakeServer) Update(ctx context.Context, id uint64, base string, c tdsync.FieldChange) error {
	if err := f.enter("update"); err != nil {
		return err
	}
	f.mu.Lock()
	s, ok := f.tickets[id]
	if !ok {
		f.mu.Unlock()
		return tdsync.ErrNotFound
	}
	if base != s.Ticket.Version {
		f.mu.Unlock()
		return tdsync.ErrConflict
	}
	if c.Status != nil {
		if *c.Status == helpdesk.StatusRejected {
			f.mu.Unlock()
			return &tdsync.RefusedError{Status: 200, Message: "You may not reject tickets in that queue"}
		}
		s.Ticket.Status = *c.Status
	}
	if c.Owner != nil {
		s.Ticket.Owner = *c.Owner
	}
	if c.Tier != nil {
		s.Ticket.Tier = *c.Tier
	}
	f.touch(id)
	f.mu.Unlock()
	return f.leave("update")
}

// transient is the error a broken network gives.
func transient(op string) error {
	return &tdsync.TransientError{Err: fmt.Errorf("%s: connection refused", op)}
}
