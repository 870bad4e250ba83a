//go:build !windows

package localdb

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// syncOlderWALs fsyncs the logs of memtables waiting to be flushed (every
// .mem file but the newest, which db.Sync covers). There usually are none;
// one being flushed and deleted meanwhile is already on disk as a table.
func (s *Store) syncOlderWALs() error {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	type mem struct {
		fid  int64
		name string
	}
	var mems []mem
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".mem")
		if !ok {
			continue
		}
		fid, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			continue // not one of Badger's logs
		}
		mems = append(mems, mem{fid, e.Name()})
	}
	if len(mems) < 2 {
		return nil
	}
	// File ids grow with each new memtable: the largest is the active one.
	slices.SortFunc(mems, func(a, b mem) int { return cmp.Compare(a.fid, b.fid) })
	for _, m := range mems[:len(mems)-1] {
		if err := fsyncFile(filepath.Join(s.dir, m.name)); err != nil {
			return err
		}
	}
	return nil
}

func fsyncFile(path string) error {
	f, err := os.Open(path) // fsync needs no write access here (it does on Windows)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // flushed to a table and removed since the listing
	}
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("fsync %s: %w", filepath.Base(path), err)
	}
	return nil
}
