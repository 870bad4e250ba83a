//go:build !linux

package localdb

// releaseSnapshotPages is Linux-only (residentpages_linux.go): elsewhere
// the snapshots' pages stay mapped until the system needs the memory.
func (s *Store) releaseSnapshotPages() (int, error) { return 0, nil }
