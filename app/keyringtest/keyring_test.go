package keyringtest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// service is the keyring service Tierdesk files its entries under; the
// tests read entries through go-keyring directly to pin down what a user
// sees in Seahorse, not only what app.OSKeyring reads back.
const service = "io.github.tierdesk.Tierdesk"

const howToRun = "run under packaging/test-session.sh, e.g.\n\tpackaging/test-session.sh go test -count=1 ./app/keyringtest/"

var probe struct {
	once sync.Once
	err  error
}

// requireSecretService fails the test (never skips it) unless it runs in
// the private session of packaging/test-session.sh with a Secret Service
// that answers.
func requireSecretService(t *testing.T) {
	t.Helper()
	probe.once.Do(func() { probe.err = probeSecretService() })
	if probe.err != nil {
		t.Fatalf("no usable Secret Service: %v\n%s", probe.err, howToRun)
	}
}

func probeSecretService() error {
	// Check the environment before touching D-Bus: outside a session bus
	// godbus would auto-launch a dbus-daemon that outlives the test.
	if v := os.Getenv("TIERDESK_TEST_SESSION"); v != "1" {
		return fmt.Errorf("TIERDESK_TEST_SESSION is %q, not \"1\": these tests use the real keyring and must run in a private desktop session", v)
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return errors.New("DBUS_SESSION_BUS_ADDRESS is empty: there is no session bus to reach the Secret Service on")
	}
	// A locked keyring would wait on an unlock prompt no one answers.
	done := make(chan error, 1)
	go func() {
		var k app.OSKeyring
		acct := uniqueAccount("probe")
		if err := k.Set(acct, "probe", "probe"); err != nil {
			done <- err
			return
		}
		v, err := k.Get(acct, "probe")
		if err == nil && v != "probe" {
			err = fmt.Errorf("wrote %q, read back %q", "probe", v)
		}
		done <- errors.Join(err, k.Delete(acct, "probe"))
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		return errors.New("the Secret Service did not answer in 20s (a locked keyring waiting on a prompt?)")
	}
}

// uniqueAccount returns an account name no other run has used, so tests
// never see entries left by another.
func uniqueAccount(what string) string {
	return fmt.Sprintf("Tierdesk keyringtest %s %d-%d", what, os.Getpid(), time.Now().UnixNano())
}

func TestOSKeyringRoundTrip(t *testing.T) {
	requireSecretService(t)
	var k app.OSKeyring
	acct := uniqueAccount("round trip")
	t.Cleanup(func() {
		k.Delete(acct, "credential")
		k.Delete(acct, "store-key")
	})

	if v, err := k.Get(acct, "credential"); !errors.Is(err, app.ErrNoSecret) {
		t.Errorf("Get of a missing entry = %q, %v; want app.ErrNoSecret", v, err)
	}
	if err := k.Delete(acct, "credential"); err != nil {
		t.Errorf("Delete of a missing entry = %v, want nil", err)
	}

	const secret = "s3cr3t with spaces, ünïcode ✓ and \"quotes\""
	if err := k.Set(acct, "credential", secret); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get(acct, "credential"); err != nil || v != secret {
		t.Errorf("Get = %q, %v; want %q", v, err, secret)
	}
	// Filed as "<account>/<name>" under Tierdesk's service name.
	if v, err := keyring.Get(service, acct+"/credential"); err != nil || v != secret {
		t.Errorf("go-keyring Get(%q, %q) = %q, %v; want the secret", service, acct+"/credential", v, err)
	}

	// Set replaces; names of one account are separate entries.
	if err := k.Set(acct, "credential", "second"); err != nil {
		t.Fatal(err)
	}
	key := strings.Repeat("0123456789abcdef", 4)
	if err := k.Set(acct, "store-key", key); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get(acct, "credential"); err != nil || v != "second" {
		t.Errorf("Get after replacing = %q, %v; want %q", v, err, "second")
	}
	if v, err := k.Get(acct, "store-key"); err != nil || v != key {
		t.Errorf("Get store-key = %q, %v; want %q", v, err, key)
	}
	// Another account is another entry.
	if v, err := k.Get(acct+" 2", "credential"); !errors.Is(err, app.ErrNoSecret) {
		t.Errorf("Get of another account = %q, %v; want app.ErrNoSecret", v, err)
	}

	if err := k.Delete(acct, "credential"); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get(acct, "credential"); !errors.Is(err, app.ErrNoSecret) {
		t.Errorf("Get after Delete = %q, %v; want app.ErrNoSecret", v, err)
	}
	if err := k.Delete(acct, "credential"); err != nil {
		t.Errorf("second Delete = %v, want nil", err)
	}
	if v, err := k.Get(acct, "store-key"); err != nil || v != key {
		t.Errorf("deleting the credential took the store key: %q, %v", v, err)
	}
}

