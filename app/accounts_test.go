package app

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// acctSecret is a password distinctive enough to grep for.
const acctSecret = "pw-QUAGGA-hunter2-5521"

// acctNew returns a valid account to add; tests change one field at a time.
func acctNew(name string) NewAccount {
	return NewAccount{
		Name: name,
		Server: Server{
			Kind: "rt",
			URL:  "https://rt.example.com/",
			User: "priya",
		},
		Me:     Identity{Role: helpdesk.RoleEngineer, Tier: helpdesk.L2},
		Secret: acctSecret,
	}
}

// acctEntries returns a copy of what the keyring double holds.
func acctEntries(s *MemorySecrets) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.m))
	for k, v := range s.m {
		out[k] = v
	}
	return out
}

// acctFailingSecrets is a keyring whose Set fails on call number failOn
// (1-based) and works otherwise.
type acctFailingSecrets struct {
	MemorySecrets
	failOn, sets int
}

func (s *acctFailingSecrets) Set(account, name, value string) error {
	s.sets++
	if s.sets == s.failOn {
		return errors.New("keyring is locked")
	}
	return s.MemorySecrets.Set(account, name, value)
}

// acctDirEntries lists what is directly inside dir.
func acctDirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAddAccountRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		what string
		edit func(*NewAccount)
	}{
		{"empty name", func(n *NewAccount) { n.Name = "  " }},
		{"two-line name", func(n *NewAccount) { n.Name = "ACME\nIT" }},
		{"unknown kind", func(n *NewAccount) { n.Server.Kind = "zendesk" }},
		{"no kind", func(n *NewAccount) { n.Server.Kind = "" }},
		{"no URL", func(n *NewAccount) { n.Server.URL = "" }},
		{"URL without scheme", func(n *NewAccount) { n.Server.URL = "rt.example.com" }},
		{"URL with another scheme", func(n *NewAccount) { n.Server.URL = "ftp://rt.example.com" }},
		{"URL without host", func(n *NewAccount) { n.Server.URL = "https://" }},
		{"malformed URL", func(n *NewAccount) { n.Server.URL = "https://rt.example.com:port" }},
		{"user and password in URL", func(n *NewAccount) { n.Server.URL = "https://priya:" + acctSecret + "@rt.example.com" }},
		{"user in URL", func(n *NewAccount) { n.Server.URL = "https://priya@rt.example.com" }},
		{"empty user", func(n *NewAccount) { n.Server.User = " " }},
		{"empty secret", func(n *NewAccount) { n.Secret = "" }},
		{"bad role", func(n *NewAccount) { n.Me.Role = "boss" }},
		{"bad tier", func(n *NewAccount) { n.Me.Tier = helpdesk.MaxTier + 1 }},
		{"queue mapped to a bad tier", func(n *NewAccount) {
			n.Server.QueueTiers = map[string]helpdesk.Tier{"Network": helpdesk.MaxTier + 1}
		}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			dir := t.TempDir()
			var secrets MemorySecrets
			n := acctNew("ACME IT")
			tc.edit(&n)
			err := AddAccount(dir, n, &secrets)
			if !errors.Is(err, helpdesk.ErrInvalid) {
				t.Fatalf("AddAccount = %v, want helpdesk.ErrInvalid", err)
			}
			if got := acctDirEntries(t, dir); len(got) != 0 {
				t.Errorf("a refused account left %v in the data dir", got)
			}
			if got := acctEntries(&secrets); len(got) != 0 {
				t.Errorf("a refused account left %d keyring entries", len(got))
			}
		})
	}
}

