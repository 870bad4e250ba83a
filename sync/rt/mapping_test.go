package rt

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestPriorityBuckets(t *testing.T) {
	for in, want := range map[string]helpdesk.Priority{
		"0": helpdesk.PriorityLow, "24": helpdesk.PriorityLow, "25": helpdesk.PriorityNormal,
		"49": helpdesk.PriorityNormal, "50": helpdesk.PriorityHigh, "74": helpdesk.PriorityHigh,
		"75": helpdesk.PriorityUrgent, "99": helpdesk.PriorityUrgent, "": helpdesk.PriorityLow, "High": helpdesk.PriorityLow,
	} {
		if got := priorityFromRT(in); got != want {
			t.Errorf("priorityFromRT(%q) = %s, want %s", in, got, want)
		}
	}
	for _, p := range helpdesk.Priorities() {
		if got := priorityFromRT(priorityToRT(p)); got != p {
			t.Errorf("round trip of %s gave %s", p, got)
		}
	}
}

func TestTimesAndStatuses(t *testing.T) {
	if !timeFromRT("1970-01-01T00:00:00Z").IsZero() || !timeFromRT("").IsZero() {
		t.Error("RT's unset date is not the zero time (trap 1)")
	}
	want := time.Date(2026, 11, 22, 7, 24, 0, 0, time.UTC)
	if got := timeFromRT("2026-11-22T07:24:00Z"); !got.Equal(want) {
		t.Errorf("timeFromRT = %s", got)
	}
	// TicketSQL silently matches everything for the ISO form (trap 2).
	if got := timeToRT(want.In(time.FixedZone("CET", 3600))); got != "2026-11-22 07:24:00" {
		t.Errorf("timeToRT = %q", got)
	}
	if statusFromRT("stalled") != helpdesk.StatusStalled || statusFromRT("needs-info") != helpdesk.StatusOpen {
		t.Error("statusFromRT")
	}
	if userName(ref{ID: "Nobody"}) != "" || userName(ref{ID: "agent1"}) != "agent1" {
		t.Error("userName")
	}
}

func TestWireQuirks(t *testing.T) {
	// Trap 7: ids are numbers in records and strings in collections.
	var ids []flexID
	if err := json.Unmarshal([]byte(`[12, "13", null]`), &ids); err != nil || ids[0] != 12 || ids[1] != 13 || ids[2] != 0 {
		t.Fatalf("flexID: %v %v", ids, err)
	}
	var f struct {
		P flexString
		N flexInt
	}
	if err := json.Unmarshal([]byte(`{"P": 40, "N": 0.0}`), &f); err != nil || f.P != "40" || f.N != 0 {
		t.Fatalf("flexString/flexInt: %+v %v", f, err)
	}
	// "type" and "Type" both present, in either order.
	for _, js := range []string{
		`{"type":"transaction","Type":"Correspond","id":"5","ObjectId":"9"}`,
		`{"Type":"Correspond","type":"transaction","id":5,"ObjectId":9}`,
	} {
		var tx txnJSON
		if err := json.Unmarshal([]byte(js), &tx); err != nil || tx.Type != "Correspond" || tx.ID != 5 || tx.ObjectID != 9 {
			t.Errorf("txnJSON %s → %+v %v", js, tx, err)
		}
	}
	var tk ticketJSON
	js := `{"id":3,"Requestor":[{"id":"dana@example.com","type":"user"}],"Owner":{"id":"Nobody"},"Priority":"60",
		"CustomFields":[{"name":"Tier","values":["L3"]},{"name":"Photo","values":[{"filename":"a.png"}]}]}`
	if err := json.Unmarshal([]byte(js), &tk); err != nil {
		t.Fatal(err)
	}
	if tk.Requestor[0].ID != "dana@example.com" || cfValue(tk.CustomFields, "tier") != "L3" || cfValue(tk.CustomFields, "Photo") != "" {
		t.Fatalf("ticketJSON %+v", tk)
	}
	var roles struct{ A, B, C refList }
	if err := json.Unmarshal([]byte(`{"A":"", "B":{"id":"x"}, "C":[{"id":"y"},{"id":"z"}]}`), &roles); err != nil ||
		len(roles.A) != 0 || roles.B[0].ID != "x" || len(roles.C) != 2 {
		t.Fatalf("refList %+v %v", roles, err)
	}
}

