package rt

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Report is the outcome of Check, worded for the account dialog's "Test
// connection". Problems stop the account from working; Warnings do not.
type Report struct {
	Reachable     bool   // something answered at the address
	IsRT          bool   // and it is Request Tracker's REST2
	Authenticated bool   // and it accepted the credentials
	Version       string // RT's version, when authenticated
	User          string // who the credentials belong to
	RealName      string
	Privileged    bool                     // an agent, not only a requester
	Queues        map[helpdesk.Tier]string // where each tier's tickets go
	TierField     string                   // the custom field tiers are read from; "" means queues only
	RefField      string                   // the custom field create references go to; "" if missing
	Problems      []string
	Warnings      []string
}

// OK reports whether the account can be used.
func (r Report) OK() bool { return r.Authenticated && len(r.Problems) == 0 }

// Check tests the connection: that the address is reachable and is RT,
// that the credentials work and whose they are, and that the queues and
// custom fields Tierdesk relies on exist. It also refreshes what the client
// knows about the server's queues and fields.
func (c *Client) Check(ctx context.Context) Report {
	var r Report
	if c.checkServer(ctx, &r) {
		c.checkUser(ctx, &r)
		c.checkSchema(ctx, &r)
	}
	if u, err := url.Parse(c.base); err == nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		r.Warnings = append(r.Warnings, "the address uses http://, so the password or token travels unencrypted; use https://")
	}
	return r
}

// checkServer asks /rt, which answers only authenticated RT users, and
// tells apart the failures a person can act on.
func (c *Client) checkServer(ctx context.Context, r *Report) bool {
	resp, err := c.http.R().SetContext(ctx).Get(c.base + "/rt")
	if err != nil {
		r.Problems = append(r.Problems, unreachable(c.base, err))
		return false
	}
	r.Reachable = true
	var info struct {
		Version string `json:"Version"`
		Message string `json:"message"`
	}
	isJSON := json.Unmarshal(resp.Body(), &info) == nil
	switch code := resp.StatusCode(); {
	case code == http.StatusOK && isJSON && info.Version != "":
		r.IsRT, r.Authenticated, r.Version = true, true, info.Version
		return true
	case code == http.StatusUnauthorized && isJSON:
		r.IsRT = true
		if c.cfg.Token != "" {
			r.Problems = append(r.Problems, "RT did not accept the auth token: it is wrong, revoked, or its user is disabled")
		} else {
			r.Problems = append(r.Problems, fmt.Sprintf("RT did not accept the password for %q (or the user is disabled)", c.cfg.User))
		}
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		r.Problems = append(r.Problems, fmt.Sprintf("%s refused access (HTTP %d) without speaking RT's REST2: a proxy or single sign-on page may be in the way", c.base, code))
	case code >= 500:
		r.Problems = append(r.Problems, fmt.Sprintf("the server at %s has an internal error (HTTP %d); try again later or ask its administrator", c.base, code))
	default:
		r.Problems = append(r.Problems, fmt.Sprintf(
			"%s answers (HTTP %d), but not as Request Tracker's REST2 API: enter the address you open RT with in a browser (RT 4.4 needs the REST2 extension; RT 5 has it built in)",
			c.base, code))
	}
	return false
}

// unreachable words a transport failure: name lookup, refusal, timeout,
// certificate.
func unreachable(base string, err error) string {
	host := base
	if u, e := url.Parse(base); e == nil {
		host = u.Host
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var certErr *x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("cannot find the server %s: the host name does not resolve (%v)", host, dnsErr.Err)
	case errors.As(err, &certErr):
		return fmt.Sprintf("the certificate of %s is not signed by an authority this computer trusts", host)
	case errors.As(err, &hostErr):
		return fmt.Sprintf("the certificate of %s is for another host name (%v)", host, hostErr)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("%s did not answer in time: the server or the network is down or slow", host)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fmt.Sprintf("cannot connect to %s: nothing accepts connections there (%v)", host, opErr.Err)
	}
	return fmt.Sprintf("cannot reach %s: %v", host, err)
}

