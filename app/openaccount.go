package app

import (
	"fmt"

	tdsync "github.com/tierdesk/tierdesk/sync"
)

// backendFactories build a sync backend for each server kind; each backend
// registers itself in its own file so this one does not import them all.
var backendFactories = map[string]func(s Server, secret string) (tdsync.Backend, error){}

// NewBackend builds the sync backend of a server with its secret.
func NewBackend(s Server, secret string) (tdsync.Backend, error) {
	f, ok := backendFactories[s.Kind]
	if !ok {
		return nil, fmt.Errorf("no backend for server kind %q", s.Kind)
	}
	return f(s, secret)
}

// OpenAccount opens the account named name under dataDir: its encrypted
// store, with the key and credential from secrets, and a sync engine (not
// started; call StartSync or SyncOnce). A workspace without a server (the
// demo) opens local-only.
func OpenAccount(dataDir, name string, secrets SecretService, o Options) (*Desk, error) {
	folder := AccountFolder(dataDir, name)
	p, err := ReadProfile(folder)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", name, err)
	}
	if p.Server == nil {
		return OpenWorkspace(folder, o)
	}
	key, err := storeKey(p.Account, secrets)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", name, err)
	}
	secret, err := secrets.Get(p.Account, secretCredential)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", name, err)
	}
	backend, err := NewBackend(*p.Server, secret)
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", name, err)
	}
	o.EncryptionKey = key
	d, err := OpenWorkspace(folder, o)
	if err != nil {
		return nil, err
	}
	d.attachSync(backend, o.Sync)
	d.serverURL = p.Server.URL
	return d, nil
}