func TestAddAccountWritesProfileAndKeyring(t *testing.T) {
	dir := t.TempDir()
	var secrets MemorySecrets
	n := acctNew("  ACME IT ")
	n.Server.Token = true
	n.Server.QueueTiers = map[string]helpdesk.Tier{"Network": helpdesk.L2}
	if err := AddAccount(dir, n, &secrets); err != nil {
		t.Fatal(err)
	}

	folder := AccountFolder(dir, "ACME IT")
	if want := filepath.Join(dir, "acme-it"); folder != want {
		t.Fatalf("AccountFolder = %s, want %s", folder, want)
	}
	raw, err := os.ReadFile(filepath.Join(folder, ProfileFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), acctSecret) {
		t.Fatalf("the profile holds the secret:\n%s", raw)
	}
	// Raw JSON too, so a field that is not read back cannot hide it.
	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatalf("profile is not JSON: %v\n%s", err, raw)
	}

	p, err := ReadProfile(folder)
	if err != nil {
		t.Fatal(err)
	}
	if p.Account != "ACME IT" {
		t.Errorf("profile account = %q, want the trimmed name", p.Account)
	}
	if p.Server == nil {
		t.Fatalf("profile has no server:\n%s", raw)
	}
	if p.Server.URL != "https://rt.example.com" || p.Server.User != "priya" || p.Server.Kind != "rt" || !p.Server.Token {
		t.Errorf("profile server = %+v", *p.Server)
	}
	if p.Server.QueueTiers["Network"] != helpdesk.L2 {
		t.Errorf("profile queue tiers = %v", p.Server.QueueTiers)
	}
	if want := (Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}); p.Me != want {
		t.Errorf("profile identity = %+v, want %+v (name defaults to the server user)", p.Me, want)
	}
	if info, err := os.Stat(folder); err != nil {
		t.Fatal(err)
	} else if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("account folder mode %v: readable by others", perm)
	}

	entries := acctEntries(&secrets)
	if len(entries) != 2 {
		t.Errorf("keyring holds %d entries, want 2 (credential, store key): %v", len(entries), slices.Sorted(mapKeys(entries)))
	}
	if got, err := secrets.Get("ACME IT", secretCredential); err != nil || got != acctSecret {
		t.Errorf("keyring credential = %q, %v; want the secret", got, err)
	}
	h, err := secrets.Get("ACME IT", secretStoreKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 64 || strings.ToLower(h) != h {
		t.Errorf("store key %q: want 64 lower-case hex characters", h)
	}
	if b, err := hex.DecodeString(h); err != nil || len(b) != 32 {
		t.Errorf("store key %q does not decode to 32 bytes: %v", h, err)
	} else if strings.Contains(string(raw), h) || strings.Contains(string(raw), string(b)) {
		t.Errorf("the profile holds the store key")
	}
	key, err := storeKey("ACME IT", &secrets)
	if err != nil || hex.EncodeToString(key) != h {
		t.Errorf("storeKey = %x, %v; want %s", key, err, h)
	}

	// Each account has its own key.
	if err := AddAccount(dir, acctNew("Other"), &secrets); err != nil {
		t.Fatal(err)
	}
	if h2, err := secrets.Get("Other", secretStoreKey); err != nil || h2 == h {
		t.Errorf("second account's store key = %q, %v; want another key than %q", h2, err, h)
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestAddAccountStoreOpensWithItsKeyOnly(t *testing.T) {
	dir := t.TempDir()
	var secrets MemorySecrets
	if err := AddAccount(dir, acctNew("ACME IT"), &secrets); err != nil {
		t.Fatal(err)
	}
	key, err := storeKey("ACME IT", &secrets)
	if err != nil {
		t.Fatal(err)
	}
	folder := AccountFolder(dir, "ACME IT")
	d, err := OpenWorkspace(folder, Options{EncryptionKey: key, Clock: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := d.CreateTicket(NewTicket{Subject: "Printer on fire", Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// Badger logs the refused key as an error; keep it out of the test log.
	quiet := slog.New(slog.DiscardHandler)
	other := make([]byte, 32)
	other[0] = 1
	if d, err := OpenWorkspace(folder, Options{EncryptionKey: other, Logger: quiet}); err == nil {
		d.Close()
		t.Error("the store opened with another key")
	}
	if d, err := OpenWorkspace(folder, Options{Logger: quiet}); err == nil {
		d.Close()
		t.Error("the store opened without a key")
	}
	d, err = OpenWorkspace(folder, Options{EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got, err := d.Ticket(tk.ID); err != nil || got.Subject != "Printer on fire" {
		t.Errorf("reopened ticket = %+v, %v", got, err)
	}
}

func TestAddAccountTwiceFails(t *testing.T) {
	dir := t.TempDir()
	var secrets MemorySecrets
	if err := AddAccount(dir, acctNew("ACME IT"), &secrets); err != nil {
		t.Fatal(err)
	}
	before := acctEntries(&secrets)
	profile, err := os.ReadFile(filepath.Join(AccountFolder(dir, "ACME IT"), ProfileFile))
	if err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"ACME IT", "acme it", "ACME-IT!"} {
		n := acctNew(name)
		n.Secret = "another-secret"
		n.Server.URL = "https://other.example.com"
		if err := AddAccount(dir, n, &secrets); !errors.Is(err, fs.ErrExist) {
			t.Errorf("adding %q again = %v, want fs.ErrExist", name, err)
		}
	}

	// The first account is untouched: same profile, same keyring entries.
	after := acctEntries(&secrets)
	if len(after) != len(before) {
		t.Errorf("keyring entries %v, want %v", slices.Sorted(mapKeys(after)), slices.Sorted(mapKeys(before)))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("keyring entry %s changed", k)
		}
	}
	if got, err := os.ReadFile(filepath.Join(AccountFolder(dir, "ACME IT"), ProfileFile)); err != nil || string(got) != string(profile) {
		t.Errorf("profile changed: %v\n%s", err, got)
	}
}

func TestAddAccountLeavesNothingWhenItFails(t *testing.T) {
	for failOn := 1; failOn <= 2; failOn++ {
		t.Run(fmt.Sprintf("Set %d fails", failOn), func(t *testing.T) {
			dir := t.TempDir()
			secrets := &acctFailingSecrets{failOn: failOn}
			err := AddAccount(dir, acctNew("ACME IT"), secrets)
			if err == nil {
				t.Fatal("AddAccount succeeded with a failing keyring")
			}
			if !strings.Contains(err.Error(), "keyring is locked") {
				t.Errorf("error %q does not say why", err)
			}
			if got := acctDirEntries(t, dir); len(got) != 0 {
				t.Errorf("data dir holds %v after a failed add", got)
			}
			if got := acctEntries(&secrets.MemorySecrets); len(got) != 0 {
				t.Errorf("keyring holds %v after a failed add", slices.Sorted(mapKeys(got)))
			}
			// A retry with a working keyring succeeds.
			if err := AddAccount(dir, acctNew("ACME IT"), &secrets.MemorySecrets); err != nil {
				t.Errorf("retry: %v", err)
			}
		})
	}

	t.Run("folder cannot be created", func(t *testing.T) {
		// A data dir that is a file: the keyring works, the folder cannot be made.
		dir := filepath.Join(t.TempDir(), "not-a-dir")
		if err := os.WriteFile(dir, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		var secrets MemorySecrets
		if err := AddAccount(dir, acctNew("ACME IT"), &secrets); err == nil {
			t.Fatal("AddAccount succeeded under a file")
		}
		if got := acctEntries(&secrets); len(got) != 0 {
			t.Errorf("keyring holds %v after a failed add", slices.Sorted(mapKeys(got)))
		}
	})
}

func TestAccountsListsAccountsNotTheDemo(t *testing.T) {
	dir := t.TempDir()
	if got, err := Accounts(dir); err != nil || len(got) != 0 {
		t.Fatalf("Accounts of an empty data dir = %v, %v", got, err)
	}
	if got, err := Accounts(filepath.Join(dir, "missing")); err != nil || len(got) != 0 {
		t.Fatalf("Accounts of a missing data dir = %v, %v", got, err)
	}
	if err := CreateWorkspace(filepath.Join(dir, DemoWorkspace), demoAccount, DemoIdentity()); err != nil {
		t.Fatal(err)
	}
	var secrets MemorySecrets
	for _, name := range []string{"Zeta Corp", "ACME IT"} {
		if err := AddAccount(dir, acctNew(name), &secrets); err != nil {
			t.Fatal(err)
		}
	}
	// A stray folder without a profile is not an account.
	if err := os.Mkdir(filepath.Join(dir, "stray"), 0o700); err != nil {
		t.Fatal(err)
	}

	got, err := Accounts(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range got {
		names = append(names, a.Account)
		if a.Folder != AccountFolder(dir, a.Account) {
			t.Errorf("account %q folder %s, want %s", a.Account, a.Folder, AccountFolder(dir, a.Account))
		}
		if a.Server == nil || a.Server.URL != "https://rt.example.com" {
			t.Errorf("account %q server %+v", a.Account, a.Server)
		}
	}
	if want := []string{"ACME IT", "Zeta Corp"}; !slices.Equal(names, want) {
		t.Errorf("Accounts = %v, want %v (sorted by folder, demo excluded)", names, want)
	}
}

func TestRemoveAccount(t *testing.T) {
	dir := t.TempDir()
	var secrets MemorySecrets
	for _, name := range []string{"ACME IT", "Zeta Corp"} {
		if err := AddAccount(dir, acctNew(name), &secrets); err != nil {
			t.Fatal(err)
		}
	}
	// Give the account a store, so removal has more than a profile to delete.
	key, err := storeKey("ACME IT", &secrets)
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenWorkspace(AccountFolder(dir, "ACME IT"), Options{EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateTicket(NewTicket{Subject: "VPN down", Tier: helpdesk.L1}); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// Removing by any spelling of the name that maps to the folder works:
	// the keyring entries are found through the profile.
	if err := RemoveAccount(dir, "acme it", &secrets); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(AccountFolder(dir, "ACME IT")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder still there: %v", err)
	}
	for _, name := range []string{secretCredential, secretStoreKey} {
		if _, err := secrets.Get("ACME IT", name); !errors.Is(err, ErrNoSecret) {
			t.Errorf("keyring %s after removal: %v, want ErrNoSecret", name, err)
		}
	}
	// The other account is untouched.
	if got, err := Accounts(dir); err != nil || len(got) != 1 || got[0].Account != "Zeta Corp" {
		t.Errorf("Accounts after removal = %v, %v", got, err)
	}
	if v, err := secrets.Get("Zeta Corp", secretCredential); err != nil || v != acctSecret {
		t.Errorf("other account's credential = %q, %v", v, err)
	}
	if _, err := storeKey("Zeta Corp", &secrets); err != nil {
		t.Errorf("other account's store key: %v", err)
	}

	if err := RemoveAccount(dir, "ACME IT", &secrets); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("removing it again = %v, want fs.ErrNotExist", err)
	}
	// The name can be used again.
	if err := AddAccount(dir, acctNew("ACME IT"), &secrets); err != nil {
		t.Errorf("adding it back: %v", err)
	}
}

func TestAccountFolderSanitisesNames(t *testing.T) {
	dir := filepath.FromSlash("/data/tierdesk")
	for _, tc := range []struct{ name, want string }{
		{"ACME Help-desk!", "acme-help-desk"},
		{"  ACME IT  ", "acme-it"},
		{"acme--it", "acme-it"},
		{"-acme-", "acme"},
		{"Zeta Corp. (EU) #2", "zeta-corp-eu-2"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\System32`, "c-windows-system32"},
		{"Ünïcode Ltd", "n-code-ltd"},
	} {
		if got, want := AccountFolder(dir, tc.name), filepath.Join(dir, tc.want); got != want {
			t.Errorf("AccountFolder(%q) = %s, want %s", tc.name, got, want)
		}
	}

	// Whatever the name, the folder is a direct child of the data dir and
	// never the demo's.
	for _, name := range []string{"demo", "Demo", " DEMO ", "demo!", "", "   ", "!!!", "..", ".", "/", "日本語", "\x00", "a/../.."} {
		got := AccountFolder(dir, name)
		base := filepath.Base(got)
		if filepath.Dir(got) != dir {
			t.Errorf("AccountFolder(%q) = %s, not directly in %s", name, got, dir)
		}
		if base == DemoWorkspace || base == "." || base == ".." || base == "" {
			t.Errorf("AccountFolder(%q) = %s", name, got)
		}
		for _, r := range base {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("AccountFolder(%q) = %s: character %q", name, got, r)
				break
			}
		}
	}
}

func TestAccountNamedDemoDoesNotTouchTheDemo(t *testing.T) {
	dir := t.TempDir()
	if err := CreateWorkspace(filepath.Join(dir, DemoWorkspace), demoAccount, DemoIdentity()); err != nil {
		t.Fatal(err)
	}
	demoProfile, err := os.ReadFile(filepath.Join(dir, DemoWorkspace, ProfileFile))
	if err != nil {
		t.Fatal(err)
	}
	var secrets MemorySecrets
	if err := AddAccount(dir, acctNew("Demo"), &secrets); err != nil {
		t.Fatalf("an account named Demo: %v", err)
	}
	got, err := Accounts(dir)
	if err != nil || len(got) != 1 || got[0].Account != "Demo" || got[0].Server == nil {
		t.Fatalf("Accounts = %+v, %v", got, err)
	}
	if got[0].Folder == filepath.Join(dir, DemoWorkspace) {
		t.Fatalf("the account named Demo lives in the demo's folder")
	}
	if err := RemoveAccount(dir, "Demo", &secrets); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, DemoWorkspace, ProfileFile)); err != nil || string(b) != string(demoProfile) {
		t.Errorf("the demo's profile after adding and removing an account named Demo: %v\n%s", err, b)
	}
}

func TestAccountFolderKeepsDifferentNamesApart(t *testing.T) {
	dir := t.TempDir()
	pairs := [][2]string{{"日本語", "中文"}, {"demo", "Account Demo"}, {"!!!", "???"}}
	for _, p := range pairs {
		if AccountFolder(dir, p[0]) == AccountFolder(dir, p[1]) {
			t.Errorf("%q and %q share folder %s", p[0], p[1], AccountFolder(dir, p[0]))
		}
	}
	for _, n := range []string{"CON", "nul", "Com1", "LPT9"} {
		if base := filepath.Base(AccountFolder(dir, n)); strings.EqualFold(base, n) {
			t.Errorf("%q kept the reserved folder name %s", n, base)
		}
	}
}

func TestAddAccountNeverTouchesAnotherAccountsSecrets(t *testing.T) {
	dir := t.TempDir()
	k := &MemorySecrets{}
	n := NewAccount{Name: "ACME", Server: Server{Kind: "rt", URL: "https://rt.example.com", User: "priya"},
		Me: Identity{Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}, Secret: "first"}
	if err := AddAccount(dir, n, k); err != nil {
		t.Fatal(err)
	}
	n.Secret = "second"
	if err := AddAccount(dir, n, k); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second add: %v", err)
	}
	if v, _ := k.Get("ACME", "credential"); v != "first" {
		t.Fatalf("the first account's secret became %q", v)
	}
	err := (Server{Kind: "rt", URL: "ftp://bob:TOPSECRET@host", User: "u"}).Validate()
	if err == nil || strings.Contains(err.Error(), "TOPSECRET") {
		t.Fatalf("validation message leaks the password: %v", err)
	}
}
