package rtlive

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	tdsync "github.com/tierdesk/tierdesk/sync"
)

// agent1 is the L1 technician at the desk under test; agent2 is the other
// agent, working in RT's own interface (played by rtUser).
var agent1 = app.Identity{Name: "agent1", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}

// account is one real Tierdesk account on disk: its data dir, name and
// keyring, enough to open it again (in this process or a child).
type account struct {
	dir, name string
	secrets   app.SecretService
}

// newAccount adds an RT account for agent1 at serverURL (RT itself, or a
// gate in front of it) with app.AddAccount, keeping its secrets in secrets
// (an app.MemorySecrets unless the test needs them in another process).
func newAccount(t testing.TB, serverURL string, secrets app.SecretService) account {
	t.Helper()
	if secrets == nil {
		secrets = &app.MemorySecrets{}
	}
	a := account{dir: t.TempDir(), name: "RT " + nonce(t), secrets: secrets}
	err := app.AddAccount(a.dir, app.NewAccount{
		Name:   a.name,
		Server: app.Server{Kind: "rt", URL: serverURL, User: agent1.Name},
		Me:     agent1,
		Secret: srv.AgentPassword,
	}, secrets)
	if err != nil {
		t.Fatalf("AddAccount: %v", err)
	}
	return a
}

// open opens the account with app.OpenAccount; the desk is closed when
// the test ends.
func (a account) open(t testing.TB, so tdsync.Options) (*app.Desk, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	d, err := app.OpenAccount(a.dir, a.name, a.secrets, app.Options{Logger: logs.logger(), Sync: so})
	if err != nil {
		t.Fatalf("OpenAccount: %v", err)
	}
	t.Cleanup(func() {
		d.Close()
		if t.Failed() && logs.Len() > 0 {
			t.Logf("desk log:\n%s", logs.String())
		}
	})
	return d, logs
}

// newDesk adds and opens an account in one step.
func newDesk(t testing.TB, serverURL string) *app.Desk {
	t.Helper()
	d, _ := newAccount(t, serverURL, nil).open(t, tdsync.Options{})
	return d
}

// logBuffer collects a desk's log, shown when a test fails. Tests never
// log from the engine's goroutines directly (t.Log after the end panics).
type logBuffer struct {
	mu  gosync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Len()
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// ctxFor is a context with a deadline well inside go test's own.
func ctxFor(t testing.TB, d time.Duration) context.Context {
	c, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return c
}

// mustSync runs one sync and fails the test on an error.
func mustSync(t testing.TB, d *app.Desk) app.SyncResult {
	t.Helper()
	start := time.Now()
	res, err := d.SyncOnce(ctxFor(t, 3*time.Minute))
	if err != nil {
		t.Fatalf("sync: %v (result %+v)", err, res)
	}
	t.Logf("sync: %+v in %.2f s", res, time.Since(start).Seconds())
	return res
}

// nonce is a short random tag that keeps this run's subjects apart from
// every other ticket in a reused RT.
func nonce(t testing.TB) string {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// subject makes a unique subject naming the test.
func subject(t testing.TB, what string) string {
	return fmt.Sprintf("%s %s [%s]", strings.TrimPrefix(t.Name(), "Test"), what, nonce(t))
}

// outbox returns the desk's outbox.
func outbox(t testing.TB, d *app.Desk) []helpdesk.Mutation {
	t.Helper()
	ob, err := d.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	return ob
}

// local returns the desk's ticket with this server id.
func local(t testing.TB, d *app.Desk, remote uint64) *helpdesk.Ticket {
	t.Helper()
	tk, ok := d.ByRemoteID(remote)
	if !ok {
		t.Fatalf("#%d is not on the desk", remote)
	}
	return tk
}

// withSubject returns the desk's tickets with exactly this subject.
func withSubject(d *app.Desk, s string) []*helpdesk.Ticket {
	return slices.DeleteFunc(d.Tickets(helpdesk.Filter{Text: s}), func(t *helpdesk.Ticket) bool { return t.Subject != s })
}

// inView reports whether the ticket is in the list a view shows to me.
func inView(d *app.Desk, v app.View, me app.Identity, localID uint64) bool {
	return slices.ContainsFunc(d.Tickets(v.Filter(me)), func(t *helpdesk.Ticket) bool { return t.ID == localID })
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// fileSecrets is an app.SecretService in a JSON file, so a child process
// can open an account the parent added. (app.MemorySecrets lives in one
// process; the OS keyring is tested elsewhere.)
type fileSecrets struct {
	path string
	mu   gosync.Mutex
}

func (f *fileSecrets) load() (map[string]string, error) {
	m := map[string]string{}
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	return m, json.Unmarshal(b, &m)
}

func (f *fileSecrets) save(m map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(f.path, b, 0o600)
}

func (f *fileSecrets) Get(account, name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return "", err
	}
	v, ok := m[account+"/"+name]
	if !ok {
		return "", fmt.Errorf("%s of account %q: %w", name, account, app.ErrNoSecret)
	}
	return v, nil
}

func (f *fileSecrets) Set(account, name, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	m[account+"/"+name] = value
	return f.save(m)
}

func (f *fileSecrets) Delete(account, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	delete(m, account+"/"+name)
	return f.save(m)
}
