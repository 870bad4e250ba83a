package app

import (
	"errors"
	"fmt"
	"sync"

	"github.com/zalando/go-keyring"
)

// SecretService is the keyring Tierdesk keeps an account's password or API
// token and its store encryption key in. It is an interface so tests and
// platforms without a keyring can supply another; nothing secret is ever
// written to a profile, a log or the store.
type SecretService interface {
	Get(account, name string) (string, error)
	Set(account, name, value string) error
	Delete(account, name string) error
}

// ErrNoSecret: the keyring has no such entry.
var ErrNoSecret = errors.New("not in the keyring")

// The secret names kept per account.
const (
	secretCredential = "credential" // password or API token
	secretStoreKey   = "store-key"  // hex AES key of the account's store
)

// keyringService is the service name entries are filed under, so a user
// browsing their keyring (Seahorse, Keychain Access, Credential Manager)
// sees what they belong to.
const keyringService = "io.github.tierdesk.Tierdesk"

// OSKeyring stores secrets in the operating system's keyring: the Secret
// Service (GNOME Keyring, KWallet) on Linux, the Keychain on macOS and the
// Credential Manager on Windows.
type OSKeyring struct{}

func keyringUser(account, name string) string { return account + "/" + name }

// Get reads a secret; ErrNoSecret if absent.
func (OSKeyring) Get(account, name string) (string, error) {
	v, err := keyring.Get(keyringService, keyringUser(account, name))
	if errors.Is(err, keyring.ErrNotFound) {
		return "", fmt.Errorf("%s of account %q: %w", name, account, ErrNoSecret)
	}
	if err != nil {
		return "", fmt.Errorf("read %s of account %q from the keyring: %w", name, account, err)
	}
	return v, nil
}

// Set writes a secret, replacing any earlier value.
func (OSKeyring) Set(account, name, value string) error {
	if err := keyring.Set(keyringService, keyringUser(account, name), value); err != nil {
		return fmt.Errorf("save %s of account %q in the keyring: %w", name, account, err)
	}
	return nil
}

// Delete removes a secret; removing an absent one is not an error.
func (OSKeyring) Delete(account, name string) error {
	err := keyring.Delete(keyringService, keyringUser(account, name))
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return fmt.Errorf("delete %s of account %q from the keyring: %w", name, account, err)
	}
	return nil
}

// MemorySecrets is an in-process SecretService for tests and for the demo,
// which has nothing secret. Its zero value is ready to use.
type MemorySecrets struct {
	mu sync.Mutex
	m  map[string]string
}

// Get reads a secret; ErrNoSecret if absent.
func (s *MemorySecrets) Get(account, name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[keyringUser(account, name)]
	if !ok {
		return "", fmt.Errorf("%s of account %q: %w", name, account, ErrNoSecret)
	}
	return v, nil
}

// Set writes a secret.
func (s *MemorySecrets) Set(account, name, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[keyringUser(account, name)] = value
	return nil
}

// Delete removes a secret.
func (s *MemorySecrets) Delete(account, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, keyringUser(account, name))
	return nil
}
