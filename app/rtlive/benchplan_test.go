package rtlive

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"
)

// planned is one request the app made, as sent: enough to send it again
// byte for byte with another client.
type planned struct {
	method, uri string // uri: path and query below RT's root
	header      http.Header
	body        []byte
}

// recorder is a reverse proxy in front of RT that writes down every
// request passing through (the app's request plan) and how long RT took
// to answer each kind, and how many were in flight at most.
type recorder struct {
	srv    *httptest.Server
	rp     *httputil.ReverseProxy
	mu     gosync.Mutex
	plan   []planned
	counts map[string]int
	spent  map[string]time.Duration
	now    int // in flight
	most   int // in flight, at most
	// level[k] is how long exactly k requests were in flight, from the
	// first request to the last answer: where the app leaves RT's
	// workers idle (the baseline keeps most in flight throughout).
	level    []time.Duration
	lastTick time.Time
}

// tick adds the time since the last change of r.now to its level; the
// caller holds mu.
func (r *recorder) tick() {
	now := time.Now()
	if !r.lastTick.IsZero() {
		for len(r.level) <= r.now {
			r.level = append(r.level, 0)
		}
		r.level[r.now] += now.Sub(r.lastTick)
	}
	r.lastTick = now
}

// occupancy lists the time spent at each number of requests in flight.
func (r *recorder) occupancy() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var sb strings.Builder
	for k, d := range r.level {
		fmt.Fprintf(&sb, " %d: %.2f s;", k, d.Seconds())
	}
	return strings.TrimSuffix(sb.String(), ";")
}

func newRecorder(t testing.TB) *recorder {
	t.Helper()
	target, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{counts: map[string]int{}, spent: map[string]time.Duration{}}
	r.rp = &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.Host = target.Host
	}}
	r.srv = httptest.NewServer(r)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) URL() string { return r.srv.URL }

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	h := http.Header{}
	for _, k := range []string{"Authorization", "Accept", "Content-Type", "If-Match"} {
		if v := req.Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	key, t0 := countKey(req), time.Now()
	r.mu.Lock()
	r.plan = append(r.plan, planned{method: req.Method, uri: req.URL.RequestURI(), header: h, body: body})
	r.tick()
	r.now++
	r.most = max(r.most, r.now)
	r.mu.Unlock()
	r.rp.ServeHTTP(w, req)
	r.mu.Lock()
	r.tick()
	r.now--
	r.counts[key]++
	r.spent[key] += time.Since(t0)
	r.mu.Unlock()
}

// summary lists the requests by kind with RT's answer time, and the
// total of those times.
func (r *recorder) summary() (string, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	keys := make([]string, 0, len(r.counts))
	for k := range r.counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var sb strings.Builder
	var all time.Duration
	for _, k := range keys {
		fmt.Fprintf(&sb, "\n  %4d × %-40s %6.2f s", r.counts[k], k, r.spent[k].Seconds())
		all += r.spent[k]
	}
	return sb.String(), all
}

// replay sends plan to RT with net/http, at most conc requests at a time
// in plan order, reading each body to the end and doing nothing else
// with it. Every answer must be a 2xx.
func replay(t testing.TB, plan []planned, conc int) time.Duration {
	t.Helper()
	c := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	defer c.CloseIdleConnections()
	base := strings.TrimRight(srv.URL, "/")
	jobs := make(chan planned)
	var wg gosync.WaitGroup
	var mu gosync.Mutex
	var failed error
	t0 := time.Now()
	for range conc {
		wg.Go(func() {
			for p := range jobs {
				if err := send(c, base, p); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		})
	}
	for _, p := range plan {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	d := time.Since(t0)
	if failed != nil {
		t.Fatalf("plain HTTP replay: %v", failed)
	}
	return d
}

// send is one replayed request (no testing.TB: it runs on a worker).
func send(c *http.Client, base string, p planned) error {
	req, err := http.NewRequest(p.method, base+p.uri, bytes.NewReader(p.body))
	if err != nil {
		return err
	}
	req.Header = p.header.Clone()
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
		err = fmt.Errorf("%s %s: HTTP %d", p.method, p.uri, resp.StatusCode)
	}
	return err
}
