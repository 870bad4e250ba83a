package localdb

import "errors"

// Errors callers test for with errors.Is.
var (
	// ErrNotFound: no record with that id.
	ErrNotFound = errors.New("not found")
	// ErrCorrupt: a stored value cannot be read.
	ErrCorrupt = errors.New("corrupt record")
	// ErrNewerSchema: the store was written by a newer Tierdesk; opening it
	// with this build could lose data, so it is refused.
	ErrNewerSchema = errors.New("store written by a newer version of Tierdesk")
	// ErrBadKey: the encryption key is missing, of the wrong size or not the
	// one the store was created with.
	ErrBadKey = errors.New("wrong or missing encryption key")
	// ErrClosed: the store has been closed.
	ErrClosed = errors.New("store is closed")
)
