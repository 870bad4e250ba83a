package rt

import (
	"fmt"
	"strconv"
	"strings"
)

// cursor is where a pull stands. Between pulls it is just a transaction
// id: everything up to it has been delivered. During the initial sync it
// also carries the last ticket id delivered and how many so far; the
// transaction id is then the newest one at the start of the initial sync,
// so a change made while the sync ran is pulled again afterwards, not lost.
type cursor struct {
	txn     uint64
	initial bool
	after   uint64 // initial sync: tickets above this id are still to come
	done    int    // initial sync: tickets delivered so far
}

// String encodes the cursor: "<txn>" or "init:<txn>:<after>:<done>".
func (c cursor) String() string {
	if c.initial {
		return fmt.Sprintf("init:%d:%d:%d", c.txn, c.after, c.done)
	}
	return strconv.FormatUint(c.txn, 10)
}

// parseCursor is the inverse of String; "" is the start of an initial
// sync.
func parseCursor(s string) (cursor, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return cursor{initial: true}, nil
	}
	if rest, ok := strings.CutPrefix(s, "init:"); ok {
		parts := strings.Split(rest, ":")
		if len(parts) != 3 {
			return cursor{}, fmt.Errorf("rt: malformed sync cursor %q", s)
		}
		txn, err1 := strconv.ParseUint(parts[0], 10, 64)
		after, err2 := strconv.ParseUint(parts[1], 10, 64)
		done, err3 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || err3 != nil || done < 0 {
			return cursor{}, fmt.Errorf("rt: malformed sync cursor %q", s)
		}
		return cursor{txn: txn, initial: true, after: after, done: done}, nil
	}
	txn, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return cursor{}, fmt.Errorf("rt: malformed sync cursor %q", s)
	}
	return cursor{txn: txn}, nil
}
