package rt

import (
	"net"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestLiveCheckOK(t *testing.T) {
	r := agent(t, "agent1").Check(ctx(t))
	if !r.OK() || !r.Reachable || !r.IsRT || !r.Authenticated {
		t.Fatalf("Check: %+v", r)
	}
	if r.User != "agent1" || !r.Privileged || !strings.HasPrefix(r.Version, "5.") {
		t.Errorf("identity: %+v", r)
	}
	for _, tier := range []helpdesk.Tier{helpdesk.L1, helpdesk.L2, helpdesk.L3} {
		if r.Queues[tier] != tier.String() {
			t.Errorf("queue for %s = %q, want %q", tier, r.Queues[tier], tier)
		}
	}
	if r.TierField != "Tier" || r.RefField != DefaultRefField {
		t.Errorf("fields: tier %q ref %q", r.TierField, r.RefField)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings on a loopback test server: %q", r.Warnings)
	}
}

func TestLiveCheckWrongPassword(t *testing.T) {
	r := agent(t, "agent1", func(c *Config) { c.Password = "not-the-password" }).Check(ctx(t))
	if r.OK() || r.Authenticated || !r.Reachable || !r.IsRT {
		t.Fatalf("Check with a wrong password: %+v", r)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "password") {
		t.Fatalf("problems: %q", r.Problems)
	}
}

func TestLiveCheckToken(t *testing.T) {
	tok := token(t, "engineer2")
	r := agent(t, "", func(c *Config) { c.Password, c.Token = "", tok }).Check(ctx(t))
	if !r.OK() || r.User != "engineer2" {
		t.Fatalf("Check with a token: %+v", r)
	}
	bad := agent(t, "", func(c *Config) { c.Password, c.Token = "", "1-1-0123456789abcdef0123456789abcdef" }).Check(ctx(t))
	if bad.OK() || len(bad.Problems) != 1 || !strings.Contains(bad.Problems[0], "token") {
		t.Fatalf("Check with a bad token: %+v", bad)
	}
}

func TestLiveCheckRequesterIsNoAgent(t *testing.T) {
	r := agent(t, "requester1").Check(ctx(t))
	if r.OK() || !r.Authenticated || r.Privileged {
		t.Fatalf("Check as a requester: %+v", r)
	}
	if !strings.Contains(strings.Join(r.Problems, "\n"), "not a privileged") {
		t.Fatalf("problems: %q", r.Problems)
	}
}

func TestLiveCheckMissingQueueAndField(t *testing.T) {
	r := agent(t, "agent1", func(c *Config) {
		c.QueueTiers = map[string]helpdesk.Tier{"Service Desk": helpdesk.L1, "L2": helpdesk.L2}
		c.TierField = "Support Level"
	}).Check(ctx(t))
	all := strings.Join(r.Problems, "\n")
	if r.OK() || !strings.Contains(all, `"Service Desk"`) || !strings.Contains(all, `"Support Level"`) {
		t.Fatalf("Check with a wrong queue map and field: %+v", r)
	}
}

func TestLiveCheckUnreachable(t *testing.T) {
	// A port that was free a moment ago: nothing accepts connections.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r := agent(t, "agent1", func(c *Config) { c.URL = "http://" + addr }).Check(ctx(t))
	if r.Reachable || r.OK() || len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "cannot connect") {
		t.Fatalf("Check of a closed port: %+v", r)
	}
}