// Distinctive strings to look for on disk.
//
// Badger compresses table blocks (Snappy), which replaces any run of 4 or
// more bytes seen earlier in a block by a back-reference: "ZEBRA-NOTE"
// after "ZEBRA-SUBJECT" is stored as a reference plus "NOTE", and the last
// byte of "...471" followed by `","` can be swallowed by a reference to an
// earlier `1","`. A grep for the whole string would then pass for the wrong
// reason. So no two of these share 4 bytes, the grep looks for each one's
// inner part (see inner), which the first copy in a block always keeps
// literally, and the test checks on an unencrypted store that each inner
// part is visible there. The store also keeps every word of a ticket
// lower-cased, in the full-text index it saves at Close (under a key that
// sorts before the records): a word of four digits is the same bytes in
// both, so its first copy in the record would be a reference too. So the
// digits come in threes, and the inner parts are letters and hyphens only.
const (
	password = "pw-QUOKKA-hunter2-8842"
	subject  = "ZEBRA-SUBJECT-471"
	body     = "OKAPI-DESC-908"
	note     = "IBEX-NOTE-314"
)

func TestAccountSecretsStayOffDisk(t *testing.T) {
	requireSecretService(t)
	var k app.OSKeyring
	dataDir := t.TempDir()
	name := uniqueAccount("secrecy")
	t.Cleanup(func() {
		k.Delete(name, "credential")
		k.Delete(name, "store-key")
	})

	n := app.NewAccount{
		Name: name,
		Server: app.Server{
			Kind: "rt",
			URL:  "https://rt.example.com",
			User: "priya",
		},
		Me:     app.Identity{Role: helpdesk.RoleEngineer, Tier: helpdesk.L2},
		Secret: password,
	}
	if err := app.AddAccount(dataDir, n, k); err != nil {
		t.Fatal(err)
	}

	if v, err := keyring.Get(service, name+"/credential"); err != nil || v != password {
		t.Fatalf("keyring credential = %q, %v; want the password", v, err)
	}
	hexKey, err := keyring.Get(service, name+"/store-key")
	if err != nil {
		t.Fatalf("keyring store key: %v", err)
	}
	key, err := hex.DecodeString(hexKey)
	if err != nil || len(key) != 32 {
		t.Fatalf("keyring store key %q: want 64 hex characters (%v)", hexKey, err)
	}

	folder := app.AccountFolder(dataDir, name)
	writeTicket(t, folder, key)

	// The store really holds the ticket: reopen with the key and read it.
	d, err := app.OpenWorkspace(folder, app.Options{EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	got := d.Tickets(helpdesk.Filter{})
	if len(got) != 1 || got[0].Subject != subject {
		t.Errorf("reopened store holds %d tickets (%v), want the one written", len(got), got)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// The grep below must be able to see plain text: the same actions on a
	// store without a key leave every string readable.
	plainDir := t.TempDir()
	if err := app.CreateWorkspace(plainDir, "plain", app.Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}); err != nil {
		t.Fatal(err)
	}
	writeTicket(t, plainDir, nil)
	for _, s := range []string{subject, body, note} {
		if hits := grep(t, plainDir, inner(s)); len(hits) == 0 {
			t.Fatalf("control: %q is nowhere in an unencrypted store, so not finding it in the encrypted one would prove nothing", s)
		}
	}

	files := 0
	filepath.WalkDir(dataDir, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() {
			files++
		}
		return nil
	})
	if files < 3 {
		t.Fatalf("only %d files under %s: the store was not written", files, dataDir)
	}
	for _, s := range []struct{ what, text string }{
		{"the password", password},
		{"the ticket subject", subject},
		{"the ticket description", body},
		{"the internal note", note},
		{"the store key (hex)", hexKey},
		{"the store key (raw)", string(key)},
	} {
		if hits := grep(t, dataDir, inner(s.text)); len(hits) > 0 {
			t.Errorf("%s (%q) is in plain text on disk in %v", s.what, inner(s.text), hits)
		}
	}
	// The profile is there and names the server: the grep read it.
	if hits := grep(t, dataDir, "https://rt.example.com"); len(hits) != 1 || filepath.Base(hits[0]) != app.ProfileFile {
		t.Errorf("the server URL is in %v, want only the profile", hits)
	}

	// Removing the account takes its keyring entries with it.
	if err := app.RemoveAccount(dataDir, name, k); err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{"credential", "store-key"} {
		if v, err := keyring.Get(service, name+"/"+e); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("keyring %s after RemoveAccount = %q, %v; want not found", e, v, err)
		}
	}
	if _, err := os.Stat(folder); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("account folder after RemoveAccount: %v", err)
	}
}

// writeTicket opens the workspace in folder with key, creates a ticket
// carrying the distinctive strings, and closes it.
func writeTicket(t *testing.T, folder string, key []byte) {
	t.Helper()
	d, err := app.OpenWorkspace(folder, app.Options{EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := d.CreateTicket(app.NewTicket{Subject: subject, Description: body, Tier: helpdesk.L2})
	if err != nil {
		d.Close()
		t.Fatal(err)
	}
	if _, err := d.Note(tk.ID, note); err != nil {
		d.Close()
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// inner returns s without its first and last 3 bytes. A compressor that
// replaces repeated runs of at least 4 bytes can fold s's edges into a
// reference that reaches into the bytes around it, but where s occurs for
// the first time no 4 bytes wholly inside it have been seen before, so its
// inner part stays literal.
func inner(s string) string {
	if len(s) < 10 {
		panic(fmt.Sprintf("inner(%q): too short to look for", s))
	}
	return s[3 : len(s)-3]
}

// grep returns the files under dir whose raw bytes contain s.
func grep(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			rel, _ := filepath.Rel(dir, path)
			hits = append(hits, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}
