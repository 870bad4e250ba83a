package sync_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

var quiet = slog.New(slog.DiscardHandler)

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

type rig struct {
	t      *testing.T
	store  *localdb.Store
	server *fakeServer
	engine *tdsync.Engine
	n      int
}

func newRig(t *testing.T) *rig {
	t.Helper()
	st, err := localdb.Open(t.TempDir(), localdb.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := newFakeServer()
	return &rig{t: t, store: st, server: srv, engine: tdsync.New(st, srv, tdsync.Options{Logger: quiet, CreateGrace: -1})}
}

func (r *rig) sync() (tdsync.Result, error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return r.engine.SyncOnce(ctx)
}

func (r *rig) mustSync() tdsync.Result {
	r.t.Helper()
	res, err := r.sync()
	if err != nil {
		r.t.Fatalf("sync: %v", err)
	}
	return res
}

func (r *rig) act(m helpdesk.Mutation) helpdesk.Ticket {
	r.t.Helper()
	r.n++
	m.ClientID = "c" + strings.Repeat("x", r.n)
	m.Author = "alex"
	m.Created = t0.Add(time.Duration(r.n) * time.Minute)
	_, t, err := r.store.Apply(m)
	if err != nil {
		r.t.Fatalf("apply %s: %v", m.Kind, err)
	}
	return t
}

func (r *rig) create(subject string) helpdesk.Ticket {
	return r.act(helpdesk.Mutation{Kind: helpdesk.MutCreate, Body: "details", Ticket: &helpdesk.Ticket{Subject: subject,
		Requester: "dana", Status: helpdesk.StatusNew, Tier: helpdesk.L1, ClientRef: "ref-" + subject}})
}

func (r *rig) outbox() []helpdesk.Mutation {
	var out []helpdesk.Mutation
	for m, err := range r.store.Outbox() {
		if err != nil {
			r.t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func (r *rig) local(remote uint64) *helpdesk.Ticket {
	r.t.Helper()
	id, ok := r.store.LocalID(remote)
	if !ok {
		r.t.Fatalf("remote %d not local", remote)
	}
	t, _ := r.store.Summary(id)
	return t
}

func TestOfflineCreateReachesServerOnce(t *testing.T) {
	r := newRig(t)
	tk := r.create("Walk-up: monitor flickers")
	r.act(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: tk.ID, Body: "Swapped the cable."})
	res := r.mustSync()
	if res.Sent != 2 || r.server.count() != 1 || len(r.outbox()) != 0 {
		t.Fatalf("result %+v, server has %d, outbox %d", res, r.server.count(), len(r.outbox()))
	}
	got, _ := r.store.Summary(tk.ID)
	if got.RemoteID == 0 || got.Version == "" {
		t.Fatalf("local ticket not mapped: %+v", got)
	}
	r.mustSync()
	if r.server.count() != 1 || r.store.Len() != 1 {
		t.Fatalf("duplicate: server %d local %d", r.server.count(), r.store.Len())
	}
	conv := 0
	for c, err := range r.store.Comments(tk.ID) {
		if err != nil || c.Pending {
			t.Fatalf("comment %+v %v", c, err)
		}
		conv++
	}
	if conv != 2 {
		t.Fatalf("conversation has %d comments, want description + reply", conv)
	}
}

func TestCreateWithLostResponseIsNotDuplicated(t *testing.T) {
	r := newRig(t)
	r.create("Lost response")
	r.server.after = func(op string) error {
		if op == "create" {
			return transient(op) // the server made it, the client never heard
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded through a broken connection")
	}
	if st := r.engine.Status(); st.Online {
		t.Fatal("engine claims to be online after a connection failure")
	}
	r.server.after = nil
	r.mustSync()
	if r.server.count() != 1 || r.server.calls["create"] != 1 || r.server.calls["find"] != 1 {
		t.Fatalf("server has %d tickets after %v", r.server.count(), r.server.calls)
	}
	if r.store.Len() != 1 || len(r.outbox()) != 0 {
		t.Fatalf("local %d outbox %d", r.store.Len(), len(r.outbox()))
	}
}

func TestPullsRemoteChangesAndDeletes(t *testing.T) {
	r := newRig(t)
	a := r.server.serverCreate("Printer offline", helpdesk.L1)
	b := r.server.serverCreate("SSO loop", helpdesk.L1)
	var pulled []helpdesk.TicketChange
	r.engine = tdsync.New(r.store, r.server, tdsync.Options{Logger: quiet, CreateGrace: -1, OnPulled: func(c []helpdesk.TicketChange, _ bool) { pulled = append(pulled, c...) }})
	if res := r.mustSync(); res.Pulled != 2 {
		t.Fatalf("pulled %+v", res)
	}
	r.server.serverEdit(a, func(t *helpdesk.Ticket) { t.Tier = helpdesk.L2 })
	r.server.serverDelete(b)
	pulled = nil
	res := r.mustSync()
	if res.Pulled != 1 || res.Deleted != 1 || r.local(a).Tier != helpdesk.L2 || r.store.Len() != 1 {
		t.Fatalf("result %+v local %+v", res, r.local(a))
	}
	if len(pulled) != 2 || pulled[0].Old.Tier != helpdesk.L1 || pulled[0].New.Tier != helpdesk.L2 || pulled[1].New != nil {
		t.Fatalf("changes %+v", pulled)
	}
}

func TestFieldConflicts(t *testing.T) {
	r := newRig(t)
	id := r.server.serverCreate("VPN drops", helpdesk.L1)
	r.mustSync()
	local := r.local(id)

	// Only the other side changed the status; we changed the owner: merged.
	r.act(helpdesk.Mutation{Kind: helpdesk.MutTake, TicketID: local.ID})
	r.server.serverEdit(id, func(t *helpdesk.Ticket) { t.Status = helpdesk.StatusOpen })
	if res := r.mustSync(); res.Sent != 1 || res.Conflicts != 0 {
		t.Fatalf("merge: %+v", res)
	}
	if got := r.local(id); got.Owner != "alex" || got.Status != helpdesk.StatusOpen {
		t.Fatalf("merged %+v", got)
	}

	// Both changed the status differently: a conflict for the user.
	r.act(helpdesk.Mutation{Kind: helpdesk.MutStatus, TicketID: local.ID, Status: helpdesk.StatusResolved})
	r.server.serverEdit(id, func(t *helpdesk.Ticket) { t.Status = helpdesk.StatusStalled })
	r.act(helpdesk.Mutation{Kind: helpdesk.MutNote, TicketID: local.ID, Body: "waits behind the conflict"})
	res := r.mustSync()
	ob := r.outbox()
	if res.Conflicts != 1 || len(ob) != 2 || ob[0].State != helpdesk.StateConflict || ob[1].State != helpdesk.StatePending {
		t.Fatalf("conflict: %+v outbox %+v", res, ob)
	}
	if !strings.Contains(ob[0].Error, "stalled") || !strings.Contains(ob[0].Error, "resolved") {
		t.Fatalf("conflict message %q", ob[0].Error)
	}
	// The user still sees their value until they decide.
	if got := r.local(id); got.Status != helpdesk.StatusResolved {
		t.Fatalf("local view lost the user's change: %s", got.Status)
	}
	// Take theirs: discard; the server value shows and the held note goes.
	if _, err := r.store.Discard(ob[0].Seq); err != nil {
		t.Fatal(err)
	}
	if got := r.local(id); got.Status != helpdesk.StatusStalled {
		t.Fatalf("take theirs shows %s", got.Status)
	}
	r.mustSync()
	if len(r.outbox()) != 0 {
		t.Fatalf("outbox left %+v", r.outbox())
	}
}

func TestKeepMineResolvesConflict(t *testing.T) {
	r := newRig(t)
	id := r.server.serverCreate("Disk full", helpdesk.L2)
	r.mustSync()
	r.act(helpdesk.Mutation{Kind: helpdesk.MutStatus, TicketID: r.local(id).ID, Status: helpdesk.StatusResolved})
	r.server.serverEdit(id, func(t *helpdesk.Ticket) { t.Status = helpdesk.StatusOpen })
	r.mustSync()
	ob := r.outbox()
	if len(ob) != 1 || ob[0].State != helpdesk.StateConflict {
		t.Fatalf("outbox %+v", ob)
	}
	// Keep mine: re-base on the server's current version and send again.
	snap, _ := r.server.Fetch(context.Background(), id)
	if err := r.store.Rebase(ob[0].Seq, snap.Ticket.Version); err != nil {
		t.Fatal(err)
	}
	r.mustSync()
	if got, _ := r.server.Fetch(context.Background(), id); got.Ticket.Status != helpdesk.StatusResolved || len(r.outbox()) != 0 {
		t.Fatalf("keep mine: server %s outbox %d", got.Ticket.Status, len(r.outbox()))
	}
}

func TestRefusalIsParkedAndHoldsOnlyThatTicket(t *testing.T) {
	r := newRig(t)
	a := r.server.serverCreate("A", helpdesk.L1)
	b := r.server.serverCreate("B", helpdesk.L1)
	r.mustSync()
	r.act(helpdesk.Mutation{Kind: helpdesk.MutStatus, TicketID: r.local(a).ID, Status: helpdesk.StatusRejected})
	r.act(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: r.local(a).ID, Body: "after the refusal"})
	r.act(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: r.local(b).ID, Body: "other ticket"})
	res := r.mustSync()
	ob := r.outbox()
	if res.Failed != 1 || res.Sent != 1 || len(ob) != 2 || ob[0].State != helpdesk.StateFailed ||
		!strings.Contains(ob[0].Error, "may not reject") || ob[1].State != helpdesk.StatePending {
		t.Fatalf("result %+v outbox %+v", res, ob)
	}
	// Retry after the user fixes rights on the server: still refused, still kept.
	if err := r.store.Park(ob[0].Seq, helpdesk.StatePending, ""); err != nil {
		t.Fatal(err)
	}
	r.mustSync()
	if ob := r.outbox(); len(ob) != 2 || ob[0].State != helpdesk.StateFailed {
		t.Fatalf("retry: %+v", ob)
	}
}

func TestFaultsLoseNothing(t *testing.T) {
	faults := map[string]error{
		"timeout":   &tdsync.TransientError{Err: context.DeadlineExceeded},
		"5xx":       &tdsync.TransientError{Err: errors.New("HTTP 502 Bad Gateway")},
		"429":       &tdsync.TransientError{Err: errors.New("HTTP 429"), RetryAfter: 30 * time.Second},
		"malformed": &tdsync.ProtocolError{What: "ticket 7", Err: errors.New("invalid character '<' looking for beginning of value")},
	}
	for name, fault := range faults {
		for _, op := range []string{"create", "comment", "update", "changes", "fetch"} {
			t.Run(name+"/"+op, func(t *testing.T) {
				r := newRig(t)
				id := r.server.serverCreate("Existing", helpdesk.L1)
				r.mustSync()
				tk := r.create("Offline one")
				r.act(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: tk.ID, Body: "typed offline"})
				r.act(helpdesk.Mutation{Kind: helpdesk.MutEscalate, TicketID: r.local(id).ID, Tier: helpdesk.L2, Body: "over to you"})
				failures := 0
				r.server.fail = func(o string) error {
					if o == op && failures < 2 {
						failures++
						return fault
					}
					return nil
				}
				for i := 0; i < 5; i++ {
					if _, err := r.sync(); err == nil {
						break
					} else if !strings.Contains(err.Error(), fault.Error()) {
						t.Fatalf("error %v does not carry the cause %v", err, fault)
					}
				}
				r.server.fail = nil
				if ob := r.outbox(); len(ob) != 0 {
					t.Fatalf("outbox after recovery: %+v", ob)
				}
				if r.server.count() != 2 {
					t.Fatalf("server has %d tickets, want 2", r.server.count())
				}
				if got := r.local(id); got.Tier != helpdesk.L2 {
					t.Fatalf("escalation lost: %+v", got)
				}
				snap, _ := r.server.Fetch(context.Background(), id)
				notes := 0
				for _, c := range snap.Comments {
					if strings.Contains(c.Body, "over to you") {
						notes++
					}
				}
				if notes != 1 {
					t.Fatalf("hand-off note on the server %d times", notes)
				}
			})
		}
	}
}

func TestInterruptedPullResumesFromLastPage(t *testing.T) {
	r := newRig(t)
	r.server.pageSize = 10
	for i := range 35 {
		r.server.serverCreate("T"+strings.Repeat("i", i), helpdesk.L1)
	}
	pages := 0
	r.server.fail = func(op string) error {
		if op == "changes" {
			pages++
			if pages == 3 {
				return transient(op)
			}
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("want failure on page 3")
	}
	if r.store.Len() != 20 {
		t.Fatalf("after two pages %d tickets", r.store.Len())
	}
	if c, _ := r.store.Cursor(tdsync.TicketsCursor); c != "20" {
		t.Fatalf("cursor %q", c)
	}
	res := r.mustSync()
	if res.Pulled != 15 || r.store.Len() != 35 {
		t.Fatalf("resume pulled %d, have %d", res.Pulled, r.store.Len())
	}
}

func TestRunBacksOffAndHonoursRetryAfter(t *testing.T) {
	r := newRig(t)
	statuses := make(chan tdsync.Status, 64)
	r.server.fail = func(op string) error {
		return &tdsync.TransientError{Err: errors.New("HTTP 429"), RetryAfter: 45 * time.Second}
	}
	e := tdsync.New(r.store, r.server, tdsync.Options{Logger: quiet, Interval: time.Hour, OnStatus: func(s tdsync.Status) {
		select {
		case statuses <- s:
		default:
		}
	}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case s := <-statuses:
			if s.RetryIn == 0 {
				continue
			}
			if s.Online || s.RetryIn < 45*time.Second {
				t.Fatalf("status %+v: want offline and retry ≥ 45 s", s)
			}
			// SyncNow cuts the wait short once the server is back.
			r.server.fail = nil
			e.SyncNow()
			for {
				select {
				case s := <-statuses:
					if s.Online && !s.Syncing && s.LastError == nil {
						cancel()
						<-done
						return
					}
				case <-deadline:
					t.Fatal("no recovery after SyncNow")
				}
			}
		case <-deadline:
			t.Fatal("no back-off status")
		}
	}
}

func TestWrongPasswordParksNothing(t *testing.T) {
	r := newRig(t)
	r.create("Typed while the password was wrong")
	r.server.fail = func(string) error { return fmt.Errorf("create: %w", tdsync.ErrUnauthorized) }
	if _, err := r.sync(); !errors.Is(err, tdsync.ErrUnauthorized) {
		t.Fatalf("sync error %v", err)
	}
	if ob := r.outbox(); len(ob) != 1 || ob[0].State != helpdesk.StatePending {
		t.Fatalf("outbox %+v: a rejected login must not fail the user's changes", ob)
	}
	if r.engine.Status().Online {
		t.Fatal("online with rejected credentials")
	}
}

func TestCreateWithAProblemIsNotSentTwice(t *testing.T) {
	r := newRig(t)
	r.create("Requester unknown to RT")
	r.server.after = func(op string) error {
		if op == "create" {
			return &tdsync.RefusedError{Message: "requester dana could not be added"}
		}
		return nil
	}
	r.mustSync()
	r.server.after = nil
	r.mustSync()
	if r.server.count() != 1 || len(r.outbox()) != 0 {
		t.Fatalf("server %d outbox %d", r.server.count(), len(r.outbox()))
	}
}

func TestInitialStaysInitialUntilTheFirstPullCompletes(t *testing.T) {
	r := newRig(t)
	r.server.pageSize = 5
	for i := range 12 {
		r.server.serverCreate(fmt.Sprint("T", i), helpdesk.L2)
	}
	var initial []bool
	r.engine = tdsync.New(r.store, r.server, tdsync.Options{Logger: quiet, CreateGrace: -1, OnPulled: func(_ []helpdesk.TicketChange, in bool) {
		initial = append(initial, in)
	}})
	pages := 0
	r.server.fail = func(op string) error {
		if op == "changes" {
			if pages++; pages == 2 {
				return transient(op)
			}
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("want a failure on page 2")
	}
	res := r.mustSync()
	if !res.Initial {
		t.Fatal("a resumed first pull is not initial")
	}
	r.server.serverCreate("later", helpdesk.L2)
	if res := r.mustSync(); res.Initial {
		t.Fatal("a later pull is still initial")
	}
	if len(initial) != 4 || !initial[0] || !initial[2] || initial[3] {
		t.Fatalf("initial flags per page %v", initial)
	}
}

func TestUnansweredCreateWaitsForTheServerBeforeRetrying(t *testing.T) {
	r := newRig(t)
	r.engine = tdsync.New(r.store, r.server, tdsync.Options{Logger: quiet, CreateGrace: 300 * time.Millisecond})
	r.create("Slow server")
	r.server.fail = func(op string) error {
		if op == "create" {
			return &tdsync.TransientError{Err: errors.New("HTTP 504 Gateway Timeout")}
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded through a 504")
	}
	r.server.fail = nil
	// At once: the lookup finds nothing, but the first request may still
	// be running on the server, so nothing is filed yet.
	if _, err := r.sync(); err == nil || !strings.Contains(err.Error(), "may still be in progress") {
		t.Fatalf("retry within the grace period: %v", err)
	}
	if r.server.count() != 0 {
		t.Fatal("filed again within the grace period")
	}
	time.Sleep(350 * time.Millisecond)
	r.mustSync()
	if r.server.count() != 1 || len(r.outbox()) != 0 {
		t.Fatalf("after the grace period: server %d outbox %d", r.server.count(), len(r.outbox()))
	}
}

func TestCreateThatNeverLeftIsNotWaitedFor(t *testing.T) {
	r := newRig(t)
	r.engine = tdsync.New(r.store, r.server, tdsync.Options{Logger: quiet}) // default grace: 2 min
	r.create("Cable pulled")
	r.server.fail = func(op string) error {
		return &tdsync.TransientError{Err: errors.New("dial tcp: connection refused"), NotSent: true}
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded offline")
	}
	if ob := r.outbox(); ob[0].Progress != helpdesk.NotSent {
		t.Fatalf("progress %v after a refused connection", ob[0].Progress)
	}
	r.server.fail = nil
	r.mustSync()
	if r.server.count() != 1 || r.server.calls["find"] != 0 {
		t.Fatalf("server %d tickets, lookups %d", r.server.count(), r.server.calls["find"])
	}
}

// flushCounter is the store with its Flush calls counted.
type flushCounter struct {
	*localdb.Store
	flushes int
}

func (f *flushCounter) Flush() error { f.flushes++; return f.Store.Flush() }

// Pulled pages are stored without an fsync each; the engine makes them
// durable once, at the end of the pass, whether it finished or not.
func TestSyncFlushesPulledPagesOncePerPass(t *testing.T) {
	r := newRig(t)
	for i := range 5 {
		r.server.serverCreate(fmt.Sprintf("Server ticket %d", i), helpdesk.L1)
	}
	st := &flushCounter{Store: r.store}
	e := tdsync.New(st, r.server, tdsync.Options{Logger: quiet, CreateGrace: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if res, err := e.SyncOnce(ctx); err != nil || res.Pulled != 5 {
		t.Fatalf("sync: pulled %d, %v", res.Pulled, err)
	}
	if st.flushes != 1 {
		t.Fatalf("%d flushes after a pass, want 1", st.flushes)
	}
	r.store.Close()
	if _, err := e.SyncOnce(ctx); err == nil {
		t.Fatal("sync on a closed store succeeded")
	}
	if st.flushes != 2 {
		t.Fatalf("%d flushes after a failed pass, want 2", st.flushes)
	}
}
