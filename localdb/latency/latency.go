// Package latency collects per-operation durations in Tierdesk's
// benchmarks and reports their percentiles with testing.B.ReportMetric, so
// every budget stated as a percentile is measured the same way. It is
// benchmark support: no production code imports it.
package latency

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Recorder collects the durations of one kind of operation: wall clock,
// and the CPU time of the calling thread for the operations timed with
// Time. On a shared machine the wall-clock figures include waiting for a
// CPU; the CPU ones do not (nor work done on other goroutines).
type Recorder struct {
	d, cpu []time.Duration
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// Time runs f and records how long it took, on the wall clock and in CPU
// time of this thread (the goroutine is locked to it meanwhile).
func (r *Recorder) Time(f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t, c := time.Now(), threadCPU()
	f()
	r.cpu = append(r.cpu, threadCPU()-c)
	r.d = append(r.d, time.Since(t))
}

// Add records one duration measured elsewhere.
func (r *Recorder) Add(d time.Duration) { r.d = append(r.d, d) }

// Len returns how many durations were recorded.
func (r *Recorder) Len() int { return len(r.d) }

// Total returns the sum of the recorded durations.
func (r *Recorder) Total() time.Duration {
	var t time.Duration
	for _, d := range r.d {
		t += d
	}
	return t
}

// Percentile returns the p-th quantile (0 < p ≤ 1) of the recorded
// durations, by the nearest-rank rule; zero when none were recorded.
func (r *Recorder) Percentile(p float64) time.Duration { return percentile(r.d, p) }

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// Report reports p50, p95, p99 and max in microseconds, with the given
// prefix ("" for the measured code, "base-" for its baseline).
func (r *Recorder) Report(b *testing.B, prefix string) {
	if len(r.d) == 0 {
		return
	}
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	b.ReportMetric(us(r.Percentile(0.50)), prefix+"p50-µs")
	b.ReportMetric(us(r.Percentile(0.95)), prefix+"p95-µs")
	b.ReportMetric(us(r.Percentile(0.99)), prefix+"p99-µs")
	b.ReportMetric(us(r.Percentile(1)), prefix+"max-µs")
	if len(r.cpu) > 0 {
		b.ReportMetric(us(percentile(r.cpu, 0.50)), prefix+"cpu-p50-µs")
		b.ReportMetric(us(percentile(r.cpu, 0.95)), prefix+"cpu-p95-µs")
		b.ReportMetric(us(percentile(r.cpu, 0.99)), prefix+"cpu-p99-µs")
	}
}
