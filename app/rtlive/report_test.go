package rtlive

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// rtFile is an attached file as RT keeps it.
type rtFile struct {
	ID          id     `json:"id"`
	Filename    string `json:"Filename"`
	ContentType string `json:"ContentType"`
}

// rtFiles lists the files attached to a ticket's messages, by name, each
// with the SHA-256 of the bytes RT returns for it.
func (u *rtUser) rtFiles(t testing.TB, ticket uint64) map[string]struct {
	file rtFile
	sum  string
	size int
} {
	t.Helper()
	var c collection[rtFile]
	u.must(t, 200, "GET", "/ticket/"+strconv.FormatUint(ticket, 10)+"/attachments",
		url.Values{"fields": {"TransactionId,Filename,ContentType"}, "per_page": {"100"}}, nil, &c)
	out := map[string]struct {
		file rtFile
		sum  string
		size int
	}{}
	for _, f := range c.Items {
		if f.Filename == "" {
			continue // a message body, not a file
		}
		var a struct {
			Content string `json:"Content"`
		}
		u.must(t, 200, "GET", "/attachment/"+strconv.FormatUint(uint64(f.ID), 10), nil, nil, &a)
		b, err := base64.StdEncoding.DecodeString(a.Content)
		if err != nil {
			t.Fatalf("attachment %d: content is not base64: %v", f.ID, err)
		}
		out[f.Filename] = struct {
			file rtFile
			sum  string
			size int
		}{f, sha(b), len(b)}
	}
	return out
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// testPNG draws a small picture with noise, so its bytes are binary and
// incompressible enough to catch any re-encoding on the way.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 80))
	noise := make([]byte, 120*80)
	if _, err := rand.Read(noise); err != nil {
		t.Fatal(err)
	}
	for y := range 80 {
		for x := range 120 {
			img.Set(x, y, color.NRGBA{R: uint8(x * 2), G: uint8(y * 3), B: noise[y*120+x], A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReportWithSystemInfoAndAttachmentsReachesRT files a problem report
// offline with its system information and two files (a PNG and random
// bytes), syncs it to the live RT, and compares the SHA-256 of the bytes
// RT returns with the originals. Then a reply with a file goes the same
// way, and the pulled conversation lists the files.
func TestReportWithSystemInfoAndAttachmentsReachesRT(t *testing.T) {
	d := newDesk(t, srv.URL)
	info := d.SystemInfo(ctxFor(t, 30*time.Second))
	host, _ := os.Hostname()
	if info.Hostname != host || !info.Reachable {
		t.Fatalf("system info: host %q (want %q), reachable %v (%s)", info.Hostname, host, info.Reachable, info.ReachDetail)
	}
	sysText := info.Text()

	shot := testPNG(t)
	blob := make([]byte, 300<<10)
	if _, err := rand.Read(blob); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/crash.dump", blob, 0o600); err != nil {
		t.Fatal(err)
	}
	dump, err := app.ReadFile(dir + "/crash.dump")
	if err != nil {
		t.Fatal(err)
	}
	subj := subject(t, "printer jams")
	tk, err := d.Report(app.Report{
		Subject:    subj,
		Body:       "The printer on floor 2 jams on every second page.\nScreenshot and dump attached.",
		Severity:   helpdesk.PriorityHigh,
		Category:   "Hardware",
		SystemInfo: sysText,
		Files:      []app.File{{Name: "screen.png", Data: shot}, dump},
	})
	if err != nil {
		t.Fatalf("Report: %v", err)
	}
	if tk.RemoteID != 0 || len(outbox(t, d)) != 1 {
		t.Fatalf("the report should wait in the outbox: %+v, outbox %d", tk, len(outbox(t, d)))
	}
	conv, err := d.Conversation(tk.ID)
	if err != nil || len(conv) != 1 || len(conv[0].Attachments) != 2 {
		t.Fatalf("local conversation: %+v, %v", conv, err)
	}
	pending := conv[0].Attachments
	for i, want := range [][]byte{shot, blob} {
		got, err := d.Attachment(pending[i])
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("pending attachment %s: %d bytes, %v", pending[i].Name, len(got), err)
		}
	}
	if pending[0].Type != "image/png" {
		t.Errorf("screen.png typed %q", pending[0].Type)
	}

	mustSync(t, d)
	if n := len(outbox(t, d)); n != 0 {
		t.Fatalf("outbox after sync: %d entries: %+v", n, outbox(t, d))
	}
	got, _ := d.Summary(tk.ID)
	if got == nil || got.RemoteID == 0 {
		t.Fatalf("the report did not reach RT: %+v", got)
	}
	remote := got.RemoteID
	if _, err := d.Attachment(pending[0]); !errors.Is(err, app.ErrAttachmentGone) {
		t.Errorf("after sending, the local copy should be gone; got %v", err)
	}

	agent2 := asUser("agent2")
	rtTk := agent2.ticket(t, remote)
	if rtTk.Subject != subj || rtTk.Queue.ID != agent2.queueID(t, "L1") {
		t.Errorf("RT has subject %q queue %s", rtTk.Subject, rtTk.Queue.ID)
	}
	files := agent2.rtFiles(t, remote)
	for name, want := range map[string][]byte{"screen.png": shot, "crash.dump": blob} {
		f, ok := files[name]
		if !ok {
			t.Fatalf("RT has no %s; files: %v", name, files)
		}
		if f.sum != sha(want) || f.size != len(want) {
			t.Errorf("%s: RT returned %d bytes with SHA-256 %s; sent %d bytes with %s", name, f.size, f.sum, len(want), sha(want))
		}
	}
	if files["screen.png"].file.ContentType != "image/png" {
		t.Errorf("screen.png is %q in RT", files["screen.png"].file.ContentType)
	}
	// The description carries the system information under its heading.
	conv, err = d.Conversation(tk.ID)
	if err != nil || len(conv) == 0 {
		t.Fatalf("conversation after sync: %v", err)
	}
	first := conv[0]
	if first.Pending || !strings.Contains(first.Body, "System information") || !strings.Contains(first.Body, host) ||
		!strings.Contains(first.Body, "Category: Hardware") {
		t.Errorf("description as pulled from RT:\n%s", first.Body)
	}
	if len(first.Attachments) != 2 || first.Attachments[0].RemoteID == 0 ||
		first.Attachments[0].Name != "screen.png" || first.Attachments[0].Size != int64(len(shot)) ||
		first.Attachments[1].Name != "crash.dump" || first.Attachments[1].Size != int64(len(blob)) {
		t.Errorf("pulled attachments: %+v", first.Attachments)
	}

	// The pulled files open from the server, byte for byte.
	for i, want := range [][]byte{shot, blob} {
		b, err := d.DownloadAttachment(ctxFor(t, time.Minute), first.Attachments[i])
		if err != nil || sha(b) != sha(want) {
			t.Errorf("download %s: %d bytes, %v", first.Attachments[i].Name, len(b), err)
		}
	}

	// A reply with a file (a text log this time) goes the same way.
	logText := []byte("12:01 spooler: paper jam tray 2\n12:02 spooler: retry\n")
	if _, err := d.ReplyWith(tk.ID, "It happened again; log attached.", []app.File{{Name: "spooler.log", Data: logText}}); err != nil {
		t.Fatalf("ReplyWith: %v", err)
	}
	mustSync(t, d)
	if n := len(outbox(t, d)); n != 0 {
		t.Fatalf("outbox after reply: %+v", outbox(t, d))
	}
	files = agent2.rtFiles(t, remote)
	if f, ok := files["spooler.log"]; !ok || f.sum != sha(logText) {
		t.Fatalf("spooler.log on RT: %+v (sent %s)", f, sha(logText))
	}
	conv, _ = d.Conversation(tk.ID)
	last := conv[len(conv)-1]
	if last.Body != "It happened again; log attached." || len(last.Attachments) != 1 || last.Attachments[0].Name != "spooler.log" {
		t.Errorf("pulled reply: %+v", last)
	}
}

// TestAttachmentAtTheSizeLimitReachesRTWhole sends a reply with a file of
// exactly helpdesk.MaxAttachmentSize random bytes (RT's default
// MaxAttachmentSize) and reads it back from RT unchanged.
func TestAttachmentAtTheSizeLimitReachesRTWhole(t *testing.T) {
	d := newDesk(t, srv.URL)
	tk, err := d.Report(app.Report{Subject: subject(t, "large file"), Body: "The export is attached."})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, d)
	big := make([]byte, helpdesk.MaxAttachmentSize)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ReplyWith(tk.ID, "", []app.File{{Name: "export.bin", Data: big}}); err != nil {
		t.Fatalf("ReplyWith at the limit: %v", err)
	}
	over := append(big, 0)
	if _, err := d.ReplyWith(tk.ID, "", []app.File{{Name: "over.bin", Data: over}}); !errors.Is(err, helpdesk.ErrTooLarge) {
		t.Fatalf("one byte over the limit: %v", err)
	}
	mustSync(t, d)
	if ob := outbox(t, d); len(ob) != 0 {
		t.Fatalf("outbox: %+v", ob)
	}
	remote := mustRemote(t, d, tk.ID)
	f, ok := asUser("agent2").rtFiles(t, remote)["export.bin"]
	if !ok || f.size != len(big) || f.sum != sha(big) {
		t.Fatalf("export.bin on RT: %d bytes, sum %s (sent %d, %s)", f.size, f.sum, len(big), sha(big))
	}
}

// mustRemote returns the server id of a local ticket.
func mustRemote(t testing.TB, d *app.Desk, localID uint64) uint64 {
	t.Helper()
	tk, ok := d.Summary(localID)
	if !ok || tk.RemoteID == 0 {
		t.Fatalf("ticket %d has not reached the server: %+v", localID, tk)
	}
	return tk.RemoteID
}
