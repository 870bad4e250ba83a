package rtlive

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// TestLogsAndFilesHoldNoSecretOrSubject works an account through offline
// edits, failed syncs and recovery, then searches everything it left — the
// desk's log, the account folder (profile and encrypted store) — for the
// password, the ticket subject and the reply text. None may appear.
func TestLogsAndFilesHoldNoSecretOrSubject(t *testing.T) {
	g := newGate(t)
	a := newAccount(t, g.URL(), nil)
	d, logs := a.open(t, tdsync.Options{Interval: 500 * time.Millisecond, MaxBackoff: time.Second, CreateGrace: -1})
	subj := "QUOKKA-" + nonce(t) + " payroll export leaks"
	reply := "Reply text WOMBAT-" + nonce(t) + " with details"

	g.down.Store(true)
	tk, err := d.CreateTicket(app.NewTicket{Subject: subj, Description: "Description of the leak.", Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Reply(tk.ID, reply); err != nil {
		t.Fatal(err)
	}
	d.StartSync()
	waitFor(t, 20*time.Second, "a failed sync to be logged", func() bool { return d.State().LastError != nil })
	time.Sleep(1500 * time.Millisecond) // a few failed, logged attempts
	g.down.Store(false)
	waitFor(t, time.Minute, "the outbox to drain", func() bool { return d.State().Unsent == 0 })
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	if logs.Len() == 0 {
		t.Fatal("the desk logged nothing through failed syncs: the test would prove nothing")
	}
	needles := map[string]string{"password": srv.AgentPassword, "subject": subj, "reply": reply}
	for what, s := range needles {
		if bytes.Contains([]byte(logs.String()), []byte(s)) {
			t.Errorf("the log contains the %s:\n%s", what, logs.String())
		}
	}
	// The store compresses its blocks, which splits long strings; the
	// middle of each needle survives compression, so search for that.
	err = filepath.WalkDir(a.dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for what, s := range needles {
			if bytes.Contains(b, []byte(s[3:len(s)-3])) {
				t.Errorf("%s contains the %s", path, what)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
