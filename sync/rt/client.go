package rt

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	gosync "sync"

	"github.com/go-resty/resty/v2"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// Client talks to one Request Tracker through REST2. It is safe for
// concurrent use; what it learns about the server (queues, custom fields)
// is cached for its lifetime.
type Client struct {
	cfg          Config
	explicitTier bool   // cfg.TierField was named by the user: it must exist
	base         string // .../REST/2.0
	http         *resty.Client

	mu        gosync.Mutex
	schema    *schema           // nil until first needed; see schema.go
	newQueues map[uint64]string // queues met after the schema was learned

	classes classCache // article classes; see classes.go

	pmu  gosync.Mutex // serialises initial-sync pages; see prefetch.go
	pipe *pipeline    // the initial sync's read-ahead, nil when none runs

	slots chan struct{} // one per request in flight; see maxInFlight
}

// maxInFlight bounds the requests this client has at RT at once, whatever
// asks for them: the initial sync's read-ahead alone could otherwise have
// a dozen, which an organisation's help desk should not get from one
// desktop, and which gain nothing: RT's workers (two on the test server)
// are kept busy by a request waiting for each as it finishes. With a
// fixed bound the read-ahead can have more work ready than the bound
// (prefetch.go), so the slots stay full from the first ticket page to the
// last instead of emptying whenever one chain of requests waits on its
// own answer.
const maxInFlight = 4

var (
	_ tsync.Backend        = (*Client)(nil)
	_ tsync.ArticleBackend = (*Client)(nil)
)

// New checks cfg and returns a client. It does not touch the network; use
// Check to test the connection.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("rt: %w", err)
	}
	cfg, explicit := cfg.withDefaults()
	c := &Client{cfg: cfg, explicitTier: explicit, base: restBase(cfg.URL), slots: make(chan struct{}, maxInFlight)}
	h := resty.New().
		SetTimeout(cfg.Timeout).
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", "Tierdesk").
		// Basic auth over plain http is the user's choice (Check warns);
		// resty's own warning would only reach stderr.
		SetDisableWarn(true)
	if cfg.Token != "" {
		h.SetAuthScheme("token").SetAuthToken(cfg.Token)
	} else {
		h.SetBasicAuth(cfg.User, cfg.Password)
	}
	// resty keeps GOMAXPROCS+1 idle connections per host (3 on two
	// cores): with maxInFlight requests going, one connection would be
	// closed after each answer and dialled again for the next request
	// (TestConnectionsAreKeptAtTheBound: 23 connections for 80 requests).
	// On loopback without TLS the first sync measured the same either way;
	// over TLS to a real help desk each of those is a handshake.
	if tr, err := h.Transport(); err == nil {
		tr.MaxIdleConnsPerHost = max(tr.MaxIdleConnsPerHost, maxInFlight)
	}
	c.http = h
	return c, nil
}

// request is one REST2 call.
type request struct {
	op     string            // what it is for, in error messages
	method string            // GET, POST, PUT, DELETE
	path   string            // below /REST/2.0, e.g. "/ticket/12"
	query  url.Values        // built here, never copied from RT's next_page (trap 8)
	body   any               // sent as JSON; nil for none
	header map[string]string // e.g. If-Match
	out    any               // decoded from a 2xx JSON answer; nil to ignore
}

// do sends r and classifies the outcome (see classify).
func (c *Client) do(ctx context.Context, r request) (*resty.Response, error) {
	req := c.http.R().SetContext(ctx)
	if r.query != nil {
		req.SetQueryParamsFromValues(r.query)
	}
	for k, v := range r.header {
		req.SetHeader(k, v)
	}
	if r.body != nil {
		// Encoded here rather than by resty, so an encoding failure is ours
		// to word and the bytes sent are exactly what json.Marshal made.
		js, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("rt: %s: encoding the request: %w", r.op, err)
		}
		req.SetHeader("Content-Type", "application/json; charset=utf-8").SetBody(js)
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, classify(ctx, r.op, nil, ctx.Err())
	}
	// Execute reads the whole body before it returns, so the slot covers
	// the request until RT has finished answering it.
	resp, err := req.Execute(r.method, c.base+r.path)
	<-c.slots
	if err != nil && ctx.Err() == nil {
		// Below HTTP something broke: RT restarted, or a proxy or the
		// network dropped us. The other kept connections most likely went
		// the same way, and one whose peer is gone without a word would
		// hold the next request until its timeout (a 2-minute stall in
		// TestRTStoppedMidSyncThenConverges before this), so they are
		// dropped and the next requests dial afresh.
		c.http.GetClient().CloseIdleConnections()
	}
	if err := classify(ctx, r.op, resp, err); err != nil {
		return resp, err
	}
	if err := decode(r.op, resp, r.out); err != nil {
		return resp, err
	}
	return resp, nil
}

// get is do for a GET that decodes into out.
func (c *Client) get(ctx context.Context, op, path string, q url.Values, out any) (*resty.Response, error) {
	return c.do(ctx, request{op: op, method: "GET", path: path, query: q, out: out})
}
