package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// engineerWorkspace makes a local workspace for an L2 engineer in dir.
func engineerWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	me := app.Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}
	if err := app.CreateWorkspace(filepath.Join(dir, "acme"), "ACME", me); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestKBNewAndEdit(t *testing.T) {
	t.Parallel()
	dir := engineerWorkspace(t)
	kb := func(stdin string, args ...string) result {
		return runRaw(t, stdin, append([]string{"--data-dir", dir}, args...)...)
	}
	r := kb("", "kb", "new", "--title", "VPN drops on hotel Wi-Fi", "--category", "Network", "--summary", "MTU", "--body", "Set the MTU to 1400.").must(t, 0)
	if !strings.HasPrefix(r.out, "kb 1: article saved (1 change waiting") {
		t.Fatalf("kb new printed %q", r.out)
	}
	a := decode[helpdesk.Article](t, kb("", "--json", "kb", "show", "1").must(t, 0))
	if a.Title != "VPN drops on hotel Wi-Fi" || a.Category != "Network" || a.Summary != "MTU" || a.Body != "Set the MTU to 1400." || !a.Pending {
		t.Fatalf("kb show: %+v", a)
	}
	body := "## Problem\n\nOutlook prompts.\n\n## Resolution\n\nClear the credential.\n"
	kb(body, "kb", "new", "--title", "Outlook prompts", "--category", "Email", "-").must(t, 0)
	if a := decode[helpdesk.Article](t, kb("", "--json", "kb", "show", "2").must(t, 0)); a.Body != strings.TrimRight(body, "\n") {
		t.Fatalf("body from stdin: %q", a.Body)
	}

	kb("", "kb", "edit", "1", "--body", "Set the MTU to 1380.").must(t, 0)
	if a := decode[helpdesk.Article](t, kb("", "--json", "kb", "show", "1").must(t, 0)); a.Body != "Set the MTU to 1380." || a.Title != "VPN drops on hotel Wi-Fi" {
		t.Fatalf("after edit: %+v", a)
	}
	if r := kb("", "kb", "edit", "1", "--summary", "MTU").must(t, 0); !strings.Contains(r.errOut, "nothing changed") {
		t.Fatalf("unchanged edit: %+v", r)
	}
	r = kb("", "outbox").must(t, 0)
	if !strings.Contains(r.out, `New KB article "VPN drops on hotel Wi-Fi"`) || !strings.Contains(r.out, "article 1") || !strings.Contains(r.out, `Edit KB article`) {
		t.Fatalf("outbox:\n%s", r.out)
	}

	// Bad input: a clear message, exit 2, nothing stored, the text handed back.
	r = kb("", "kb", "new", "--title", "No category", "--body", "x").must(t, 2)
	if !strings.Contains(r.errOut, "--category") {
		t.Fatalf("missing category: %q", r.errOut)
	}
	r = kb("  \n", "kb", "new", "--title", "Empty", "--category", "Network", "-").must(t, 2)
	if !strings.Contains(r.errOut, "no text") || !strings.Contains(r.errOut, "Nothing was saved") {
		t.Fatalf("empty body: %q", r.errOut)
	}
	r = kb("a long body\nthat must come back", "kb", "new", "--title", "two\nlines", "--category", "Network", "-").must(t, 2)
	if !strings.Contains(r.errOut, "one line") || !strings.Contains(r.errOut, "that must come back") {
		t.Fatalf("bad title with stdin body: %q", r.errOut)
	}
	kb("", "kb", "edit", "99", "--title", "x").must(t, 1)
	kb("", "kb", "edit", "1").must(t, 2)
	if ob := kb("", "--json", "outbox").must(t, 0); strings.Count(ob.out, `"seq"`) != 3 {
		t.Fatalf("outbox after refused input:\n%s", ob.out)
	}
}

func TestKBNewFromTicket(t *testing.T) {
	t.Parallel()
	dir := engineerWorkspace(t)
	kb := func(stdin string, args ...string) result {
		return runRaw(t, stdin, append([]string{"--data-dir", dir}, args...)...)
	}
	kb("", "ticket", "create", "--subject", "Badge reader rejects card", "--body", "Card worked yesterday.", "--tier", "L2").must(t, 0)
	kb("", "ticket", "reply", "new-1", "Re-encoded the card; works now.").must(t, 0)
	r := kb("", "--json", "kb", "new", "--from-ticket", "new-1", "--category", "Facilities").must(t, 0)
	a := decode[helpdesk.Article](t, r)
	if a.Title != "Badge reader rejects card" || a.Category != "Facilities" ||
		!strings.Contains(a.Body, "## Problem\n\nCard worked yesterday.") || !strings.Contains(a.Body, "## Resolution\n\nRe-encoded the card; works now.") {
		t.Fatalf("drafted article: %+v", a)
	}
	kb("", "kb", "new", "--from-ticket", "#77").must(t, 1)
}

func TestKBWritingIsForL2AndL3(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, dir, "", "kb", "new", "--title", "T", "--category", "General", "--body", "text").must(t, 1)
	if !strings.Contains(r.errOut, "not allowed") {
		t.Fatalf("L1 technician: %q", r.errOut)
	}
}
