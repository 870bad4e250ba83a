package rt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// agent returns a client for one of the seeded users. Its request timeout
// is generous: these tests check behaviour, not speed, and the local RT
// (SQLite, two workers), sharing two cores with the other live packages'
// RTs under a parallel go test, once took over 30 s to answer a request.
func agent(t *testing.T, user string, edit ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{URL: srv.URL, User: user, Password: srv.AgentPassword, Timeout: 2 * time.Minute}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%s): %v", user, err)
	}
	return c
}

// ctx is a test context with a deadline well inside go test's own.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return c
}

// newRef is a fresh client reference, as the app makes one per create.
func newRef(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "td-" + hex.EncodeToString(b)
}

// sample is a ticket as a technician files it for a walk-up.
func sample(subject string, tier helpdesk.Tier) helpdesk.Ticket {
	return helpdesk.Ticket{
		Subject:   subject,
		Requester: "walkup@example.com",
		Status:    helpdesk.StatusNew,
		Priority:  helpdesk.PriorityNormal,
		Tier:      tier,
	}
}

// mustCreate files a ticket and fails the test if RT does not take it.
func mustCreate(t *testing.T, c *Client, tk helpdesk.Ticket, description string) tsync.Remote {
	t.Helper()
	r, err := c.Create(ctx(t), tk, description, newRef(t))
	if err != nil {
		t.Fatalf("Create(%q): %v", tk.Subject, err)
	}
	return r
}

// rootDelete deletes a ticket the way an RT administrator would; agents
// have no right to (and RT answers them 500, not 403).
func rootDelete(t *testing.T, id uint64) {
	t.Helper()
	resp, err := resty.New().SetDisableWarn(true).SetBasicAuth("root", srv.RootPassword).R().
		Delete(fmt.Sprintf("%s/REST/2.0/ticket/%d", srv.URL, id))
	if err != nil || resp.StatusCode() != 204 {
		t.Fatalf("delete #%d as root: %v %d %s", id, err, resp.StatusCode(), resp.Body())
	}
}

// agentPut sends a raw PUT to a ticket as one of the seeded agents, for
// what Backend has no method for (merging).
func agentPut(t *testing.T, user string, id uint64, body string) {
	t.Helper()
	resp, err := resty.New().SetDisableWarn(true).SetBasicAuth(user, srv.AgentPassword).R().
		SetHeader("Content-Type", "application/json").SetBody(body).
		Put(fmt.Sprintf("%s/REST/2.0/ticket/%d", srv.URL, id))
	if err != nil || resp.StatusCode() != 200 {
		t.Fatalf("PUT #%d %s as %s: %v %d %s", id, body, user, err, resp.StatusCode(), resp.Body())
	}
}

// token returns a REST2 auth token for user, made by rt-server.sh.
func token(t *testing.T, user string) string { return srv.Token(t, user) }

func ptr[T any](v T) *T { return &v }
