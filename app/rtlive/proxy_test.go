package rtlive

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"
)

// gate stands between a desk and RT, so a test can take the network away
// without touching RT: while down, every connection is closed without an
// answer, as when the cable is pulled mid-request. It also counts requests
// by path, for the benchmark's breakdown.
type gate struct {
	srv    *httptest.Server
	rp     *httputil.ReverseProxy
	target *url.URL
	down   atomic.Bool
	// loseCreate makes the next ticket create reach RT but lose its
	// answer: RT files the ticket, the client hears only a broken
	// connection (the outcome-unknown case of rule 6).
	loseCreate atomic.Bool
	// slowCreate, when set, makes the next ticket create answer 504 at
	// once, the way a reverse proxy gives up on a slow backend, while RT
	// receives the request only after this delay and files the ticket
	// anyway. lateCreate is closed when RT has answered it.
	slowCreate atomic.Int64
	lateCreate chan struct{}

	mu     gosync.Mutex
	counts map[string]int
	spent  map[string]time.Duration
}

func newGate(t testing.TB) *gate {
	t.Helper()
	target, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{target: target, counts: map[string]int{}, spent: map[string]time.Duration{}}
	g.rp = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = target.Host
		},
	}
	g.srv = httptest.NewServer(g)
	t.Cleanup(g.srv.Close)
	return g
}

// URL is the address a desk is given instead of RT's.
func (g *gate) URL() string { return g.srv.URL }

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key, t0 := countKey(r), time.Now()
	g.mu.Lock()
	g.counts[key]++
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.spent[key] += time.Since(t0)
		g.mu.Unlock()
	}()
	if g.down.Load() {
		hangUp(w)
		return
	}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/REST/2.0/ticket") && g.loseCreate.CompareAndSwap(true, false) {
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.URL.Scheme, out.URL.Host, out.Host = g.target.Scheme, g.target.Host, g.target.Host
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		hangUp(w)
		return
	}
	if d := g.slowCreate.Swap(0); d > 0 && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/REST/2.0/ticket") {
		body, _ := io.ReadAll(r.Body)
		out, err := http.NewRequest(http.MethodPost, g.target.String()+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			panic(err)
		}
		out.Header = r.Header.Clone()
		go func() {
			defer close(g.lateCreate)
			time.Sleep(time.Duration(d))
			if resp, err := http.DefaultTransport.RoundTrip(out); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
		http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
		return
	} else if d > 0 {
		g.slowCreate.Store(d) // not a create: keep waiting for one
	}
	g.rp.ServeHTTP(w, r)
}

// delayNextCreate arms slowCreate.
func (g *gate) delayNextCreate(d time.Duration) <-chan struct{} {
	g.lateCreate = make(chan struct{})
	g.slowCreate.Store(int64(d))
	return g.lateCreate
}

// hangUp closes the client's connection without a response.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("gate: the test server cannot hijack connections")
	}
	c, _, err := hj.Hijack()
	if err == nil {
		c.Close()
	}
}

// countKey groups requests by method and path, with ticket and transaction
// numbers replaced by N.
func countKey(r *http.Request) string {
	parts := strings.Split(r.URL.Path, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = "N"
		}
	}
	return r.Method + " " + strings.Join(parts, "/")
}
