package localdb

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// releaseSnapshotPages hands back to the kernel the pages of the store's
// closed value-log files that this process has mapped in, and returns how
// many bytes of mappings it advised.
//
// Badger reads values of 64 KiB and more (here: only the summary and search
// snapshots) through a shared mmap of the value log, so restoring the
// snapshots at start-up leaves every page of them resident: 27 MB of the
// app's resident memory at 100,000 tickets for data already decoded into
// the indexes and never read again (BENCHMARKS.md, resident memory).
//
// The advice is MADV_PAGEOUT, which reclaims the pages without changing
// what the range holds: clean file pages leave memory and a later read
// faults them back in from the file. It has to be harmless to whatever is
// at the address by then, because Badger may unmap a value-log file at any
// moment: a deletion that the value-log collection deferred runs when the
// last open iterator closes, which may be any reader's, and may have begun
// before this call took its own iterator. MADV_DONTNEED, tried first,
// would zero whatever the kernel had put at a reused address, the Go heap
// included (TestReleasingPagesWhileValueLogFilesComeAndGo caught ranges
// unmapped between the read of /proc/self/maps and the advice); a range
// that is gone by then is simply skipped. holdValueLogFiles keeps
// deletions decided from now on waiting until the advice is given, and
// the newest file, which Badger writes to and remaps as it grows, is left
// alone.
func (s *Store) releaseSnapshotPages() (int, error) {
	release, ok := s.holdValueLogFiles()
	if !ok {
		return 0, ErrClosed
	}
	defer release()

	dir, err := filepath.Abs(s.dir)
	if err == nil {
		dir, err = filepath.EvalSymlinks(dir)
	}
	if err != nil {
		return 0, fmt.Errorf("release value-log pages: %w", err)
	}
	maps, err := valueLogMappings(dir)
	if err != nil {
		return 0, fmt.Errorf("release value-log pages: %w", err)
	}
	head := uint64(0)
	for _, m := range maps {
		head = max(head, m.fid)
	}
	n := 0
	for _, m := range maps {
		if m.fid == head {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, m.start, m.end-m.start, unix.MADV_PAGEOUT)
		switch errno {
		case 0:
			n += int(m.end - m.start)
		case unix.ENOMEM: // unmapped since the scan: nothing left to release
		default: // EINVAL before Linux 5.4, which has no MADV_PAGEOUT
			return n, fmt.Errorf("release value-log pages: madvise %s: %w", m.path, errno)
		}
	}
	return n, nil
}

// mapping is one shared mapping of a value-log file.
type mapping struct {
	start, end uintptr
	path       string
	fid        uint64
}

// valueLogMappings lists the shared mappings of the value-log files in
// dir (NNNNNN.vlog) from /proc/self/maps.
func valueLogMappings(dir string) ([]mapping, error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// address perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) != 6 || !strings.HasSuffix(fields[1], "s") || filepath.Dir(fields[5]) != dir {
			continue // not a shared file mapping in dir, or a deleted file
		}
		name, ok := strings.CutSuffix(filepath.Base(fields[5]), ".vlog")
		if !ok {
			continue
		}
		fid, err := strconv.ParseUint(name, 10, 32)
		if err != nil {
			continue
		}
		lo, hi, _ := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			return nil, fmt.Errorf("/proc/self/maps: %q", sc.Text())
		}
		out = append(out, mapping{start: uintptr(start), end: uintptr(end), path: fields[5], fid: fid})
	}
	return out, sc.Err()
}
