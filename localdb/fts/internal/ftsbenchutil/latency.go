// Package ftsbenchutil measures search latency for the full-text search
// benchmarks of Tierdesk and its peers. It is test support only.
package ftsbenchutil

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// threadCPU returns the CPU time the calling thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// Latencies runs search once per benchmark iteration and reports the 50th,
// 95th and 99th percentiles and the maximum of the wall-clock latency, and
// the same percentiles of the CPU time the searching thread used. On a
// machine shared with other work the wall-clock figures include time spent
// waiting for a CPU; the CPU-time ones do not (search must not start
// goroutines of its own for them to be complete).
func Latencies(b *testing.B, search func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := make([]time.Duration, 0, 1<<12)
	cpu := make([]time.Duration, 0, 1<<12)
	for b.Loop() {
		t, c := time.Now(), threadCPU()
		search()
		cpu = append(cpu, threadCPU()-c)
		wall = append(wall, time.Since(t))
	}
	Report(b, "", wall)
	Report(b, "cpu-", cpu)
}

// Report sorts d and reports its percentiles with the given unit prefix.
func Report(b *testing.B, prefix string, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	pct := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds())
	}
	b.ReportMetric(pct(0.50), prefix+"p50-µs")
	b.ReportMetric(pct(0.95), prefix+"p95-µs")
	b.ReportMetric(pct(0.99), prefix+"p99-µs")
	if prefix == "" {
		b.ReportMetric(float64(d[len(d)-1].Microseconds()), "max-µs")
	}
}
