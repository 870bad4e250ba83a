package rt

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"
)

// txnPages serves a transaction collection of full pages of two items,
// without a page count (as RT does for users who may not see every row),
// then an empty page; every page past the end is empty too. It records the
// pages asked for, and calls hook (if set) before answering.
type txnPages struct {
	full  int
	mu    gosync.Mutex
	asked []int
	hook  func(page int)
}

func (s *txnPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	s.mu.Lock()
	s.asked = append(s.asked, n)
	s.mu.Unlock()
	if s.hook != nil {
		s.hook(n)
	}
	if n > s.full {
		w.Write([]byte(`{"total":null,"pages":null,"items":[]}`))
		return
	}
	fmt.Fprintf(w, `{"total":null,"pages":null,"items":[{"id":"%d","type":"transaction","Type":"Correspond","ObjectId":"5"},{"id":"%d","type":"transaction","Type":"Comment","ObjectId":"5"}]}`, 2*n-1, 2*n)
}

// holdUntilAsked makes page held answer only once page awaited has been
// asked for, or after 5 s, so a client that does not read ahead fails
// rather than hangs; the flag it returns is set if the wait timed out.
func (s *txnPages) holdUntilAsked(held, awaited int) *atomic.Bool {
	asked := make(chan struct{})
	var once gosync.Once
	alone := new(atomic.Bool)
	s.hook = func(n int) {
		switch n {
		case awaited:
			once.Do(func() { close(asked) })
		case held:
			select {
			case <-asked:
			case <-time.After(5 * time.Second):
				alone.Store(true)
			}
		}
	}
	return alone
}

func collectTxns(t *testing.T, c *Client, expect int) []txnJSON {
	t.Helper()
	txns, err := collectExpecting[txnJSON](context.Background(), c, request{op: "history", method: "GET", path: "/transactions"}, 2, expect, nil)
	if err != nil {
		t.Fatal(err)
	}
	return txns
}

// After a full page the next pages are asked for together, and the result
// is every item once, in page order, as reading page after page gives.
func TestCollectReadsAheadAfterAFullPage(t *testing.T) {
	s := &txnPages{full: 5}
	alone := s.holdUntilAsked(2, 3)
	c := fake(t, 10*time.Second, s.ServeHTTP)
	txns := collectTxns(t, c, 0)
	if len(txns) != 10 {
		t.Fatalf("%d transactions, want 10", len(txns))
	}
	for i, tx := range txns {
		if int(tx.ID) != i+1 {
			t.Fatalf("transaction %d has id %d: out of order", i, tx.ID)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if alone.Load() {
		t.Fatal("page 3 was not asked for while page 2 was read")
	}
	// Pages 1 to 6 are needed (6 is the empty one); reading two at a time
	// may ask for one more, never two.
	if len(s.asked) < 6 || len(s.asked) > 7 {
		t.Fatalf("asked for pages %v", s.asked)
	}
	if s.asked[0] != 1 {
		t.Fatalf("asked for pages %v: page 1 first", s.asked)
	}
}

// A caller that expects more than a page of items gets the first pages
// asked for together.
func TestCollectExpectingAsksForTheFirstPagesTogether(t *testing.T) {
	s := &txnPages{full: 1}
	alone := s.holdUntilAsked(1, 2)
	c := fake(t, 10*time.Second, s.ServeHTTP)
	if txns := collectTxns(t, c, 3); len(txns) != 2 {
		t.Fatalf("%d transactions, want 2", len(txns))
	}
	if alone.Load() {
		t.Fatal("page 2 was not asked for with page 1")
	}
}

// A page asked for only in case, after the one that ended the listing,
// cannot fail the listing; a page that was needed does.
func TestCollectReadAheadErrors(t *testing.T) {
	// Page 1 full, page 2 empty (the end), page 3 refused.
	c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			w.Write([]byte(`{"total":null,"pages":null,"items":[{"id":"1","type":"transaction"},{"id":"2","type":"transaction"}]}`))
		case "2":
			w.Write([]byte(`{"total":null,"pages":null,"items":[]}`))
		default:
			http.Error(w, `{"message":"no such page"}`, http.StatusBadRequest)
		}
	})
	if txns := collectTxns(t, c, 0); len(txns) != 2 {
		t.Fatalf("%d transactions, want 2", len(txns))
	}

	// Page 1 full, page 2 refused: the listing fails.
	c = fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			w.Write([]byte(`{"total":null,"pages":null,"items":[{"id":"1","type":"transaction"},{"id":"2","type":"transaction"}]}`))
		case "2":
			http.Error(w, `{"message":"no"}`, http.StatusBadRequest)
		default:
			w.Write([]byte(`{"total":null,"pages":null,"items":[]}`))
		}
	})
	if _, err := collectExpecting[txnJSON](context.Background(), c, request{op: "history", method: "GET", path: "/transactions"}, 2, 0, nil); err == nil {
		t.Fatal("a refused page 2 did not fail the listing")
	}
}