// checkUser learns whose the credentials are. A token names its user by id
// ("1-<user id>-<secret>"); RT shows users their own record in full.
func (c *Client) checkUser(ctx context.Context, r *Report) {
	who := c.cfg.User
	if c.cfg.Token != "" {
		parts := strings.SplitN(c.cfg.Token, "-", 3)
		if len(parts) != 3 {
			r.Warnings = append(r.Warnings, "the auth token is not in RT's 1-<user>-<secret> form; cannot tell whose it is")
			return
		}
		who = parts[1]
	}
	var u userJSON
	if _, err := c.get(ctx, "read own user", "/user/"+url.PathEscape(who), nil, &u); err != nil {
		r.Warnings = append(r.Warnings, "cannot read the user's own record: "+err.Error())
		return
	}
	r.User, r.RealName = u.Name, u.RealName
	r.Privileged = u.Privileged == "1"
	if !r.Privileged {
		r.Problems = append(r.Problems, fmt.Sprintf("%s is not a privileged RT user, so it cannot work tickets; ask the RT administrator to make it privileged", r.User))
	}
}

// checkSchema learns the queues and custom fields afresh and reports what
// is missing.
func (c *Client) checkSchema(ctx context.Context, r *Report) {
	s, err := c.fetchSchema(ctx)
	if err != nil {
		r.Problems = append(r.Problems, "cannot list the queues and custom fields: "+err.Error())
		return
	}
	c.mu.Lock()
	c.schema = s
	c.mu.Unlock()

	r.Queues = map[helpdesk.Tier]string{}
	for t, q := range s.tierQueues {
		r.Queues[t] = q
	}
	var missing []string
	if c.cfg.QueueTiers != nil {
		known := map[string]bool{}
		for _, name := range s.queueNames {
			known[strings.ToLower(name)] = true
		}
		for name, t := range c.cfg.QueueTiers {
			if !known[strings.ToLower(strings.TrimSpace(name))] {
				missing = append(missing, fmt.Sprintf("queue %q (for %s) does not exist, or %s may not see it", name, t, r.userOr("the user")))
			}
		}
		sort.Strings(missing)
		r.Problems = append(r.Problems, missing...)
	}
	switch {
	case len(s.tierQueues) == 0:
		r.Problems = append(r.Problems, "no queue stands for a tier: name queues L1, L2 and L3 (or Tier 1..3), or map queues to tiers in the account settings")
	default:
		for _, t := range []helpdesk.Tier{helpdesk.L1, helpdesk.L2, helpdesk.L3} {
			if _, ok := s.tierQueues[t]; !ok {
				q, _ := s.queueFor(t)
				r.Warnings = append(r.Warnings, fmt.Sprintf("no queue for tier %s: its tickets go to %s", t, orNone(q)))
			}
		}
	}
	r.TierField, r.RefField = s.tierField, s.refField
	if c.explicitTier && s.tierField == "" {
		r.Problems = append(r.Problems, fmt.Sprintf("the ticket custom field %q (for tiers) does not exist, or %s may not see it", c.cfg.TierField, r.userOr("the user")))
	}
	if s.refField == "" {
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"RT has no ticket custom field %q: if the network fails while a ticket is being created, Tierdesk cannot check whether it arrived (ask the RT administrator for a global free-form ticket field of that name)",
			c.cfg.RefField))
	}
}

// userOr is the user's name, or fallback before it is known.
func (r *Report) userOr(fallback string) string {
	if r.User != "" {
		return r.User
	}
	return fallback
}

// orNone names a queue, or says there is none.
func orNone(q string) string {
	if q == "" {
		return "no queue (they cannot be created)"
	}
	return "queue " + q
}

// isLoopback reports whether host is this machine, where plain http is
// harmless.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
