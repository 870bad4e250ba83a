package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

var dana = Identity{Name: "dana", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReportFilesATicketWithSystemInfoAndFiles(t *testing.T) {
	d := openTestDesk(t, dana)
	info := d.SystemInfo(context.Background())
	if !strings.Contains(info.Text(), "no server (demo)") {
		t.Fatalf("a desk without a server should say so:\n%s", info.Text())
	}
	shot := pngBytes(t)
	tk, err := d.Report(Report{
		Body:       "\n  Outlook   crashes when I open the calendar\nsince this morning.",
		Severity:   helpdesk.PriorityUrgent,
		Category:   "security INCIDENT",
		SystemInfo: info.Text(),
		Files:      []File{{Name: "screen", Data: shot}, {Name: "/tmp/outlook.log", Data: []byte("E: calendar\n")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Subject != "Outlook crashes when I open the calendar" || tk.Requester != "dana" ||
		tk.Priority != helpdesk.PriorityUrgent || tk.Tier != helpdesk.L2 || tk.RemoteID != 0 {
		t.Fatalf("ticket %+v", tk)
	}
	conv, err := d.Conversation(tk.ID)
	if err != nil || len(conv) != 1 {
		t.Fatalf("conversation %+v %v", conv, err)
	}
	c := conv[0]
	if !strings.HasPrefix(c.Body, "Category: Security incident\n\nOutlook   crashes") ||
		!strings.Contains(c.Body, systemInfoHeading+"\n"+strings.TrimSpace(info.Text())) {
		t.Fatalf("description:\n%s", c.Body)
	}
	if len(c.Attachments) != 2 || c.Attachments[0].Type != "image/png" || c.Attachments[1].Name != "outlook.log" ||
		!strings.HasPrefix(c.Attachments[1].Type, "text/") {
		t.Fatalf("attachments %+v", c.Attachments)
	}
	if b, err := d.Attachment(c.Attachments[0]); err != nil || !bytes.Equal(b, shot) {
		t.Fatalf("pending attachment: %v", err)
	}
	if got := d.Tickets(ViewMyRequests.Filter(dana)); len(got) != 1 || got[0].ID != tk.ID {
		t.Fatalf("my requests: %v", got)
	}
	ob, _ := d.Outbox()
	if len(ob) != 1 || ob[0].Kind != helpdesk.MutCreate || len(ob[0].Attachments) != 2 {
		t.Fatalf("outbox %+v", ob)
	}

	// The user removed the system information: none is sent.
	tk2, err := d.Report(Report{Subject: "Second", Body: "no info", SystemInfo: "  \n"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ = d.Conversation(tk2.ID)
	if tk2.Tier != helpdesk.L1 || len(conv) != 1 || strings.Contains(conv[0].Body, systemInfoHeading) {
		t.Fatalf("report without system info: %+v %+v", tk2, conv)
	}
}

func TestReportRefusalsRecordNothing(t *testing.T) {
	d := openTestDesk(t, dana)
	big := make([]byte, helpdesk.MaxAttachmentSize+1)
	cases := map[string]Report{
		"empty":          {Subject: " ", Body: "\n \n"},
		"file too large": {Subject: "Big", Files: []File{{Name: "big.bin", Data: big}}},
		"empty file":     {Subject: "Empty", Files: []File{{Name: "empty.txt"}}},
		"nameless file":  {Subject: "Nameless", Files: []File{{Name: " ", Data: []byte("x")}}},
	}
	for name, r := range cases {
		_, err := d.Report(r)
		if !errors.Is(err, helpdesk.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
		if name == "file too large" && (!errors.Is(err, helpdesk.ErrTooLarge) || !strings.Contains(err.Error(), "big.bin")) {
			t.Errorf("%s: the message should name the file and the limit: %v", name, err)
		}
	}
	if ob, _ := d.Outbox(); len(ob) != 0 || d.Count() != 0 {
		t.Fatalf("refused reports left %d outbox entries and %d tickets", len(ob), d.Count())
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data := make([]byte, 5000)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(write("dump.bin", data))
	if err != nil || f.Name != "dump.bin" || !bytes.Equal(f.Data, data) {
		t.Fatalf("ReadFile: %q %d bytes %v", f.Name, len(f.Data), err)
	}
	// Over the limit is refused from its size, before reading (sparse file).
	big := filepath.Join(dir, "huge.iso")
	fh, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(helpdesk.MaxAttachmentSize + 1); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	if _, err := ReadFile(big); !errors.Is(err, helpdesk.ErrTooLarge) || !strings.Contains(err.Error(), "10.0 MB") {
		t.Errorf("oversized: %v", err)
	}
	if _, err := ReadFile(write("empty.txt", nil)); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Errorf("empty: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("a directory was read as a file")
	}
}

func TestRequesterRepliesWithFilesOnOwnTicketsOnly(t *testing.T) {
	dir := t.TempDir()
	agent, err := OpenDesk(dir, Options{Me: alex, Clock: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	own, err := agent.CreateTicket(NewTicket{Subject: "Dana's laptop", Requester: "dana"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := agent.CreateTicket(NewTicket{Subject: "Sam's phone", Requester: "sam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := agent.Note(own.ID, "internal: battery recall"); err != nil {
		t.Fatal(err)
	}
	agent.Close()

	d, err := OpenDesk(dir, Options{Me: dana, Clock: func() time.Time { return fixed.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	files := []File{{Name: "photo.png", Data: pngBytes(t)}}
	if _, err := d.ReplyWith(other.ID, "me too", files); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("reply on someone else's ticket: %v", err)
	}
	if _, err := d.ReplyWith(own.ID, "", files); err != nil {
		t.Fatalf("reply with a file only: %v", err)
	}
	conv, err := d.Conversation(own.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Dana sees her reply with its file, never the agents' note.
	if len(conv) != 1 || conv[0].Body != "Attached: photo.png" || len(conv[0].Attachments) != 1 || conv[0].Internal() {
		t.Fatalf("conversation as the requester sees it: %+v", conv)
	}
	if _, err := d.ReplyWith(own.ID, "", nil); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("empty reply without files: %v", err)
	}
}

func TestDeflectionsAreCountedAndFileNothing(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDesk(dir, Options{Me: dana, Clock: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Deflected(42, "printer"); !errors.Is(err, localdb.ErrNotFound) {
		t.Fatalf("deflection by an unknown article: %v", err)
	}
	if err := d.store.Write(localdb.Batch{Articles: []helpdesk.Article{{Title: "Clear a paper jam", Body: "Open tray 2.", Category: "Printing"}}}); err != nil {
		t.Fatal(err)
	}
	arts, _ := d.Articles()
	for range 2 {
		if err := d.Deflected(arts[0].ID, "printer jams"); err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	d, err = OpenDesk(dir, Options{Me: dana})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	n, err := d.Deflections()
	if err != nil || n != 2 {
		t.Fatalf("deflections after reopen: %d %v", n, err)
	}
	if ob, _ := d.Outbox(); len(ob) != 0 || d.Count() != 0 {
		t.Fatalf("a deflection filed something: outbox %d tickets %d", len(ob), d.Count())
	}
}