func TestTicketSQLQuoting(t *testing.T) {
	if got := sqlString(`it's a \ test`); got != `'it\'s a \\ test'` {
		t.Errorf("sqlString = %s", got)
	}
	if got := sqlField("Tier}x"); got != "CF.{Tierx}" {
		t.Errorf("sqlField = %s", got)
	}
	if got := sqlIDs("id", []uint64{3, 9}); got != "(id = 3 OR id = 9)" {
		t.Errorf("sqlIDs = %s", got)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []cursor{{txn: 1471}, {txn: 1471, initial: true, after: 201, done: 200}, {txn: 0, initial: true}} {
		got, err := parseCursor(c.String())
		if err != nil || got != c {
			t.Errorf("%+v → %q → %+v %v", c, c.String(), got, err)
		}
	}
	for _, bad := range []string{"x", "init:1:2", "init:a:b:c", "-4", "init:1:2:-1"} {
		if _, err := parseCursor(bad); err == nil {
			t.Errorf("parseCursor(%q) accepted", bad)
		}
	}
	if c, err := parseCursor(""); err != nil || !c.initial {
		t.Errorf("empty cursor: %+v %v", c, err)
	}
}

func TestConfigValidation(t *testing.T) {
	ok := Config{URL: "https://rt.example.com", User: "a", Password: "b"}
	if _, err := New(ok); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*Config){
		"empty":          func(c *Config) { c.URL = " " },
		"ftp":            func(c *Config) { c.URL = "ftp://rt.example.com" },
		"no scheme":      func(c *Config) { c.URL = "rt.example.com" },
		"credentials":    func(c *Config) { c.URL = "https://a:b@rt.example.com" },
		"no password":    func(c *Config) { c.Password = "" },
		"token spaces":   func(c *Config) { c.Token = "1-2 3" },
		"bad tier":       func(c *Config) { c.QueueTiers = map[string]helpdesk.Tier{"X": 9} },
		"big page":       func(c *Config) { c.PageSize = 500 },
		"query in URL":   func(c *Config) { c.URL = "https://rt.example.com/?x=1" },
		"host-less http": func(c *Config) { c.URL = "http:///REST/2.0" },
	} {
		c := ok
		mutate(&c)
		if _, err := New(c); err == nil {
			t.Errorf("%s: accepted %+v", name, c)
		}
	}
	_, err := New(Config{URL: "https://u:secret@rt.example.com", User: "a", Password: "b"})
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("credentials in the URL: %v", err)
	}
	for in, want := range map[string]string{
		"https://rt.example.com":           "https://rt.example.com/REST/2.0",
		"https://rt.example.com/":          "https://rt.example.com/REST/2.0",
		"https://example.com/rt/REST/2.0/": "https://example.com/rt/REST/2.0",
		"http://127.0.0.1:8089/rest/2.0":   "http://127.0.0.1:8089/REST/2.0",
		"https://example.com/helpdesk/rt":  "https://example.com/helpdesk/rt/REST/2.0",
	} {
		if got := restBase(in); got != want {
			t.Errorf("restBase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueueTiersAndHTML(t *testing.T) {
	for in, want := range map[string]helpdesk.Tier{"L1": helpdesk.L1, "l2": helpdesk.L2, "Tier 3": helpdesk.L3, "TIER  2": helpdesk.L2} {
		if got, ok := defaultQueueTier(in); !ok || got != want {
			t.Errorf("defaultQueueTier(%q) = %v %v", in, got, ok)
		}
	}
	for _, in := range []string{"General", "L4", "2", "Tier"} {
		if _, ok := defaultQueueTier(in); ok {
			t.Errorf("defaultQueueTier(%q) matched", in)
		}
	}
	s := &schema{tierQueues: map[helpdesk.Tier]string{helpdesk.L1: "Desk", helpdesk.L3: "Eng"}}
	if q, _ := s.queueFor(helpdesk.L0); q != "Desk" {
		t.Errorf("L0 goes to %q", q)
	}
	if q, _ := s.queueFor(helpdesk.L2); q != "Eng" {
		t.Errorf("L2 goes to %q", q)
	}
	got := htmlText("<html><head><style>p{}</style></head><p>Hello&nbsp;there</p><p>Line&amp;two<br>three</p><script>x()</script>")
	if got != "Hello\u00a0there\nLine&two\nthree" {
		t.Errorf("htmlText = %q", got)
	}
}
