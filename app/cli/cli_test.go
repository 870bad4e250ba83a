package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

type result struct {
	code        int
	out, errOut string
}

// run calls Main on the demo workspace in dir, as a shell would.
func run(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	return runRaw(t, stdin, append([]string{"--demo", "--data-dir", dir}, args...)...)
}

func runRaw(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func (r result) must(t *testing.T, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.out, r.errOut)
	}
	return r
}

// listed is the part of a ticket's JSON the tests look at.
type listed struct {
	Ref          string    `json:"ref"`
	ID           uint64    `json:"id"`
	Subject      string    `json:"subject"`
	Tier         string    `json:"tier"`
	Status       string    `json:"status"`
	Owner        string    `json:"owner"`
	Queue        string    `json:"queue"`
	Requester    string    `json:"requester"`
	Updated      time.Time `json:"updated"`
	Due          time.Time `json:"due"`
	Overdue      bool      `json:"overdue"`
	Conversation []struct {
		Kind    string `json:"kind"`
		Author  string `json:"author"`
		Body    string `json:"body"`
		Pending bool   `json:"pending"`
	} `json:"conversation"`
}

func decode[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.out), &v); err != nil {
		t.Fatalf("stdout is not the expected JSON: %v\n%s", err, r.out)
	}
	return v
}

func list(t *testing.T, dir string, args ...string) []listed {
	t.Helper()
	return decode[[]listed](t, run(t, dir, "", append([]string{"tickets", "--json"}, args...)...).must(t, 0))
}

func TestTicketsListsAndFilters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	r := run(t, dir, "", "tickets").must(t, 0)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	if len(lines) != 301 || !strings.HasPrefix(lines[0], "REF") || !strings.Contains(lines[0], "SUBJECT") {
		t.Fatalf("%d lines, header %q", len(lines), lines[0])
	}
	if f := strings.Fields(lines[1]); !strings.HasPrefix(f[0], "#") || !strings.HasPrefix(f[1], "L") {
		t.Errorf("row %q is not REF TIER ...", lines[1])
	}

	r = run(t, dir, "", "tickets", "--limit", "5").must(t, 0)
	if n := strings.Count(r.out, "\n"); n != 6 || !strings.Contains(r.errOut, "5 of 300") {
		t.Errorf("--limit 5: %d lines, stderr %q", n, r.errOut)
	}

	all := list(t, dir)
	if len(all) != 300 {
		t.Fatalf("JSON lists %d tickets", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Updated.After(all[i-1].Updated) {
			t.Fatalf("not most recently updated first at %d", i)
		}
	}

	check := func(name string, got []listed, ok func(listed) bool) {
		t.Helper()
		if len(got) == 0 {
			t.Errorf("%s: nothing listed", name)
		}
		for _, x := range got {
			if !ok(x) {
				t.Errorf("%s: %+v does not belong", name, x)
				return
			}
		}
	}
	active := func(s string) bool { return s == "new" || s == "open" || s == "stalled" }
	check("--tier L3", list(t, dir, "--tier", "L3"), func(x listed) bool { return x.Tier == "L3" })
	check("--tier l2,3", list(t, dir, "--tier", "l2,3"), func(x listed) bool { return x.Tier == "L2" || x.Tier == "L3" })
	check("--view assigned", list(t, dir, "--view", "assigned"), func(x listed) bool { return x.Owner == "alex" && active(x.Status) })
	check("--view mytier", list(t, dir, "--view", "mytier"), func(x listed) bool { return x.Tier == "L1" && active(x.Status) })
	check("--view requests", list(t, dir, "--view", "requests"), func(x listed) bool { return x.Requester == "alex" })
	check("--status", list(t, dir, "--status", "resolved,rejected"), func(x listed) bool { return !active(x.Status) })
	check("--unowned", list(t, dir, "--unowned", "--tier", "L2"), func(x listed) bool { return x.Owner == "" && x.Tier == "L2" })
	check("--owner", list(t, dir, "--owner", "sam"), func(x listed) bool { return x.Owner == "sam" })
	check("--queue", list(t, dir, "--queue", "Network"), func(x listed) bool { return x.Queue == "Network" })
	check("--text", list(t, dir, "--text", "vpn"), func(x listed) bool { return strings.Contains(strings.ToLower(x.Subject), "vpn") })
	if !slices.ContainsFunc(all, func(x listed) bool { return x.Overdue }) {
		t.Error("no ticket is marked overdue in JSON")
	}

	// Global flags may come after the command, and flags after arguments.
	r = runRaw(t, "", "tickets", "--status", "stalled", "--data-dir", dir, "--json", "--demo").must(t, 0)
	if got := decode[[]listed](t, r); len(got) == 0 || got[0].Status != "stalled" {
		t.Errorf("flags after the command: %d tickets", len(got))
	}
	// No match is not an error, and JSON stays an array.
	if r := run(t, dir, "", "tickets", "--json", "--text", "no such subject anywhere").must(t, 0); strings.TrimSpace(r.out) != "[]" {
		t.Errorf("empty JSON list printed %q", r.out)
	}
	if r := run(t, dir, "", "tickets", "--text", "no such subject anywhere").must(t, 0); r.out != "" || !strings.Contains(r.errOut, "No tickets") {
		t.Errorf("empty list: %+v", r)
	}
}

