package localdb

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// ApplyWith records an action with files, like Apply: files[i] holds the
// bytes of m.Attachments[i]. The bytes are written in the same transaction
// as the outbox entry, so an action is never queued without its files nor
// files kept without their action; they are deleted when the action is
// acknowledged or discarded. The store sets each attachment's Size, SHA256
// and Blob from the bytes it was given.
func (s *Store) ApplyWith(m helpdesk.Mutation, files [][]byte) (helpdesk.Mutation, helpdesk.Ticket, error) {
	if len(files) != len(m.Attachments) {
		return m, helpdesk.Ticket{}, fmt.Errorf("%w: %d attachments but %d files", helpdesk.ErrInvalid, len(m.Attachments), len(files))
	}
	return s.apply(m, files)
}

// putAttachments describes and stores the files of m inside txn, taking
// blob ids from next. It validates first so that an oversized file is
// refused with the user's words, not Badger's.
func putAttachments(txn *badger.Txn, m *helpdesk.Mutation, files [][]byte, next *counters) error {
	if len(files) == 0 {
		if len(m.Attachments) > 0 {
			return fmt.Errorf("%w: attachments without their bytes", helpdesk.ErrInvalid)
		}
		return nil
	}
	as := make([]helpdesk.Attachment, len(m.Attachments))
	copy(as, m.Attachments)
	for i, b := range files {
		sum := sha256.Sum256(b)
		as[i].Size, as[i].SHA256, as[i].RemoteID = int64(len(b)), hex.EncodeToString(sum[:]), 0
	}
	m.Attachments = as
	if err := m.Validate(); err != nil {
		return err
	}
	for i, b := range files {
		next.blob++
		m.Attachments[i].Blob = next.blob
		if err := txn.Set(idKey(kindBlob, next.blob), b); err != nil {
			return fmt.Errorf("store %s: %w", m.Attachments[i].Name, err)
		}
	}
	return nil
}

// deleteAttachments returns the operations that drop m's stored files.
func deleteAttachments(m helpdesk.Mutation) []func(*badger.Txn) error {
	var ops []func(*badger.Txn) error
	for _, a := range m.Attachments {
		if a.Blob != 0 {
			ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(idKey(kindBlob, a.Blob)) })
		}
	}
	return ops
}

// Attachment returns the bytes of a file not yet sent. ErrNotFound means
// they are gone: the action reached the server (or was discarded).
func (s *Store) Attachment(blob uint64) ([]byte, error) {
	var out []byte
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(idKey(kindBlob, blob))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("attachment %d: %w", blob, err)
	}
	return out, nil
}
