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
// Apply returns, until it is killed.
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
	for i := 0; ; i++ {
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

// TestCrashKeepsAcknowledgedActions kills a writer with SIGKILL in the middle
// of a stream of actions, then checks that every action it acknowledged is
// in the reopened store, in order, and that the store opens cleanly.
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
			sc := bufio.NewScanner(out)
			deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			defer deadline.Stop()
			for sc.Scan() {
				f := strings.Fields(sc.Text())
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
			m := mut(helpdesk.MutReply, 1)
			m.Body = "after the crash"
			next, _, err := s.Apply(m)
			if err != nil || next.Seq != uint64(len(ob)+1) {
				t.Fatalf("apply after crash: seq %d err %v", next.Seq, err)
			}
			t.Logf("killed after %d acknowledged actions; store had %d", len(acked), len(ob))
		})
	}
}