func TestCreateThenShow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, "Paper jam on every duplex job.\nTray 2 is fine.\n",
		"ticket", "create", "--subject", "Printer on 4th floor jams", "--requester", "tom.becker",
		"--priority", "high", "--queue", "Endpoint", "--due", "2026-12-01T10:00", "-").must(t, 0)
	ref := strings.TrimSpace(r.out)
	if ref != "new-301" {
		t.Fatalf("create printed %q, want the new ref", r.out)
	}

	r = run(t, dir, "", "ticket", "show", ref).must(t, 0)
	for _, want := range []string{"new-301", "Printer on 4th floor jams", "tom.becker", "high", "Endpoint", "[reply]",
		"    Paper jam on every duplex job.\n    Tray 2 is fine.\n", "not sent yet", "not yet on the server"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show lacks %q:\n%s", want, r.out)
		}
	}
	got := decode[listed](t, run(t, dir, "", "ticket", "show", "301", "--json").must(t, 0))
	due := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	if got.Ref != ref || got.Tier != "L1" || got.Status != "new" || !got.Due.Equal(due) || len(got.Conversation) != 1 ||
		got.Conversation[0].Kind != "reply" || got.Conversation[0].Body != "Paper jam on every duplex job.\nTray 2 is fine." {
		t.Errorf("show --json: %+v", got)
	}

	// Each way of giving the description, and giving two, and none.
	file := filepath.Join(t.TempDir(), "desc.txt")
	writeFile(t, file, "From a file.")
	r = run(t, dir, "", "ticket", "create", "--subject", "From file", "--body-file", file, "--tier", "L2").must(t, 0)
	got = decode[listed](t, run(t, dir, "", "ticket", "show", strings.TrimSpace(r.out), "--json").must(t, 0))
	if got.Tier != "L2" || got.Requester != "alex" || got.Conversation[0].Body != "From a file." {
		t.Errorf("--body-file: %+v", got)
	}
	run(t, dir, "x", "ticket", "create", "--subject", "Twice", "--body", "a", "-").must(t, 2)
	run(t, dir, "", "ticket", "create", "--body", "no subject").must(t, 2)
	r = run(t, dir, "", "ticket", "create", "--subject", "Bad", "--priority", "critical").must(t, 2)
	if !strings.Contains(r.errOut, "low, normal, high or urgent") {
		t.Errorf("bad priority: %q", r.errOut)
	}
	run(t, dir, "", "ticket", "create", "--subject", "Bad", "--due", "next tuesday").must(t, 2)
	r = run(t, dir, "", "ticket", "create", "--subject", "Bad\nsubject", "--body", "my words").must(t, 2)
	if !strings.Contains(r.errOut, "one line") || !strings.Contains(r.errOut, "Nothing was saved") {
		t.Errorf("refused create: %q", r.errOut)
	}
	if got := list(t, dir, "--text", "Bad"); len(got) != 0 {
		t.Errorf("refused creates were saved: %+v", got)
	}
}

