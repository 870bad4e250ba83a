package localdb

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Setting decodes the setting name into v; it reports false when the setting
// was never stored, leaving v untouched so callers can pre-fill defaults.
func (s *Store) Setting(name string, v any) (bool, error) {
	err := s.view(func(txn *badger.Txn) error { return getJSON(txn, nameKey(kindSetting, name), v) })
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("setting %s: %w", name, err)
	}
	return true, nil
}

// SetSetting stores v as the setting name.
func (s *Store) SetSetting(name string, v any) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.update(func(txn *badger.Txn) error { return setJSON(txn, nameKey(kindSetting, name), v) }); err != nil {
		return fmt.Errorf("save setting %s: %w", name, err)
	}
	return nil
}

// Cursor returns the sync cursor name, or "" if none was saved.
func (s *Store) Cursor(name string) (string, error) {
	var c string
	err := s.view(func(txn *badger.Txn) error { return getJSON(txn, nameKey(kindCursor, name), &c) })
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cursor %s: %w", name, err)
	}
	return c, nil
}
