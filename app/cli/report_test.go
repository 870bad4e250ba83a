package cli

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestReportAttachesSystemInfoAndFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := t.TempDir()
	bin := make([]byte, 70000)
	if _, err := rand.Read(bin); err != nil {
		t.Fatal(err)
	}
	binPath := filepath.Join(files, "core.bin")
	logPath := filepath.Join(files, "app.txt")
	if err := os.WriteFile(binPath, bin, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logPath, []byte("E: cannot save\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	res := run(t, dir, "", "report", "--subject", "Word crashes on save", "--body", "Every time since the update.",
		"--severity", "urgent", "--category", "software", "--attach", binPath, "--attach", logPath).must(t, 0)
	for _, want := range []string{"System information attached:", "Host:      " + host, "Helpdesk:  no server (demo)",
		"Attached: core.bin (application/octet-stream, 68.4 KB)", "Attached: app.txt (text/plain", ": reported (Word crashes on save"} {
		if !strings.Contains(res.out, want) {
			t.Errorf("output lacks %q:\n%s", want, res.out)
		}
	}

	ref := strings.Fields(res.out[strings.LastIndex(res.out, "\nnew-")+1:])[0]
	ref = strings.TrimSuffix(ref, ":")
	if show := run(t, dir, "", "ticket", "show", ref).must(t, 0); !strings.Contains(show.out, "[attached: core.bin, 68.4 KB]") {
		t.Errorf("ticket show %s does not list the files:\n%s", ref, show.out)
	}

	// A file that is too large, a missing one, or a bad severity: nothing saved.
	big := filepath.Join(files, "huge.iso")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(helpdesk.MaxAttachmentSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if r := run(t, dir, "", "report", "--subject", "Big", "--attach", big).must(t, 2); !strings.Contains(r.errOut, "huge.iso is 10.1 MB; the limit is 10.0 MB per file") {
		t.Errorf("oversized file: %s", r.errOut)
	}
	run(t, dir, "", "report", "--subject", "Missing", "--attach", filepath.Join(files, "nope")).must(t, 1)
	run(t, dir, "", "report", "--subject", "Bad", "--severity", "apocalyptic").must(t, 2)
	run(t, dir, "", "report", "--subject", "Bad", "--category", "plumbing").must(t, 2)
	run(t, dir, "", "report").must(t, 2)
	// The body from stdin, without system information.
	run(t, dir, "Mouse is dead\nTried new batteries.\n", "report", "-", "--no-sysinfo").must(t, 0)

	d, err := app.OpenDemo(dir, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ob, err := d.Outbox()
	if err != nil || len(ob) != 2 {
		t.Fatalf("outbox: %d entries, %v", len(ob), err)
	}
	first, second := ob[0], ob[1]
	if first.Ticket.Subject != "Word crashes on save" || first.Ticket.Priority != helpdesk.PriorityUrgent ||
		!strings.Contains(first.Body, "--- System information ---") || !strings.Contains(first.Body, host) {
		t.Errorf("report: %+v\n%s", first.Ticket, first.Body)
	}
	if len(first.Attachments) != 2 {
		t.Fatalf("attachments %+v", first.Attachments)
	}
	if b, err := d.Attachment(first.Attachments[0]); err != nil || !bytes.Equal(b, bin) {
		t.Errorf("core.bin as stored: %d bytes, %v", len(b), err)
	}
	if second.Ticket.Subject != "Mouse is dead" || strings.Contains(second.Body, "System information") || len(second.Attachments) != 0 {
		t.Errorf("stdin report: %+v\n%s", second.Ticket, second.Body)
	}
}
