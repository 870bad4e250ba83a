package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The whole-process benchmarks start the real binary in the display of the
// session (make bench runs them inside packaging/test-session.sh) and read
// the markers it prints under TIERDESK_BENCH_FIRSTFRAME (benchmarker.go).
// TIERDESK_BENCH_BIN names a binary built already; otherwise it is built.

// benchBinary returns the binary to measure.
func benchBinary(b *testing.B) string {
	b.Helper()
	if bin := os.Getenv("TIERDESK_BENCH_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(b.TempDir(), "tierdesk")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// benchWorkspace returns a data dir holding a generated demo workspace of
// the given size: a copy of TIERDESK_BENCH_WORKSPACE for the full one (make
// bench caches it), otherwise generated with "tierdesk dev gen".
func benchWorkspace(b *testing.B, bin string, full bool) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "data")
	if src := os.Getenv("TIERDESK_BENCH_WORKSPACE"); full && src != "" {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			b.Fatalf("copy the benchmark workspace: %v", err)
		}
		return dir
	}
	tickets, articles := "0", "0"
	if full {
		tickets, articles = "20000", "2000"
	}
	out, err := exec.Command(bin, "dev", "gen", "--data-dir", dir, "--tickets", tickets, "--articles", articles).CombinedOutput()
	if err != nil {
		b.Fatalf("dev gen: %v\n%s", err, out)
	}
	return dir
}

// proc is the app running under measurement.
type proc struct {
	cmd     *exec.Cmd
	started time.Time
	marks   chan mark
	log     strings.Builder
	done    chan struct{}
}

type mark struct {
	name string
	ms   float64       // as the app measured it, from its process start
	at   time.Duration // as seen here, from just before exec
}

func startProc(b *testing.B, bin string, env []string, args ...string) *proc {
	b.Helper()
	p := &proc{cmd: exec.Command(bin, args...), marks: make(chan mark, 8), done: make(chan struct{})}
	p.cmd.Env = append(append(os.Environ(), "TIERDESK_BENCH_FIRSTFRAME=1"), env...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	p.cmd.Stdout = io.Discard
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		b.Fatalf("start %s: %v", bin, err)
	}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if name, ms, ok := strings.Cut(strings.TrimPrefix(line, "tierdesk-bench: "), " "); ok && strings.HasPrefix(line, "tierdesk-bench: ") {
				v, _ := strconv.ParseFloat(ms, 64)
				p.marks <- mark{name: name, ms: v, at: time.Since(p.started)}
				continue
			}
			if p.log.Len() < 64<<10 {
				p.log.WriteString(line + "\n")
			}
		}
		_ = p.cmd.Wait()
	}()
	b.Cleanup(p.stop)
	return p
}

// await returns the named marker, failing after timeout or if the app exits.
func (p *proc) await(b *testing.B, name string, timeout time.Duration) mark {
	b.Helper()
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case m := <-p.marks:
			if m.name == name {
				return m
			}
		case <-p.done:
			b.Fatalf("the app exited before %s; it said:\n%s", name, p.log.String())
		case <-t.C:
			b.Fatalf("no %s marker after %v; the app said:\n%s", name, timeout, p.log.String())
		}
	}
}

// quit asks the app to quit as a user closing it would (SIGTERM: the window
// closes its store, which writes the summary snapshot the next open reads)
// and waits for it, killing it after 15 s.
func (p *proc) quit(b *testing.B) {
	b.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		b.Logf("the app did not quit 15 s after SIGTERM; killed")
		p.stop()
	}
}

func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// status reads a field of /proc/PID/status in kB.
func (p *proc) status(b *testing.B, field string) float64 {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatalf("%s: %q", field, l)
			}
			return kb
		}
	}
	b.Fatalf("no %s in /proc/PID/status", field)
	return 0
}

// idleCPU lets the process settle for 5 s, then returns the CPU seconds it
// uses over the next idle.
func (p *proc) idleCPU(b *testing.B, idle time.Duration) float64 {
	b.Helper()
	time.Sleep(5 * time.Second)
	c0 := p.cpu(b)
	time.Sleep(idle)
	return (p.cpu(b) - c0).Seconds()
}

