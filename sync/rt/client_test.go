package rt

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	gosync "sync"
	"testing"
	"time"
)

// However many goroutines ask at once, RT gets at most maxInFlight of the
// client's requests at a time, and gets that many: the bound is the
// client's, not the transport's connection pool.
func TestRequestsInFlightAreBounded(t *testing.T) {
	var (
		mu        gosync.Mutex
		now, most int
		release   = make(chan struct{})
	)
	c := fake(t, 10*time.Second, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now++
		most = max(most, now)
		full := now == maxInFlight
		mu.Unlock()
		if full {
			// Let the bound show before anyone finishes.
			time.Sleep(50 * time.Millisecond)
			select {
			case <-release:
			default:
				close(release)
			}
		}
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
		mu.Lock()
		now--
		mu.Unlock()
		w.Write([]byte(`{}`))
	})
	const callers = 3*maxInFlight + 1
	errs := make(chan error, callers)
	for range callers {
		go func() {
			var out map[string]any
			_, err := c.get(context.Background(), "probe", "/ticket/1", nil, &out)
			errs <- err
		}()
	}
	for range callers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if most != maxInFlight {
		t.Fatalf("at most %d requests were at the server at once, want %d", most, maxInFlight)
	}
}

// A caller waiting for a slot gives up when its context ends, with that
// error, and without ever sending its request.
func TestWaitingForASlotEndsWithTheContext(t *testing.T) {
	var (
		mu   gosync.Mutex
		seen int
	)
	hold := make(chan struct{})
	c := fake(t, 10*time.Second, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen++
		mu.Unlock()
		<-hold
		w.Write([]byte(`{}`))
	})
	// After fake's, so it runs before the server's Close, which waits for
	// the held requests.
	t.Cleanup(func() { close(hold) })
	for range maxInFlight {
		go c.get(context.Background(), "busy", "/ticket/1", nil, nil)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := seen
		mu.Unlock()
		if n == maxInFlight {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d requests reached the server", n, maxInFlight)
		}
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.get(ctx, "waiting", "/ticket/2", nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if seen != maxInFlight {
		t.Fatalf("%d requests reached the server, want %d: the waiting one was sent", seen, maxInFlight)
	}
}

// Requests at the bound reuse their connections: RT does not see a new
// connection (and a TCP and possibly TLS handshake) for each request once
// maxInFlight are open.
func TestConnectionsAreKeptAtTheBound(t *testing.T) {
	var (
		mu          gosync.Mutex
		now, opened int
	)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now++
		full := now >= maxInFlight
		mu.Unlock()
		if !full {
			// Hold the answer a moment, so the callers overlap.
			time.Sleep(5 * time.Millisecond)
		}
		mu.Lock()
		now--
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			mu.Lock()
			opened++
			mu.Unlock()
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, User: "agent1", Password: "pw", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 20
	for range rounds {
		probeAtOnce(t, c)
	}
	mu.Lock()
	defer mu.Unlock()
	if opened > maxInFlight {
		t.Fatalf("%d connections opened for %d requests, at most %d at a time: want at most %d", opened, rounds*maxInFlight, maxInFlight, maxInFlight)
	}
}

// A request that fails below HTTP drops the client's other kept
// connections, so the next requests do not wait on connections to a
// server that went away.
func TestATransportFailureDropsKeptConnections(t *testing.T) {
	var (
		mu     gosync.Mutex
		idle   = map[net.Conn]bool{}
		closed int
	)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/REST/2.0/break" {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no answer at all
			}
			return
		}
		time.Sleep(20 * time.Millisecond) // so the callers overlap
		w.Write([]byte(`{}`))
	}))
	srv.Config.ConnState = func(c net.Conn, st http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		switch st {
		case http.StateIdle:
			idle[c] = true
		case http.StateActive:
			delete(idle, c)
		case http.StateClosed:
			if idle[c] {
				closed++
			}
			delete(idle, c)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, User: "agent1", Password: "pw", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	probeAtOnce(t, c)
	// A POST, which the transport does not retry on a new connection.
	if _, err := c.do(context.Background(), request{op: "break", method: "POST", path: "/break"}); err == nil {
		t.Fatal("a request whose connection was closed without an answer succeeded")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n, left := closed, len(idle)
		mu.Unlock()
		if left == 0 && n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the failure %d kept connections are still open (%d closed)", left, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// probeAtOnce sends maxInFlight GETs at the same time and waits for all.
func probeAtOnce(t *testing.T, c *Client) {
	t.Helper()
	var wg gosync.WaitGroup
	for range maxInFlight {
		wg.Go(func() {
			if _, err := c.get(context.Background(), "probe", "/ticket/1", nil, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
