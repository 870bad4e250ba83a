package rt

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// fake serves handler as a tiny stand-in for RT and returns a client for
// it with the given timeout.
func fake(t *testing.T, timeout time.Duration, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, User: "agent1", Password: "pw", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fixed answers every request with one status, headers and body.
func fixed(code int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		w.Write([]byte(body))
	}
}

func TestClassifyStatuses(t *testing.T) {
	var transient *tsync.TransientError
	var refused *tsync.RefusedError
	var protocol *tsync.ProtocolError
	cases := []struct {
		name    string
		handler http.HandlerFunc
		check   func(error) bool
	}{
		{"malformed JSON", fixed(200, "<html>Sign in</html>"), func(e error) bool { return errors.As(e, &protocol) }},
		{"truncated JSON", fixed(200, `{"id": 3, "Subj`), func(e error) bool { return errors.As(e, &protocol) }},
		{"500", fixed(500, ""), func(e error) bool { return errors.As(e, &transient) && transient.RetryAfter == 0 }},
		{"503 with Retry-After", fixed(503, "", "Retry-After", "7"), func(e error) bool {
			return errors.As(e, &transient) && transient.RetryAfter == 7*time.Second
		}},
		{"429 with Retry-After seconds", fixed(429, `{"message":"slow down"}`, "Retry-After", "120"), func(e error) bool {
			return errors.As(e, &transient) && transient.RetryAfter == 2*time.Minute && strings.Contains(e.Error(), "slow down")
		}},
		{"429 with Retry-After date", fixed(429, "", "Retry-After", time.Now().Add(90*time.Second).UTC().Format(http.TimeFormat)), func(e error) bool {
			return errors.As(e, &transient) && transient.RetryAfter > 80*time.Second && transient.RetryAfter <= 91*time.Second
		}},
		{"404", fixed(404, `{"message":"Not Found"}`), func(e error) bool { return errors.Is(e, tsync.ErrNotFound) }},
		{"412", fixed(412, `{"message":"Precondition Failed"}`), func(e error) bool { return errors.Is(e, tsync.ErrConflict) }},
		{"403 with message", fixed(403, `{"message":"No permission to create tickets in the queue 'L3'"}`), func(e error) bool {
			return errors.As(e, &refused) && refused.Status == 403 && strings.Contains(refused.Message, "No permission")
		}},
		{"400 with messages", fixed(400, `["Queue not set","Subject is empty"]`), func(e error) bool {
			return errors.As(e, &refused) && refused.Message == "Queue not set" && len(refused.Details) == 1
		}},
		{"422 without body", fixed(422, ""), func(e error) bool {
			return errors.As(e, &refused) && refused.Message == "Unprocessable Entity"
		}},
		{"401", fixed(401, `{"message":"Unauthorized"}`), func(e error) bool {
			return errors.Is(e, tsync.ErrUnauthorized) && !errors.As(e, &refused)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := fake(t, 5*time.Second, tc.handler).getTicket(context.Background(), 3)
			if err == nil || !tc.check(err) {
				t.Fatalf("got %T %v", err, err)
			}
		})
	}
}

