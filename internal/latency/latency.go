// Package latency collects per-operation durations in Tierdesk's
// benchmarks and reports their percentiles with testing.B.ReportMetric, so
// every budget stated as a percentile is measured the same way. It is
// benchmark support: no production code imports it.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Recorder collects the durations of one kind of operation.
type Recorder struct {
	d []time.Duration
}

// Time runs f and records how long it took.
func (r *Recorder) Time(f func()) {
	t := time.Now()
	f()
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
func (r *Recorder) Percentile(p float64) time.Duration {
	if len(r.d) == 0 {
		return 0
	}
	s := slices.Clone(r.d)
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
}
