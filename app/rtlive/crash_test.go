package rtlive

import (
	"bufio"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// The child of TestKilledMidPushCreatesNoDuplicate is this test binary run
// again with these set: the account's data dir, name and secrets file.
const (
	crashChildEnv     = "TIERDESK_RTLIVE_CHILD_DIR"
	crashChildName    = "TIERDESK_RTLIVE_CHILD_ACCOUNT"
	crashChildSecrets = "TIERDESK_RTLIVE_CHILD_SECRETS"
)

// crashCreates is how many tickets (each with a reply) the child sends.
const crashCreates = 20

// TestKilledMidPushChild is not a test on its own: it is the process
// TestKilledMidPushCreatesNoDuplicate kills. It opens the account and syncs
// once, as `tierdesk sync --once` would, printing "open" and "done".
func TestKilledMidPushChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		return // only meaningful as the child process
	}
	secrets := &fileSecrets{path: os.Getenv(crashChildSecrets)}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	d, err := app.OpenAccount(dir, os.Getenv(crashChildName), secrets, app.Options{Logger: log})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	fmt.Println("open")
	res, err := d.SyncOnce(ctxFor(t, 5*time.Minute))
	fmt.Printf("done %+v %v\n", res, err)
	d.Close()
}

// A sync killed (SIGKILL) in the middle of sending 20 creates and their
// replies is resumed by the next one without filing any ticket twice; the
// outbox empties. Replies have no client reference in RT, so one whose
// POST reached RT just before the kill is sent again: that is reported,
// not failed (see the report at the end of the test).
func TestKilledMidPushCreatesNoDuplicate(t *testing.T) {
	root := asUser("root")
	killed, dupReplies, attempted := 0, 0, 0
	for round := range 3 {
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			secrets := &fileSecrets{path: filepath.Join(t.TempDir(), "secrets.json")}
			a := newAccount(t, srv.URL, secrets)
			tag := "crash-" + nonce(t)
			subjects := make([]string, crashCreates)
			replies := map[string]string{}
			func() {
				d, err := app.OpenAccount(a.dir, a.name, secrets, app.Options{Logger: (&logBuffer{}).logger()})
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				for i := range subjects {
					subjects[i] = fmt.Sprintf("%s ticket %02d", tag, i)
					tk, err := d.CreateTicket(app.NewTicket{Subject: subjects[i], Description: "Queued offline #" + itoa(uint64(i)),
						Tier: helpdesk.L1})
					if err != nil {
						t.Fatal(err)
					}
					replies[subjects[i]] = fmt.Sprintf("%s reply %02d", tag, i)
					if _, err := d.Reply(tk.ID, replies[subjects[i]]); err != nil {
						t.Fatal(err)
					}
				}
			}()

			// Kill once RT shows k of the tickets, k random, after a
			// random moment more: creates and replies are cut at varying
			// points.
			k := 1 + rand.IntN(crashCreates-4)
			jitter := time.Duration(rand.IntN(400)) * time.Millisecond
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledMidPushChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+a.dir, crashChildName+"="+a.name, crashChildSecrets+"="+secrets.path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			guard := time.AfterFunc(3*time.Minute, func() { cmd.Process.Kill() })
			defer guard.Stop()
			lines := make(chan string, 16)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			if l := <-lines; l != "open" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child said %q", l)
			}
			seen, childDone := 0, false
			for seen < k && !childDone {
				select {
				case l, ok := <-lines:
					if !ok || strings.HasPrefix(l, "done") {
						childDone = true
						t.Logf("child finished before the kill: %q", l)
					}
				case <-time.After(50 * time.Millisecond):
					seen = root.count(t, "Subject LIKE "+sqlQuote(tag))
				}
			}
			if !childDone {
				time.Sleep(jitter)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
			}
			err = cmd.Wait()
			wasKilled := false
			if ee, ok := err.(*exec.ExitError); ok {
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
					wasKilled = true
				}
			}
			atKill := root.count(t, "Subject LIKE "+sqlQuote(tag))
			if wasKilled {
				killed++
			}
			// RT finishes a request whose client died. Let it: here the
			// lookup must find every create that landed.
			for stable, last := 0, atKill; stable < 4; {
				time.Sleep(300 * time.Millisecond)
				if n := root.count(t, "Subject LIKE "+sqlQuote(tag)); n != last {
					stable, last = 0, n
				} else {
					stable++
				}
			}

			// Reopen, as a restarted app would, and finish. RT has gone
			// quiet, so the engine need not wait the create grace period
			// (TestCreateStillRunningOnRTIsNotDuplicated covers the wait).
			d, _ := a.open(t, tdsync.Options{CreateGrace: -1})
			ob := outbox(t, d)
			var marks []string
			for _, m := range ob {
				if m.Progress >= helpdesk.Attempted {
					attempted++
					marks = append(marks, m.Describe())
				}
			}
			t.Logf("killed=%v after %d tickets in RT (+%s), %d at the kill; %d of %d outbox entries left, perhaps-sent: %q",
				wasKilled, k, jitter, atKill, len(ob), 2*crashCreates, marks)
			mustSync(t, d)
			if ob := outbox(t, d); len(ob) != 0 {
				mustSync(t, d)
				if ob := outbox(t, d); len(ob) != 0 {
					t.Fatalf("outbox not empty after two syncs: %+v", ob)
				}
			}

			ids := make([]uint64, 0, crashCreates)
			for _, s := range subjects {
				got := root.bySubject(t, s)
				if len(got) != 1 {
					t.Errorf("RT has %d tickets %q, want exactly 1: %v", len(got), s, got)
				}
				ids = append(ids, got...)
				if n := len(withSubject(d, s)); n != 1 {
					t.Errorf("the desk shows %d tickets %q, want 1", n, s)
				}
			}
			if n := root.count(t, "Subject LIKE "+sqlQuote(tag)); n != crashCreates {
				t.Errorf("RT has %d tickets tagged %s, want %d", n, tag, crashCreates)
			}
			counts := root.correspondCounts(t, ids)
			for _, n := range ids {
				switch c := counts[n]; {
				case c == 0:
					t.Errorf("#%d: the reply never reached RT", n)
				case c > 1:
					dupReplies += c - 1
					t.Logf("REPLY DUPLICATED: #%d has %d copies of its reply (the kill fell between RT taking it and the outbox acknowledging it)", n, c)
				}
			}
			for _, s := range subjects {
				tk := withSubject(d, s)
				if len(tk) != 1 {
					continue
				}
				conv, err := d.Conversation(tk[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range conv {
					if c.Pending {
						t.Errorf("%s: comment still pending after sync: %+v", s, c)
					}
				}
			}
		})
	}
	t.Logf("report: %d of 3 children killed mid-push; %d outbox entries were perhaps-sent at the kill; %d duplicated replies",
		killed, attempted, dupReplies)
	if killed == 0 {
		t.Fatal("no child was killed in the middle of its push: the test proved nothing")
	}
}
