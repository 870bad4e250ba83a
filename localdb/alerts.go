package localdb

import (
	"errors"
	"fmt"
	"iter"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// RecordAlert files an alert in the inbox unless the ledger already has its
// event key; it reports whether the alert is new. The ledger entry and the
// inbox entry commit together, so a crash can neither lose an alert nor
// make it fire twice.
func (s *Store) RecordAlert(a helpdesk.Alert) (helpdesk.Alert, bool, error) {
	if a.Key == "" {
		return a, false, fmt.Errorf("record alert: %w: no event key", helpdesk.ErrInvalid)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	next := s.counters
	fresh := false
	err := s.update(func(txn *badger.Txn) error {
		_, err := txn.Get(nameKey(kindAlertKey, a.Key))
		if err == nil {
			return nil // alerted before
		}
		if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		next.alert++
		a.ID = next.alert
		if err := txn.Set(nameKey(kindAlertKey, a.Key), idKey(kindAlert, a.ID)); err != nil {
			return err
		}
		if err := setJSON(txn, idKey(kindAlert, a.ID), a); err != nil {
			return err
		}
		fresh = true
		return putCounters(txn, s.counters, next)
	})
	if err != nil {
		return a, false, fmt.Errorf("record alert: %w", err)
	}
	s.counters = next
	return a, fresh, nil
}

// SeenAlert reports whether the ledger has an event key.
func (s *Store) SeenAlert(key string) (bool, error) {
	err := s.view(func(txn *badger.Txn) error {
		_, err := txn.Get(nameKey(kindAlertKey, key))
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("alert ledger: %w", err)
	}
	return true, nil
}

// MarkSeen records event keys in the ledger without filing alerts: the
// first sync of an account notes everything it found, so later pulls do
// not alert on old news, and raises one summary instead.
func (s *Store) MarkSeen(keys []string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	ops := make([]func(*badger.Txn) error, 0, len(keys))
	for _, k := range keys {
		ops = append(ops, func(txn *badger.Txn) error { return txn.Set(nameKey(kindAlertKey, k), nil) })
	}
	if err := s.runSplitDurable(ops); err != nil {
		return fmt.Errorf("alert ledger: %w", err)
	}
	return nil
}

// Alerts yields the inbox in the order alerts were raised.
func (s *Store) Alerts() iter.Seq2[helpdesk.Alert, error] {
	return scan[helpdesk.Alert](s, []byte{kindAlert})
}

// UpdateAlert stores a changed alert (read, notified).
func (s *Store) UpdateAlert(a helpdesk.Alert) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.update(func(txn *badger.Txn) error {
		if _, err := txn.Get(idKey(kindAlert, a.ID)); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return ErrNotFound
			}
			return err
		}
		return setJSON(txn, idKey(kindAlert, a.ID), a)
	})
	if err != nil {
		return fmt.Errorf("alert %d: %w", a.ID, err)
	}
	return nil
}
