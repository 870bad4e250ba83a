package localdb

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// crashChildEnv names the store directory when the test binary runs as the
// child that gets killed.
const crashChildEnv = "TIERDESK_CRASH_CHILD_DIR"

// TestCrashChild is not a test on its own: TestCrashKeepsAcknowledgedActions
// runs the test binary again with crashChildEnv set, and this function then
// writes actions as fast as it can, printing "ack SEQ CLIENTID" after each
// Apply returns, until it is killed. Every fourth step it stores a pulled
// page instead (ApplyPull, not synced) and prints "page K": the pages
// exercise the durability split, interleaved with durable actions.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		return // only meaningful as the child process
	}
	s, err := Open(dir, Options{EncryptionKey: []byte("0123456789abcdef")})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	tk := create(t, s, "Crash target", helpdesk.L1)
	w := bufio.NewWriter(os.Stdout)
	body := strings.Repeat("a reply long enough to reach the value log sometimes ", 40)
	page := 0
	for i := 0; ; i++ {
		if i%4 == 3 {
			page++
			if _, err := s.ApplyPull(crashPage(page)); err != nil {
				fmt.Fprintln(w, "error", err)
				w.Flush()
				os.Exit(4)
			}
			fmt.Fprintf(w, "page %d\n", page)
			w.Flush()
			continue
		}
		m := mut(helpdesk.MutReply, tk.ID)
		if i%3 == 0 {
			m.Kind = helpdesk.MutNote
		}
		m.Body = fmt.Sprintf("%d %s", i, body[:i%len(body)+1])
		got, _, err := s.Apply(m)
		if err != nil {
			fmt.Fprintln(w, "error", err)
			w.Flush()
			os.Exit(4)
		}
		fmt.Fprintf(w, "ack %d %s\n", got.Seq, got.ClientID)
		w.Flush()
	}
}

// crashPageTickets is the size of the pages the crash child pulls.
const crashPageTickets = 20

// crashPage is the K-th page the crash child pulls: crashPageTickets new
// tickets (server ids K*1000+i) with three comments each, and the tickets
// cursor set to K.
func crashPage(k int) helpdesk.Pull {
	p := helpdesk.Pull{Cursors: map[string]string{"tickets": strconv.Itoa(k)}}
	for i := range crashPageTickets {
		remote := uint64(k*1000 + i)
		p.Snapshots = append(p.Snapshots, snap(remote, fmt.Sprintf("Pulled %d", remote), helpdesk.L1, helpdesk.StatusOpen, "v1",
			"first", strings.Repeat("second ", 50), "third"))
	}
	return p
}

// TestCrashKeepsAcknowledgedActions kills a writer with SIGKILL in the middle
// of a stream of actions and pulled pages, then checks that every action it
// acknowledged is in the reopened store, in order, that the store opens
// cleanly, and that the pulled pages are all-or-nothing with their cursor:
// every page up to the saved cursor is there whole, none after it.
//
// A kill leaves the operating system's page cache intact, so this shows the
// commits are atomic and ordered and that recovery replays them; it cannot
// show what an fsync adds against a power cut. TestDurableWritesSync checks
// that side: which writes sync before they return.
func TestCrashKeepsAcknowledgedActions(t *testing.T) {
	for round := range 3 {
		t.Run(strconv.Itoa(round), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			killAt := 150 + round*100
			acked := map[uint64]string{}
			pulled := 0
			sc := bufio.NewScanner(out)
			deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			defer deadline.Stop()
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) == 2 && f[0] == "page" {
					pulled, _ = strconv.Atoi(f[1])
					continue
				}
				if len(f) != 3 || f[0] != "ack" {
					t.Fatalf("child said %q", sc.Text())
				}
				seq, _ := strconv.ParseUint(f[1], 10, 64)
				acked[seq] = f[2]
				if len(acked) == killAt {
					if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
						t.Fatal(err)
					}
				}
			}
			cmd.Wait()
			if len(acked) < killAt {
				t.Fatalf("child stopped after %d acks before being killed", len(acked))
			}

			s := openTest(t, dir, Options{EncryptionKey: []byte("0123456789abcdef")})
			ob := outbox(t, s)
			got := map[uint64]string{}
			for i, m := range ob {
				if m.Seq != uint64(i+1) {
					t.Fatalf("outbox gap: position %d has seq %d", i, m.Seq)
				}
				got[m.Seq] = m.ClientID
			}
			for seq, id := range acked {
				if got[seq] != id {
					t.Fatalf("acknowledged action %d (%s) lost after crash (have %q)", seq, id, got[seq])
				}
			}
			// Every outbox entry after the create has its comment, and the
			// counters continue without reusing ids.
			if n := len(comments(t, s, 1)); n != len(ob) {
				t.Fatalf("%d comments for %d outbox entries", n, len(ob))
			}
			checkCrashPages(t, s, pulled)
			m := mut(helpdesk.MutReply, 1)
			m.Body = "after the crash"
			next, _, err := s.Apply(m)
			if err != nil || next.Seq != uint64(len(ob)+1) {
				t.Fatalf("apply after crash: seq %d err %v", next.Seq, err)
			}
			t.Logf("killed after %d acknowledged actions and %d pages; store had %d actions", len(acked), pulled, len(ob))
		})
	}
}

// checkCrashPages checks the pulled pages after a crash: the cursor names
// the last page kept, every page up to it is there with all its tickets and
// comments, and no ticket of a later page is. pulled is the last page the
// child reported stored; a kill keeps it (the page cache survives).
func checkCrashPages(t *testing.T, s *Store, pulled int) {
	t.Helper()
	c, err := s.Cursor("tickets")
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	if c != "" {
		if kept, err = strconv.Atoi(c); err != nil {
			t.Fatalf("cursor %q", c)
		}
	}
	if kept < pulled {
		t.Fatalf("cursor at page %d, but page %d was stored before the kill", kept, pulled)
	}
	for k := 1; k <= kept+2; k++ {
		for i := range crashPageTickets {
			remote := uint64(k*1000 + i)
			id, ok := s.LocalID(remote)
			switch {
			case k > kept && ok:
				t.Fatalf("ticket %d of page %d is stored, but the cursor is at page %d", remote, k, kept)
			case k <= kept && !ok:
				t.Fatalf("ticket %d of page %d is missing, but the cursor is at page %d", remote, k, kept)
			case ok:
				if n := len(comments(t, s, id)); n != 3 {
					t.Fatalf("ticket %d of page %d has %d comments, want 3", remote, k, n)
				}
			}
		}
	}
}