func TestReplyAndNoteAppearInShow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, "", "ticket", "reply", "#5", "Rebooted", "the", "router;", "please", "retry.").must(t, 0)
	if !strings.HasPrefix(r.out, "#5: reply saved") {
		t.Errorf("reply printed %q", r.out)
	}
	run(t, dir, "Checked the switch port:\nerrors on Gi1/0/12.\n", "ticket", "note", "5", "-").must(t, 0)
	run(t, dir, "", "ticket", "note", "5", "--", "--force", "was needed").must(t, 0)

	r = run(t, dir, "", "ticket", "show", "5").must(t, 0)
	reply := strings.Index(r.out, "[reply] alex")
	note := strings.Index(r.out, "[note]  alex")
	if reply < 0 || note < reply {
		t.Fatalf("reply and note not shown in order:\n%s", r.out)
	}
	for _, want := range []string{"    Rebooted the router; please retry.\n", "    Checked the switch port:\n    errors on Gi1/0/12.\n", "    --force was needed\n"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show lacks %q:\n%s", want, r.out)
		}
	}
	got := decode[listed](t, run(t, dir, "", "ticket", "show", "5", "--json").must(t, 0))
	n := len(got.Conversation)
	if n < 3 || got.Conversation[n-2].Kind != "note" || got.Conversation[n-3].Kind != "reply" || !got.Conversation[n-1].Pending {
		t.Errorf("conversation tail: %+v", got.Conversation[max(0, n-3):])
	}

	r = run(t, dir, "\n", "ticket", "reply", "5", "-").must(t, 2)
	if !strings.Contains(r.errOut, "empty") || !strings.Contains(r.errOut, "Nothing was saved") {
		t.Errorf("empty reply: %q", r.errOut)
	}
	run(t, dir, "", "ticket", "reply", "5").must(t, 2)
}

func TestEscalationNeedsAHandOffNote(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	l1 := list(t, dir, "--tier", "L1", "--status", "open")
	if len(l1) == 0 {
		t.Fatal("no open L1 ticket in the demo")
	}
	ref := l1[0].Ref

	r := run(t, dir, "", "ticket", "escalate", ref, "--to", "L2").must(t, 2)
	if !strings.Contains(r.errOut, "hand-off note") || !strings.HasPrefix(r.errOut, "tierdesk: ") {
		t.Errorf("escalate without a note: %q", r.errOut)
	}
	r = run(t, dir, "   \n", "ticket", "escalate", ref, "--note", "-").must(t, 2)
	if !strings.Contains(r.errOut, "hand-off note is required") || !strings.Contains(r.errOut, "Nothing was saved") {
		t.Errorf("escalate with a blank note from stdin: %q", r.errOut)
	}
	if got := decode[listed](t, run(t, dir, "", "ticket", "show", ref, "--json").must(t, 0)); got.Tier != "L1" {
		t.Fatalf("refused escalation changed the tier to %s", got.Tier)
	}

	r = run(t, dir, "", "ticket", "escalate", ref, "--note", "Port errors on Gi1/0/12; needs the switch team").must(t, 0)
	if !strings.Contains(r.out, "escalated L1 → L2") {
		t.Errorf("escalate printed %q", r.out)
	}
	got := decode[listed](t, run(t, dir, "", "ticket", "show", ref, "--json").must(t, 0))
	last := got.Conversation[len(got.Conversation)-1]
	if got.Tier != "L2" || got.Owner != "" || last.Kind != "note" || last.Body != "Escalated L1 → L2. Hand-off: Port errors on Gi1/0/12; needs the switch team" {
		t.Errorf("after escalation: tier %s owner %q, last %+v", got.Tier, got.Owner, last)
	}

	// Down again, then a direction that makes no sense.
	run(t, dir, "", "ticket", "deescalate", ref, "--note", "Switch fine; reseat the cable at the desk").must(t, 0)
	r = run(t, dir, "", "ticket", "escalate", ref, "--to", "L1", "--note", "x").must(t, 2)
	if !strings.Contains(r.errOut, "must go above") {
		t.Errorf("escalate to the same tier: %q", r.errOut)
	}
	run(t, dir, "", "ticket", "escalate", ref, "--to", "L9", "--note", "x").must(t, 2)
}

func TestFailuresAndTheirExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	r := run(t, dir, "", "ticket", "show", "999").must(t, 1)
	if r.errOut != "tierdesk: ticket #999: not found\n" {
		t.Errorf("unknown ticket: %q", r.errOut)
	}
	run(t, dir, "", "ticket", "show", "new-999").must(t, 1)
	r = run(t, dir, "Long reply I typed\nover two lines\n", "ticket", "reply", "#999", "-").must(t, 1)
	if !strings.HasPrefix(r.errOut, "tierdesk: ticket #999: not found\n") || !strings.Contains(r.errOut, "Nothing was saved") ||
		!strings.Contains(r.errOut, "Long reply I typed\nover two lines") {
		t.Errorf("a failed reply from stdin must hand the text back: %q", r.errOut)
	}
	r = run(t, dir, "", "ticket", "note", "999", "see", "logs").must(t, 1)
	if !strings.Contains(r.errOut, "Nothing was saved") || !strings.Contains(r.errOut, "command line") {
		t.Errorf("a failed note must say where the text is: %q", r.errOut)
	}

	for _, args := range [][]string{
		{"tickets", "--bogus"},
		{"tickets", "--limit", "many"},
		{"tickets", "--view", "nope"},
		{"tickets", "--owner", "sam", "--unowned"},
		{"tickets", "--status", "closed"},
		{"frobnicate"},
		{"ticket"},
		{"ticket", "frob"},
		{"ticket", "show"},
		{"ticket", "show", "abc"},
		{"ticket", "status", "5", "bogus"},
		{"ticket", "assign", "5"},
	} {
		r := run(t, dir, "", args...)
		if r.code != 2 || r.errOut == "" || r.out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and a message", args, r.code, r.out, r.errOut)
		}
	}
	if r := run(t, dir, "", "tickets", "--bogus"); !strings.Contains(r.errOut, "flag provided but not defined: -bogus") || !strings.Contains(r.errOut, "usage: tierdesk tickets") {
		t.Errorf("bad flag: %q", r.errOut)
	}

	resolved := list(t, dir, "--status", "resolved")[0].Ref
	r = run(t, dir, "", "ticket", "status", resolved, "resolved").must(t, 2)
	if !strings.Contains(r.errOut, "already resolved") {
		t.Errorf("same status: %q", r.errOut)
	}
	if got := decode[[]json.RawMessage](t, run(t, dir, "", "outbox", "--json").must(t, 0)); len(got) != 0 {
		t.Errorf("refused actions reached the outbox: %s", got)
	}
}

func TestOutboxListsActionsInOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := run(t, dir, "", "outbox").must(t, 0); r.out != "" || !strings.Contains(r.errOut, "No changes") {
		t.Errorf("empty outbox: %+v", r)
	}
	ref := strings.TrimSpace(run(t, dir, "", "ticket", "create", "--subject", "Dock flickers", "--body", "Since Monday.").must(t, 0).out)
	steps := [][]string{
		{"ticket", "reply", ref, "Swapping the cable."},
		{"ticket", "note", "7", "Known dock firmware issue."},
		{"ticket", "status", ref, "open"},
		{"ticket", "assign", "7", "sam"},
		{"ticket", "take", "7"},
		{"ticket", "escalate", ref, "--to", "L3", "--note", "Firmware bug, vendor case needed"},
	}
	for _, s := range steps {
		run(t, dir, "", s...).must(t, 0)
	}
	type entry struct {
		Seq     uint64 `json:"seq"`
		Ref     string `json:"ref"`
		Kind    string `json:"kind"`
		State   string `json:"state"`
		Summary string `json:"summary"`
	}
	got := decode[[]entry](t, run(t, dir, "", "outbox", "--json").must(t, 0))
	want := []entry{
		{1, ref, "create", "pending", `Create "Dock flickers"`},
		{2, ref, "reply", "pending", "Reply: Swapping the cable."},
		{3, "#7", "note", "pending", "Note: Known dock firmware issue."},
		{4, ref, "status", "pending", "Status → Open"},
		{5, "#7", "assign", "pending", "Assign → sam"},
		{6, "#7", "take", "pending", "Take (alex)"},
		{7, ref, "escalate", "pending", "Escalate L1 → L3"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("outbox:\n got %+v\nwant %+v", got, want)
	}
	r := run(t, dir, "", "outbox").must(t, 0)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	if len(lines) != len(want)+1 || !strings.HasPrefix(lines[0], "SEQ") {
		t.Fatalf("outbox table:\n%s", r.out)
	}
	for i, w := range want {
		if f := strings.Fields(lines[i+1]); f[0] != strconv.FormatUint(w.Seq, 10) || f[2] != w.Ref || !strings.HasSuffix(lines[i+1], w.Summary) {
			t.Errorf("row %d %q, want %+v", i+1, lines[i+1], w)
		}
	}
}

func TestHelpAndUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"ticket", "help"}} {
		r := runRaw(t, "", args...).must(t, 0)
		for _, cmd := range []string{"tickets", "ticket show", "ticket create", "ticket reply", "ticket note", "ticket status",
			"ticket take", "ticket assign", "ticket escalate", "ticket deescalate", "outbox", "help", "--data-dir", "--demo", "--json"} {
			if !strings.Contains(r.out, cmd) {
				t.Errorf("%v: usage does not mention %q", args, cmd)
			}
		}
	}
	r := runRaw(t, "").must(t, 2)
	if r.out != "" || !strings.Contains(r.errOut, "usage: tierdesk") {
		t.Errorf("no arguments: %+v", r)
	}
	r = runRaw(t, "", "ticket", "escalate", "-h").must(t, 0)
	if !strings.Contains(r.out, "--note TEXT") || !strings.Contains(r.out, "--to TIER") || strings.Contains(r.out, "--demo\n") {
		t.Errorf("escalate -h:\n%s", r.out)
	}
}

func TestAccountSelection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runRaw(t, "", "--data-dir", dir, "tickets").must(t, 1)
	if !strings.Contains(r.errOut, "no account configured") || !strings.Contains(r.errOut, "--demo") {
		t.Errorf("no account: %q", r.errOut)
	}
	// The demo does not count as an account.
	run(t, dir, "", "tickets", "--limit", "1").must(t, 0)
	runRaw(t, "", "--data-dir", dir, "tickets").must(t, 1)

	me := app.Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}
	if err := app.CreateWorkspace(filepath.Join(dir, "acme"), "ACME", me); err != nil {
		t.Fatal(err)
	}
	r = runRaw(t, "", "--data-dir", dir, "ticket", "create", "--subject", "Core switch fan alarm").must(t, 0)
	if strings.TrimSpace(r.out) != "new-1" {
		t.Errorf("create in the account printed %q", r.out)
	}
	got := decode[[]listed](t, runRaw(t, "", "--data-dir", dir, "tickets", "--json").must(t, 0))
	if len(got) != 1 || got[0].Requester != "priya" {
		t.Errorf("account tickets: %+v", got)
	}

	if err := app.CreateWorkspace(filepath.Join(dir, "globex"), "Globex", me); err != nil {
		t.Fatal(err)
	}
	r = runRaw(t, "", "--data-dir", dir, "tickets").must(t, 1)
	if !strings.Contains(r.errOut, "ACME, Globex") || !strings.Contains(r.errOut, "--account") {
		t.Errorf("several accounts: %q", r.errOut)
	}
	got = decode[[]listed](t, runRaw(t, "", "--data-dir", dir, "--account", "ACME", "tickets", "--json").must(t, 0))
	if len(got) != 1 {
		t.Errorf("--account ACME: %+v", got)
	}
}

func TestUntrustedTextCannotDriveTheTerminal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run(t, dir, "", "ticket", "create", "--subject", "\x1b]0;pwned\x07 red \x1b[31malert", "--body", "line\x1b[2J").must(t, 0)
	for _, args := range [][]string{{"tickets", "--limit", "3"}, {"ticket", "show", "new-301"}} {
		r := run(t, dir, "", args...).must(t, 0)
		if strings.ContainsAny(r.out, "\x1b\x07") {
			t.Errorf("%v printed control characters: %q", args, r.out)
		}
	}
}

func TestBusyStoreKeepsTheText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The window holds the store open; the command line cannot open it.
	d, err := app.OpenDemo(dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r := run(t, dir, "Replaced the toner.\n", "ticket", "reply", "5", "-").must(t, 1)
	if !strings.Contains(r.errOut, "already running") || !strings.Contains(r.errOut, "Nothing was saved") ||
		!strings.Contains(r.errOut, "Replaced the toner.") {
		t.Errorf("busy store: %q", r.errOut)
	}
}

func TestHasCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"tickets"}, true},
		{[]string{"ticket", "show", "1"}, true},
		{[]string{"--demo"}, false},
		{[]string{"--demo", "tickets"}, true},
		{[]string{"--data-dir", "/tmp/x", "outbox"}, true},
		{[]string{"--data-dir=/tmp/x", "help"}, true},
		{[]string{"--data-dir", "tickets"}, false}, // "tickets" is the folder
		{[]string{"-h"}, false},
		{[]string{"--", "tickets"}, true},
		{[]string{"notacommand"}, false},
	} {
		if got := HasCommand(tc.args); got != tc.want {
			t.Errorf("HasCommand(%q) = %v", tc.args, got)
		}
	}
	if !IsCommand("ticket") || IsCommand("--demo") || IsCommand("") {
		t.Error("IsCommand")
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestKBSearchForgivesTypos(t *testing.T) {
	dir := t.TempDir()
	res := run(t, dir, "", "kb", "search", "vpn disconects", "--json", "--limit", "5").must(t, 0)
	var hits []struct {
		Rank     int    `json:"rank"`
		Kind     string `json:"kind"`
		ID       uint64 `json:"id"`
		Title    string `json:"title"`
		Category string `json:"category"`
	}
	if err := json.Unmarshal([]byte(res.out), &hits); err != nil {
		t.Fatalf("%v\n%s", err, res.out)
	}
	at := -1
	for i, h := range hits {
		if h.Kind != "article" {
			t.Fatalf("kb search returned a %s", h.Kind)
		}
		if strings.Contains(h.Title, "VPN") && i < 3 {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatalf("no VPN article in the top 3: %+v", hits)
	}
	text := run(t, dir, "", "kb", "search", "vpn", "disconects").must(t, 0).out
	if !strings.Contains(text, hits[at].Title) || !strings.Contains(text, hits[at].Category) {
		t.Fatalf("text output:\n%s", text)
	}
	show := run(t, dir, "", "kb", "show", strconv.FormatUint(hits[at].ID, 10)).must(t, 0).out
	if !strings.Contains(show, hits[at].Title) || !strings.Contains(show, "Category: "+hits[at].Category) {
		t.Fatalf("kb show:\n%s", show)
	}
	all := run(t, dir, "", "search", "printer", "--json").must(t, 0).out
	if !strings.Contains(all, `"kind": "ticket"`) {
		t.Fatalf("search over tickets found none:\n%s", all)
	}
	run(t, dir, "", "kb", "search").must(t, 2)
	run(t, dir, "", "kb", "show", "abc").must(t, 2)

	// Filters: a category for articles, tiers and statuses for tickets.
	var narrowed []struct {
		Kind     string `json:"kind"`
		Ref      string `json:"ref"`
		Category string `json:"category"`
	}
	out := run(t, dir, "", "kb", "search", "install", "--category", "Software", "--json").must(t, 0).out
	if err := json.Unmarshal([]byte(out), &narrowed); err != nil || len(narrowed) == 0 {
		t.Fatalf("kb search --category: %v\n%s", err, out)
	}
	for _, h := range narrowed {
		if h.Category != "Software" {
			t.Fatalf("--category Software returned %+v", h)
		}
	}
	out = run(t, dir, "", "search", "printer", "--tier", "L2", "--status", "open", "--json", "--limit", "50").must(t, 0).out
	narrowed = nil
	if err := json.Unmarshal([]byte(out), &narrowed); err != nil {
		t.Fatalf("search --tier: %v\n%s", err, out)
	}
	tickets := 0
	for _, h := range narrowed {
		if h.Kind != "ticket" {
			continue
		}
		tickets++
		shown := run(t, dir, "", "--json", "ticket", "show", h.Ref).must(t, 0).out
		if !strings.Contains(shown, `"tier": "L2"`) || !strings.Contains(shown, `"status": "open"`) {
			t.Fatalf("search --tier L2 --status open returned %s:\n%s", h.Ref, shown)
		}
	}
	if tickets == 0 {
		t.Fatalf("search --tier L2 --status open found no ticket:\n%s", out)
	}
	run(t, dir, "", "search", "printer", "--tier", "L9").must(t, 2)
	run(t, dir, "", "search", "printer", "--status", "sleeping").must(t, 2)
}
