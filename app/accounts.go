package app

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Server says which helpdesk an account syncs with and how the backend's
// vocabulary maps onto tiers. The password or token is not here: it lives
// in the keyring.
type Server struct {
	Kind string `json:"kind"` // "rt": Request Tracker 5 (REST2)
	URL  string `json:"url"`
	User string `json:"user"`
	// Token says the secret is an API token rather than a password.
	Token bool `json:"token,omitempty"`
	// QueueTiers maps queue names to tiers; empty uses the backend's
	// default (queues named L1/L2/L3 or "Tier 1..3").
	QueueTiers map[string]helpdesk.Tier `json:"queue_tiers,omitempty"`
	// TierField names a ticket custom field holding the tier ("Tier");
	// when set it wins over the queue.
	TierField string `json:"tier_field,omitempty"`
}

// Validate checks the server settings a person typed.
func (s Server) Validate() error {
	if s.Kind != "rt" {
		return fmt.Errorf("%w: server kind %q (supported: rt)", helpdesk.ErrInvalid, s.Kind)
	}
	// Never quote the raw URL: it may carry a password.
	u, err := url.Parse(strings.TrimSpace(s.URL))
	if err != nil {
		return fmt.Errorf("%w: the server URL cannot be read (want http:// or https:// and a host)", helpdesk.ErrInvalid)
	}
	if u.User != nil {
		return fmt.Errorf("%w: put the user name and password in their own fields, not in the URL", helpdesk.ErrInvalid)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: server URL %q (want http:// or https:// and a host)", helpdesk.ErrInvalid, u.Redacted())
	}
	if strings.TrimSpace(s.User) == "" {
		return fmt.Errorf("%w: the server needs a user name", helpdesk.ErrInvalid)
	}
	for q, t := range s.QueueTiers {
		if !t.Valid() {
			return fmt.Errorf("%w: queue %q maps to tier %d", helpdesk.ErrInvalid, q, t)
		}
	}
	return nil
}

// NewAccount is what a person fills in to add an account.
type NewAccount struct {
	Name   string // shown in the status bar; also names the folder
	Server Server
	Me     Identity // Me.Name defaults to Server.User
	Secret string   // password or token; goes to the keyring only
}

// AccountFolder returns the folder of the account named name under dataDir.
// Names are reduced to letters, digits and dashes so any name is a safe
// folder name on every platform.
func AccountFolder(dataDir, name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" || slug == DemoWorkspace || windowsReserved[slug] {
		// Nothing usable survived (other scripts, punctuation), or it is a
		// reserved word: a hash of the name keeps different names apart.
		sum := sha256.Sum256([]byte(strings.TrimSpace(name)))
		if slug == "" {
			slug = "account"
		}
		slug += "-" + hex.EncodeToString(sum[:4])
	}
	return filepath.Join(dataDir, slug)
}

// windowsReserved are device names Windows will not use as folder names.
var windowsReserved = func() map[string]bool {
	m := map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}
	for i := 1; i <= 9; i++ {
		m[fmt.Sprintf("com%d", i)], m[fmt.Sprintf("lpt%d", i)] = true, true
	}
	return m
}()

// AddAccount creates the account's workspace and files its secret and a
// fresh store encryption key in the keyring. Nothing is left behind if any
// step fails.
func AddAccount(dataDir string, n NewAccount, secrets SecretService) (err error) {
	n.Name = strings.TrimSpace(n.Name)
	if n.Me.Name == "" {
		n.Me.Name = strings.TrimSpace(n.Server.User)
	}
	n.Server.URL = strings.TrimRight(strings.TrimSpace(n.Server.URL), "/")
	p := Profile{Account: n.Name, Me: n.Me, Server: &n.Server}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("add account: %w", err)
	}
	if n.Secret == "" {
		return fmt.Errorf("add account: %w: a password or token is required", helpdesk.ErrInvalid)
	}
	folder := AccountFolder(dataDir, n.Name)
	// Claim the folder before touching the keyring: Mkdir is atomic, so a
	// second process adding the same account fails here and never
	// overwrites (or, cleaning up, deletes) the first one's secrets.
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return fmt.Errorf("add account: %w", err)
	}
	if err := os.Mkdir(folder, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("add account %q: %w", n.Name, fs.ErrExist)
		}
		return fmt.Errorf("add account: %w", err)
	}
	var key [32]byte
	_, _ = rand.Read(key[:])
	defer func() {
		if err != nil {
			secrets.Delete(n.Name, secretCredential)
			secrets.Delete(n.Name, secretStoreKey)
			os.RemoveAll(folder) // ours: Mkdir above created it
		}
	}()
	if err := secrets.Set(n.Name, secretCredential, n.Secret); err != nil {
		return fmt.Errorf("add account: %w", err)
	}
	if err := secrets.Set(n.Name, secretStoreKey, hex.EncodeToString(key[:])); err != nil {
		return fmt.Errorf("add account: %w", err)
	}
	if err := createWorkspace(folder, p); err != nil {
		return fmt.Errorf("add account: %w", err)
	}
	return nil
}

// RemoveAccount deletes the account's folder (its cache and unsent
// changes) and its keyring entries.
func RemoveAccount(dataDir, name string, secrets SecretService) error {
	folder := AccountFolder(dataDir, name)
	p, err := ReadProfile(folder)
	if err != nil {
		return fmt.Errorf("remove account %q: %w", name, err)
	}
	errs := []error{secrets.Delete(p.Account, secretCredential), secrets.Delete(p.Account, secretStoreKey)}
	if err := os.RemoveAll(folder); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove account %q: %w", name, err)
	}
	return nil
}

// Account is an account as listed: its profile and folder.
type Account struct {
	Profile
	Folder string
}

// Accounts lists the configured accounts (the demo excluded).
func Accounts(dataDir string) ([]Account, error) {
	names, err := Workspaces(dataDir)
	if err != nil {
		return nil, err
	}
	var out []Account
	for _, n := range names {
		if n == DemoWorkspace {
			continue
		}
		folder := filepath.Join(dataDir, n)
		p, err := ReadProfile(folder)
		if err != nil {
			return out, err
		}
		out = append(out, Account{Profile: p, Folder: folder})
	}
	return out, nil
}

// storeKey reads an account's store key from the keyring.
func storeKey(account string, secrets SecretService) ([]byte, error) {
	h, err := secrets.Get(account, secretStoreKey)
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(h)
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("the store key of account %q in the keyring is damaged", account)
	}
	return key, nil
}
