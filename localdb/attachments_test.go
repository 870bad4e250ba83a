package localdb

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// createWith files a ticket with files through ApplyWith.
func createWith(t testing.TB, s *Store, subject string, files map[string][]byte, order ...string) (helpdesk.Mutation, helpdesk.Ticket) {
	t.Helper()
	m := mut(helpdesk.MutCreate, 0)
	m.Ticket = &helpdesk.Ticket{Subject: subject, Requester: "dana", Status: helpdesk.StatusNew, Tier: helpdesk.L1,
		Created: m.Created, Updated: m.Created}
	m.Body = "See the files."
	var data [][]byte
	for _, name := range order {
		m.Attachments = append(m.Attachments, helpdesk.Attachment{Name: name, Type: "application/octet-stream"})
		data = append(data, files[name])
	}
	m, tk, err := s.ApplyWith(m, data)
	if err != nil {
		t.Fatalf("create %q with files: %v", subject, err)
	}
	return m, tk
}

func TestAttachmentsAreStoredWithTheActionAndDroppedOnAcknowledge(t *testing.T) {
	dir := t.TempDir()
	key := randomBytes(t, 32)
	s := openTest(t, dir, Options{EncryptionKey: key})
	// Near the per-file limit: it must fit one Badger value and one
	// transaction of the desktop-tuned store.
	big := randomBytes(t, helpdesk.MaxAttachmentSize-1)
	small := []byte("12:01 paper jam\n")
	files := map[string][]byte{"dump.bin": big, "spool.log": small}
	m, tk := createWith(t, s, "Printer jams", files, "dump.bin", "spool.log")
	if len(m.Attachments) != 2 {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	for _, a := range m.Attachments {
		want := files[a.Name]
		if a.Blob == 0 || a.Size != int64(len(want)) || a.SHA256 != hexSum(want) {
			t.Fatalf("attachment described wrongly: %+v", a)
		}
	}
	if m.Attachments[0].Blob == m.Attachments[1].Blob {
		t.Fatal("two files share a blob")
	}
	// The conversation shows the files with the description.
	cs := comments(t, s, tk.ID)
	if len(cs) != 1 || len(cs[0].Attachments) != 2 || cs[0].Attachments[1].Name != "spool.log" {
		t.Fatalf("comment %+v", cs)
	}

	// The bytes survive a restart, encrypted like the rest: the text of
	// the log appears nowhere on disk.
	s.Close()
	assertNotOnDisk(t, dir, small)
	s = openTest(t, dir, Options{EncryptionKey: key})
	ob := outbox(t, s)
	if len(ob) != 1 || len(ob[0].Attachments) != 2 {
		t.Fatalf("outbox after reopen: %+v", ob)
	}
	for _, a := range ob[0].Attachments {
		b, err := s.Attachment(a.Blob)
		if err != nil || !bytes.Equal(b, files[a.Name]) {
			t.Fatalf("%s after reopen: %d bytes, %v", a.Name, len(b), err)
		}
	}
	// Blob ids are not handed out twice after a restart.
	m2 := mut(helpdesk.MutReply, tk.ID)
	m2.Body = "One more."
	m2.Attachments = []helpdesk.Attachment{{Name: "more.txt", Type: "text/plain"}}
	m2, _, err := s.ApplyWith(m2, [][]byte{[]byte("more")})
	if err != nil {
		t.Fatal(err)
	}
	if b := m2.Attachments[0].Blob; b == ob[0].Attachments[0].Blob || b == ob[0].Attachments[1].Blob {
		t.Fatalf("blob id %d reused", b)
	}

	if _, err := s.Acknowledge(ob[0].Seq, nil); err != nil {
		t.Fatal(err)
	}
	for _, a := range ob[0].Attachments {
		if _, err := s.Attachment(a.Blob); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%s still stored after acknowledge: %v", a.Name, err)
		}
	}
	// The reply's file is untouched: it has not been sent.
	if b, err := s.Attachment(m2.Attachments[0].Blob); err != nil || string(b) != "more" {
		t.Fatalf("unsent reply's file: %q %v", b, err)
	}
}

