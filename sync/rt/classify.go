package rt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// classify turns the outcome of one HTTP exchange into nil or one of the
// sync error classes, so the engine knows whether to retry, merge, or ask
// the user. op names the operation for the message ("update #12").
func classify(ctx context.Context, op string, resp *resty.Response, err error) error {
	if err != nil {
		// The caller's own cancellation or deadline is not a server
		// failure: pass it on as such so the engine stops, not retries.
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: %w", op, ctxErr)
		}
		// Everything else below HTTP — refused connections, DNS, TLS,
		// resets, client timeouts — may well work later. A failed dial
		// means nothing was sent at all.
		var dial *net.OpError
		notSent := errors.As(err, &dial) && dial.Op == "dial"
		return &tsync.TransientError{Err: fmt.Errorf("%s: %w", op, err), NotSent: notSent}
	}
	code := resp.StatusCode()
	if code >= 200 && code < 300 {
		return nil
	}
	msgs := serverMessages(resp.Body())
	msg := strings.Join(msgs, "; ")
	if msg == "" {
		msg = http.StatusText(code)
	}
	switch {
	case code == http.StatusNotFound:
		return fmt.Errorf("%s: %w", op, tsync.ErrNotFound)
	case code == http.StatusPreconditionFailed:
		return fmt.Errorf("%s: %w", op, tsync.ErrConflict)
	case code == http.StatusUnauthorized:
		return fmt.Errorf("%s: %w", op, tsync.ErrUnauthorized)
	case code == http.StatusTooManyRequests || code == http.StatusRequestTimeout || code >= 500:
		// RT also answers 500 to some requests it merely dislikes (a
		// DELETE without the right, fields=Parent on attachments); they
		// are retried like outages, the safe side for the user's data.
		return &tsync.TransientError{
			Err:        fmt.Errorf("%s: HTTP %d: %s", op, code, msg),
			RetryAfter: retryAfter(resp.Header().Get("Retry-After"), time.Now()),
		}
	case code >= 400:
		r := &tsync.RefusedError{Status: code, Message: msg}
		if len(msgs) > 1 {
			r.Message, r.Details = msgs[0], msgs[1:]
		}
		return r
	}
	// 1xx and 3xx that the HTTP client did not follow: not RT speaking.
	return &tsync.ProtocolError{What: op, Err: fmt.Errorf("unexpected HTTP %d", code)}
}

// serverMessages extracts RT's words from an error body: {"message": ...}
// or a list of strings. A body that is neither (an HTML page from a proxy)
// gives none.
func serverMessages(body []byte) []string {
	var obj struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &obj) == nil && strings.TrimSpace(obj.Message) != "" {
		return []string{strings.TrimSpace(obj.Message)}
	}
	var list []string
	if json.Unmarshal(body, &list) == nil {
		out := list[:0]
		for _, s := range list {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date.
// Garbage and dates in the past give zero (no hint).
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

// decode parses a 2xx JSON body; a body that does not parse means
// something other than RT answered (a captive portal, a proxy page).
func decode(op string, resp *resty.Response, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body(), out); err != nil {
		return &tsync.ProtocolError{What: op, Err: fmt.Errorf("the answer is not the JSON RT sends (%s): %w", snippet(resp.Body()), err)}
	}
	return nil
}

// snippet shortens a body for an error message.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	if s == "" {
		s = "empty"
	}
	return strconv.Quote(s)
}
