//go:build !windows

package localdb

import (
	"os"
	"path/filepath"
	"testing"
)

// sync also fsyncs the logs of memtables waiting for their flush (an older
// file id than the active log's), and skips files that only look like logs.
func TestSyncCoversOlderLogs(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	older := filepath.Join(dir, "00000.mem") // below any id Badger hands out
	for _, name := range []string{older, filepath.Join(dir, "notes.mem")} {
		if err := os.WriteFile(name, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(name) })
	}
	if err := s.Flush(); err != nil {
		t.Fatalf("flush with an older log: %v", err)
	}
	if err := os.Chmod(older, 0); err != nil { // now it cannot be opened: the error must surface
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root opens it anyway
		if err := s.Flush(); err == nil {
			t.Fatal("flush did not report an older log it could not sync")
		}
	}
}