func TestDiscardDropsAttachments(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	files := map[string][]byte{"a.png": randomBytes(t, 200<<10)}
	m, tk := createWith(t, s, "Never sent", files, "a.png")
	r := mut(helpdesk.MutReply, tk.ID)
	r.Body = "And this."
	r.Attachments = []helpdesk.Attachment{{Name: "b.bin"}}
	r, _, err := s.ApplyWith(r, [][]byte{randomBytes(t, 1000)})
	if err != nil {
		t.Fatal(err)
	}
	// Discarding the reply alone drops its file, not the create's.
	if _, err := s.Discard(r.Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Attachment(r.Attachments[0].Blob); !errors.Is(err, ErrNotFound) {
		t.Fatalf("discarded reply's file: %v", err)
	}
	if _, err := s.Attachment(m.Attachments[0].Blob); err != nil {
		t.Fatalf("create's file went with the reply: %v", err)
	}

	// Discarding a never-sent create drops the ticket, its later actions
	// and every file of them.
	r2 := mut(helpdesk.MutReply, tk.ID)
	r2.Body = "Later."
	r2.Attachments = []helpdesk.Attachment{{Name: "c.bin"}}
	r2, _, err = s.ApplyWith(r2, [][]byte{randomBytes(t, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Discard(m.Seq); err != nil {
		t.Fatal(err)
	}
	for _, blob := range []uint64{m.Attachments[0].Blob, r2.Attachments[0].Blob} {
		if _, err := s.Attachment(blob); !errors.Is(err, ErrNotFound) {
			t.Fatalf("blob %d survived the discard: %v", blob, err)
		}
	}
	if len(outbox(t, s)) != 0 || s.Len() != 0 {
		t.Fatalf("outbox %d tickets %d", len(outbox(t, s)), s.Len())
	}
}

func TestAttachmentsOverTheLimitsAreRefusedAndChangeNothing(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tk := create(t, s, "Base", helpdesk.L1)
	before := outbox(t, s)
	nine := randomBytes(t, 9<<20)
	cases := []struct {
		name   string
		kind   helpdesk.MutationKind
		files  [][]byte
		tooBig bool
	}{
		{"one byte over the per-file limit", helpdesk.MutReply, [][]byte{randomBytes(t, helpdesk.MaxAttachmentSize+1)}, true},
		{"over the total", helpdesk.MutReply, [][]byte{nine, nine, nine}, true},
		{"too many files", helpdesk.MutReply, make11(), true},
		{"an empty file", helpdesk.MutReply, [][]byte{{}}, false},
		{"files on a note", helpdesk.MutNote, [][]byte{[]byte("x")}, false},
	}
	for _, c := range cases {
		m := mut(c.kind, tk.ID)
		m.Body = "text"
		for range c.files {
			m.Attachments = append(m.Attachments, helpdesk.Attachment{Name: "f.bin"})
		}
		_, _, err := s.ApplyWith(m, c.files)
		if !errors.Is(err, helpdesk.ErrInvalid) || errors.Is(err, helpdesk.ErrTooLarge) != c.tooBig {
			t.Errorf("%s: got %v", c.name, err)
		}
	}
	// Attachments described without their bytes are refused too.
	m := mut(helpdesk.MutReply, tk.ID)
	m.Body = "text"
	m.Attachments = []helpdesk.Attachment{{Name: "f.bin", Size: 3}}
	if _, _, err := s.ApplyWith(m, nil); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Errorf("attachment without bytes: %v", err)
	}
	if _, _, err := s.Apply(m); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Errorf("Apply with an attachment and no bytes: %v", err)
	}
	if after := outbox(t, s); len(after) != len(before) || len(comments(t, s, tk.ID)) != 1 {
		t.Fatalf("a refused action left traces: outbox %d→%d", len(before), len(after))
	}
	// Nothing was stored under the blob kind.
	if s.counters.blob != 0 {
		t.Fatalf("blob counter moved to %d", s.counters.blob)
	}
}

func assertNotOnDisk(t testing.TB, dir string, secret []byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue // a directory
		}
		if bytes.Contains(b, secret) {
			t.Fatalf("%s holds the attachment in plain text", e.Name())
		}
	}
}

func make11() [][]byte {
	out := make([][]byte, helpdesk.MaxAttachments+1)
	for i := range out {
		out[i] = []byte("x")
	}
	return out
}
