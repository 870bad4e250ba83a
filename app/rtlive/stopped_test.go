package rtlive

import (
	"fmt"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// RT goes down (rt-server.sh stop) while the desk is sending a queue of
// changes. The sync fails, the desk says it is offline, the background
// engine backs off; once RT is back and the user presses "sync now", every
// change arrives, each create exactly once.
//
// It stops the package's RT, so it restarts it in its cleanup whatever
// happens, and its file sorts last so the other tests never wait for it.
func TestRTStoppedMidSyncThenConverges(t *testing.T) {
	t.Cleanup(func() {
		if !srv.Running() {
			srv.Start(t)
		}
	})
	root := asUser("root")
	a := newAccount(t, srv.URL, nil)
	d, _ := a.open(t, tdsync.Options{Interval: time.Second, Debounce: 200 * time.Millisecond, MaxBackoff: 2 * time.Second})

	// A ticket the desk already has, to change while RT is down.
	existing, err := d.CreateTicket(app.NewTicket{Subject: subject(t, "Docking station"), Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, d)

	tag := "outage-" + nonce(t)
	const creates = 8
	subjects := make([]string, creates)
	for i := range subjects {
		subjects[i] = fmt.Sprintf("%s ticket %d", tag, i)
		tk, err := d.CreateTicket(app.NewTicket{Subject: subjects[i], Description: "queued " + tag, Tier: helpdesk.L1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Reply(tk.ID, fmt.Sprintf("%s reply %d", tag, i)); err != nil {
			t.Fatal(err)
		}
	}
	note := tag + " note on the dock"
	if _, err := d.Note(existing.ID, note); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetStatus(existing.ID, helpdesk.StatusOpen); err != nil {
		t.Fatal(err)
	}
	queued := d.State().Unsent
	if queued != 2*creates+2 {
		t.Fatalf("%d unsent, want %d", queued, 2*creates+2)
	}

	// Sync, and stop RT once the first of the queue has reached it.
	done := make(chan error, 1)
	go func() {
		_, err := d.SyncOnce(ctxFor(t, 3*time.Minute))
		done <- err
	}()
	waitFor(t, time.Minute, "no queued ticket reached RT", func() bool {
		return root.count(t, "Subject LIKE "+sqlQuote(tag)) > 0
	})
	t0 := time.Now()
	srv.Stop(t)
	t.Logf("RT stopped in %.1f s", time.Since(t0).Seconds())
	var syncErr error
	select {
	case syncErr = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the sync did not end after RT stopped")
	}
	if syncErr == nil {
		// It finished before RT went away: then one more sync must fail.
		t.Logf("the sync finished before RT stopped; queueing one more change")
		if _, err := d.Reply(existing.ID, tag+" late reply"); err != nil {
			t.Fatal(err)
		}
		_, syncErr = d.SyncOnce(ctxFor(t, time.Minute))
		if syncErr == nil {
			t.Fatal("sync succeeded with RT stopped")
		}
	}
	t.Logf("sync with RT going down: %v", syncErr)
	st := d.State()
	if st.Online || st.LastError == nil || st.Unsent == 0 {
		t.Fatalf("state with RT down: %+v", st)
	}
	t.Logf("%d of %d changes still unsent", st.Unsent, queued)

	// The engine backs off while RT is down.
	d.StartSync()
	var retries []time.Duration
	waitFor(t, 30*time.Second, "the engine never reported a retry delay", func() bool {
		st := d.State()
		if st.RetryIn > 0 && (len(retries) == 0 || retries[len(retries)-1] != st.RetryIn) {
			retries = append(retries, st.RetryIn)
		}
		return len(retries) >= 2 && !st.Online
	})
	if st := d.State(); st.Online || st.Unsent == 0 {
		t.Fatalf("state while backing off: %+v", st)
	}
	t.Logf("retry delays while RT was down: %v", retries)

	t0 = time.Now()
	srv.Start(t)
	t.Logf("RT started again in %.1f s", time.Since(t0).Seconds())
	t0 = time.Now()
	d.SyncNow()
	waitFor(t, 2*time.Minute, "the outbox did not empty after RT came back", func() bool {
		st := d.State()
		return st.Online && st.Unsent == 0 && st.LastError == nil && !st.Syncing
	})
	t.Logf("converged %.1f s after SyncNow; state %+v", time.Since(t0).Seconds(), d.State())
	if n := len(outbox(t, d)); n != 0 {
		t.Fatalf("outbox has %d entries", n)
	}

	var ids []uint64
	for _, s := range subjects {
		got := root.bySubject(t, s)
		if len(got) != 1 {
			t.Errorf("RT has %d tickets %q, want 1", len(got), s)
		}
		ids = append(ids, got...)
		if tk := withSubject(d, s); len(tk) != 1 || tk[0].RemoteID == 0 {
			t.Errorf("the desk has %+v for %q", tk, s)
		}
	}
	for n, c := range root.correspondCounts(t, ids) {
		if c > 1 {
			t.Logf("REPLY DUPLICATED: #%d has %d copies of its reply (RT took it as it went down, the answer was lost)", n, c)
		}
	}
	if len(root.correspondCounts(t, ids)) != len(ids) {
		t.Errorf("some replies never reached RT: %v", root.correspondCounts(t, ids))
	}
	dock, _ := d.Summary(existing.ID)
	remote := dock.RemoteID
	if s := root.ticket(t, remote).Status; s != "open" {
		t.Errorf("the status change did not reach RT: %s", s)
	}
	if c := txnsWith(root.history(t, remote), "Comment", note); len(c) != 1 {
		t.Errorf("the note is in RT %d times", len(c))
	}
}
