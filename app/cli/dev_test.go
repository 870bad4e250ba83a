package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/app"
)

// dev gen writes a workspace the demo flag opens: the generated tickets,
// not the 300 demo ones on top.
func TestDevGenWritesAnOpenableWorkspace(t *testing.T) {
	dir := t.TempDir()
	r := runRaw(t, "", "dev", "gen", "--data-dir", dir, "--tickets", "1200", "--articles", "40", "--seed", "5").must(t, 0)
	if !strings.Contains(r.out, "generated 1200 tickets") {
		t.Fatalf("output %q", r.out)
	}
	if got := len(list(t, dir, "--view", "all", "--limit", "0")); got != 1200 {
		t.Fatalf("the workspace lists %d tickets, want 1200", got)
	}
	if _, err := app.ReadProfile(filepath.Join(dir, app.DemoWorkspace)); err != nil {
		t.Fatal(err)
	}
	// Never over an existing workspace, and never without --data-dir.
	runRaw(t, "", "dev", "gen", "--data-dir", dir, "--tickets", "10").must(t, 1)
	runRaw(t, "", "dev", "gen", "--tickets", "10").must(t, 2)
}