// cpu returns the user+system CPU time the process has used (fields 14 and
// 15 of /proc/PID/stat, in clock ticks of 10 ms).
func (p *proc) cpu(b *testing.B) time.Duration {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, err1 := strconv.ParseUint(f[11], 10, 64)
	k, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		b.Fatalf("parse /proc/PID/stat: %q", s)
	}
	return time.Duration(u+k) * 10 * time.Millisecond
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkWindow starts the whole app on the demo workspace, full (the
// large generated store) and empty, alternately, TIERDESK_BENCH_RUNS times
// each (default 5). It reports the median time from exec to the first
// non-blank frame in the window's front buffer (first-frame-ms, and
// empty-first-frame-ms, and their ratio), the same as the app measured it
// from its kernel start time (app-*), and the resident memory once the
// full-text index is built and two more seconds have passed (rss-MB, and
// the peak, hwm-MB).
func BenchmarkWindow(b *testing.B) {
	bin := benchBinary(b)
	full := benchWorkspace(b, bin, true)
	empty := benchWorkspace(b, bin, false)
	runs := 5
	if v := os.Getenv("TIERDESK_BENCH_RUNS"); v != "" {
		runs, _ = strconv.Atoi(v)
	}
	type sample struct{ ff, app, open, rss, anon, file, hwm []float64 }
	measure := func(dir string, s *sample) {
		p := startProc(b, bin, nil, "--demo", "--data-dir", dir)
		open := p.await(b, "store-open", 2*time.Minute)
		m := p.await(b, "first-frame", 2*time.Minute)
		s.ff = append(s.ff, float64(m.at.Microseconds())/1000)
		s.app = append(s.app, m.ms)
		s.open = append(s.open, open.ms)
		p.await(b, "search-ready", 10*time.Minute)
		time.Sleep(2 * time.Second)
		s.rss = append(s.rss, p.status(b, "VmRSS")/1024)
		s.anon = append(s.anon, p.status(b, "RssAnon")/1024)
		s.file = append(s.file, p.status(b, "RssFile")/1024)
		s.hwm = append(s.hwm, p.status(b, "VmHWM")/1024)
		p.quit(b)
	}
	var f, e sample
	for b.Loop() {
		for range max(runs, 1) {
			measure(empty, &e)
			measure(full, &f)
		}
	}
	b.ReportMetric(median(f.ff), "first-frame-ms")
	b.ReportMetric(median(e.ff), "empty-first-frame-ms")
	b.ReportMetric(median(f.ff)/median(e.ff), "ratio")
	b.ReportMetric(median(f.app), "app-first-frame-ms")
	b.ReportMetric(median(e.app), "app-empty-first-frame-ms")
	b.ReportMetric(median(f.rss), "rss-MB")
	b.ReportMetric(median(e.rss), "empty-rss-MB")
	b.ReportMetric(median(f.open), "app-store-open-ms")
	b.ReportMetric(median(e.open), "app-empty-store-open-ms")
	b.ReportMetric(median(f.anon), "rss-anon-MB")
	b.ReportMetric(median(e.anon), "empty-rss-anon-MB")
	b.ReportMetric(median(f.file), "rss-file-MB")
	b.ReportMetric(median(e.file), "empty-rss-file-MB")
	b.ReportMetric(median(f.hwm), "hwm-MB")
	b.ReportMetric(median(e.hwm), "empty-hwm-MB")
	b.Logf("first frame full %v ms, empty %v ms; rss full %v MB, empty %v MB", f.ff, e.ff, f.rss, e.rss)
}

// BenchmarkIdleCPU measures the CPU the app uses while nobody touches it
// for 60 s (TIERDESK_BENCH_IDLE overrides) with the window open and sync on
// against a real Request Tracker: RT_URL (and RT_AGENT_PASSWORD, default
// tierdesk-agent) must name one, such as packaging/rt/rt-server.sh starts.
// The account is added with "tierdesk account add" (the keyring of the
// session holds the password); measuring starts 5 s after the first sync
// has completed. It reports cpu-s, user+system seconds over the window,
// and floor-cpu-s, the same for the window alone: an empty demo workspace
// with no account, so no sync; and bare-cpu-s and bare-rss-MB, the CPU and
// resident memory of a bare Fyne window (barewindow.go): what the toolkit
// costs before Tierdesk adds anything; and store-cpu-s, the same workspace
// opened without a window.
func BenchmarkIdleCPU(b *testing.B) {
	url := os.Getenv("RT_URL")
	if url == "" {
		b.Fatal("RT_URL is not set: start RT with packaging/rt/rt-server.sh and eval its env")
	}
	pw := os.Getenv("RT_AGENT_PASSWORD")
	if pw == "" {
		pw = "tierdesk-agent"
	}
	idle := 60 * time.Second
	if v := os.Getenv("TIERDESK_BENCH_IDLE"); v != "" {
		var err error
		if idle, err = time.ParseDuration(v); err != nil {
			b.Fatal(err)
		}
	}
	bin := benchBinary(b)
	dir := filepath.Join(b.TempDir(), "data")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	add := exec.CommandContext(ctx, bin, "account", "add", "Bench", "--data-dir", dir, "--url", url, "--user", "agent1", "--role", "technician", "--tier", "L1")
	add.Env = append(os.Environ(), "TIERDESK_SECRET="+pw)
	if out, err := add.CombinedOutput(); err != nil {
		b.Fatalf("account add: %v\n%s", err, out)
	}
	// The floor: the same binary and window on an empty demo workspace,
	// with no account and so no sync, idle as long.
	floorDir := benchWorkspace(b, bin, false)
	var cpu, floor, bare, bareRSS, storeOnly, tickets []float64
	for b.Loop() {
		// The toolkit's own floor: a bare Fyne window with one label
		// (barewindow.go), the same binary and libraries, nothing of
		// Tierdesk. Its resident memory is read at the end of the idle
		// time, when nothing more is loading.
		bp := startProc(b, bin, []string{bareEnv + "=window"})
		bp.await(b, "first-frame", 2*time.Minute)
		bare = append(bare, bp.idleCPU(b, idle))
		bareRSS = append(bareRSS, bp.status(b, "VmRSS")/1024)
		bp.quit(b)

		// The store alone: the floor's workspace opened as the app opens
		// it, with no window (Badger's compactors tick every 50 ms).
		sp := startProc(b, bin, []string{bareEnv + "=store"}, "--demo", "--data-dir", floorDir)
		sp.await(b, "store-open", 2*time.Minute)
		storeOnly = append(storeOnly, sp.idleCPU(b, idle))
		sp.quit(b)

		fp := startProc(b, bin, nil, "--demo", "--data-dir", floorDir)
		fp.await(b, "search-ready", 2*time.Minute)
		floor = append(floor, fp.idleCPU(b, idle))
		fp.quit(b)

		p := startProc(b, bin, nil, "--data-dir", dir)
		p.await(b, "first-frame", 2*time.Minute)
		p.await(b, "synced", 20*time.Minute)
		cpu = append(cpu, p.idleCPU(b, idle))
		p.stop()
		out, err := exec.Command(bin, "tickets", "--data-dir", dir, "--view", "all", "--json").Output()
		if err != nil {
			b.Fatalf("tickets: %v", err)
		}
		tickets = append(tickets, float64(strings.Count(string(out), `"remote_id"`)))
	}
	b.ReportMetric(median(cpu), "cpu-s")
	b.ReportMetric(median(floor), "floor-cpu-s")
	b.ReportMetric(median(bare), "bare-cpu-s")
	b.ReportMetric(median(bareRSS), "bare-rss-MB")
	b.ReportMetric(median(storeOnly), "store-cpu-s")
	b.ReportMetric(idle.Seconds(), "idle-s")
	b.ReportMetric(median(tickets), "synced-tickets")
}