func TestClassifyTimeoutAndNetwork(t *testing.T) {
	release := make(chan struct{})
	slow := fake(t, 150*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
	})
	defer close(release)
	start := time.Now()
	_, err := slow.Fetch(context.Background(), 1)
	var transient *tsync.TransientError
	if !errors.As(err, &transient) {
		t.Fatalf("timeout: %T %v", err, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("the timeout took %s", d)
	}

	// The caller's own cancellation is passed on, not dressed as transient.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = slow.Fetch(ctx, 1)
	if !errors.Is(err, context.Canceled) || errors.As(err, &transient) {
		t.Fatalf("cancelled: %T %v", err, err)
	}

	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	gone, err := New(Config{URL: url, User: "a", Password: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gone.Fetch(context.Background(), 1); !errors.As(err, &transient) {
		t.Fatalf("connection refused: %T %v", err, err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"30":                            30 * time.Second,
		"-5":                            0,
		"soon":                          0,
		"Sun, 22 Nov 2026 12:01:00 GMT": time.Minute,
		"Sun, 22 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestUpdateRefusalIn200 plays RT's habit of answering a refused PUT with
// 200 and a list of messages (trap 4): the client reads the ticket back,
// sees the status unchanged, and reports RT's reason.
func TestUpdateRefusalIn200(t *testing.T) {
	var ifMatch atomic.Value
	c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/REST/2.0/queues/all":
			w.Write([]byte(`{"page":1,"per_page":100,"total":1,"pages":1.0,"count":1,"items":[{"id":"3","Name":"L1"}]}`))
		case r.URL.Path == "/REST/2.0/customfields":
			w.Write([]byte(`{"page":1,"total":0,"pages":0.0,"count":0,"items":[]}`))
		case r.Method == "PUT" && r.URL.Path == "/REST/2.0/ticket/7":
			ifMatch.Store(r.Header.Get("If-Match"))
			w.Write([]byte(`["Ticket 7: That user may not own tickets in that queue","Ticket 7: Status 'bogus' isn't a valid status for this ticket."]`))
		case r.Method == "GET" && r.URL.Path == "/REST/2.0/ticket/7":
			w.Header().Set("ETag", `"41"`)
			w.Write([]byte(`{"id":7,"Status":"new","Queue":{"id":"3","type":"queue"},"Owner":{"id":"Nobody","type":"user"}}`))
		default:
			http.NotFound(w, r)
		}
	})
	err := c.Update(context.Background(), 7, "40", tsync.FieldChange{Status: ptr(helpdesk.Status("bogus")), Owner: ptr("requester1")})
	var refused *tsync.RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("got %T %v", err, err)
	}
	if refused.Message != "That user may not own tickets in that queue" ||
		len(refused.Details) < 1 || refused.Details[0] != "Status 'bogus' isn't a valid status for this ticket." {
		t.Fatalf("refusal %+v", refused)
	}
	if got := ifMatch.Load(); got != `"40"` {
		t.Fatalf("If-Match %v", got)
	}
}

// TestUpdateAcceptedIn200 is the other side: the same 200 with success
// messages, and the ticket read back as asked, is no error.
func TestUpdateAcceptedIn200(t *testing.T) {
	c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/REST/2.0/queues/all":
			w.Write([]byte(`{"total":2,"pages":1,"items":[{"id":"3","Name":"L1"},{"id":"4","Name":"Tier 2"}]}`))
		case r.URL.Path == "/REST/2.0/customfields":
			w.Write([]byte(`{"total":0,"pages":0.0,"items":[]}`))
		case r.Method == "PUT":
			w.Write([]byte(`["Ticket 7: Queue changed from L1 to Tier 2","Ticket 7: Owner changed from agent1 to Nobody"]`))
		case r.Method == "GET" && r.URL.Path == "/REST/2.0/ticket/7":
			w.Write([]byte(`{"id":7,"Status":"open","Queue":{"id":"4"},"Owner":{"id":"Nobody"}}`))
		default:
			http.NotFound(w, r)
		}
	})
	if err := c.Update(context.Background(), 7, "", tsync.FieldChange{Tier: ptr(helpdesk.L2), Owner: ptr("")}); err != nil {
		t.Fatal(err)
	}
}

// TestPagingBuildsItsOwnURLs serves next_page links with RT's stray "&=&"
// (trap 8) and a float page count; the client must build page URLs itself
// and read every page.
func TestPagingBuildsItsOwnURLs(t *testing.T) {
	var queries []string
	c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		if _, bad := r.URL.Query()[""]; bad {
			http.Error(w, "stray parameter", 400)
			return
		}
		switch r.URL.Query().Get("page") {
		case "1":
			w.Write([]byte(`{"page":1,"pages":2.0,"total":3,"per_page":2,"count":2,"next_page":"http://x/REST/2.0/queues/all?per_page=2&=&page=2",
				"items":[{"id":"1","Name":"General"},{"id":3,"Name":"L1"}]}`))
		default:
			w.Write([]byte(`{"page":2,"pages":2.0,"total":3,"per_page":2,"count":1,"items":[{"id":"9","Name":"Tier 3"}]}`))
		}
	})
	qs, err := collect[queueJSON](context.Background(), c, request{op: "list queues", method: "GET", path: "/queues/all"}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || qs[1].ID != 3 || qs[2].Name != "Tier 3" || len(queries) != 2 {
		t.Fatalf("queues %+v after %q", qs, queries)
	}
}

// TestCollectWithoutCountReadsPastShortPages: for users who may not see
// every row RT gives no total and drops hidden rows after paging, so a
// short page is not the end; only an empty one is.
func TestCollectWithoutCountReadsPastShortPages(t *testing.T) {
	pages := []string{
		`{"total":null,"pages":null,"items":[{"id":"1","ObjectId":"5","Type":"Create","type":"transaction"}]}`,
		`{"total":null,"pages":null,"items":[{"id":"150","type":"transaction","Type":"Comment","ObjectId":"5"}]}`,
		`{"total":null,"pages":null,"items":[]}`,
	}
	n := 0
	c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(pages[min(n, len(pages)-1)]))
		n++
	})
	txns, err := collect[txnJSON](context.Background(), c, request{op: "history", method: "GET", path: "/transactions"}, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(txns) != 2 || txns[1].ID != 150 || txns[1].Type != "Comment" || txns[0].Type != "Create" || n != 3 {
		t.Fatalf("%+v after %d requests", txns, n)
	}
}
