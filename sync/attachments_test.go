package sync_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

// actWith records an action with files, as app.Desk does.
func (r *rig) actWith(m helpdesk.Mutation, files map[string][]byte, order ...string) helpdesk.Mutation {
	r.t.Helper()
	r.n++
	m.ClientID = "f" + string(rune('a'+r.n))
	m.Author = "alex"
	m.Created = t0
	var data [][]byte
	for _, name := range order {
		m.Attachments = append(m.Attachments, helpdesk.Attachment{Name: name, Type: "application/octet-stream"})
		data = append(data, files[name])
	}
	m, _, err := r.store.ApplyWith(m, data)
	if err != nil {
		r.t.Fatalf("apply %s with files: %v", m.Kind, err)
	}
	return m
}

func random(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// A create with files whose answer is lost is looked up, not sent again:
// the server gets the ticket and its files exactly once, and the local
// copies go when it is acknowledged.
func TestCreateWithAttachmentsAndLostAnswerIsNotDuplicated(t *testing.T) {
	r := newRig(t)
	files := map[string][]byte{"shot.png": random(t, 64<<10), "dump.bin": random(t, 3<<20)}
	m := r.actWith(helpdesk.Mutation{Kind: helpdesk.MutCreate, Body: "Crash on save", Ticket: &helpdesk.Ticket{
		Subject: "Crash", Requester: "dana", Status: helpdesk.StatusNew, Tier: helpdesk.L1, ClientRef: "ref-crash"}},
		files, "shot.png", "dump.bin")
	r.server.after = func(op string) error {
		if op == "create" {
			return transient(op) // the server made it, the client never heard
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded through a broken connection")
	}
	// Nothing is lost while the outcome is unknown.
	for _, a := range m.Attachments {
		if _, err := r.store.Attachment(a.Blob); err != nil {
			t.Fatalf("%s gone before the create was confirmed: %v", a.Name, err)
		}
	}
	r.server.after = nil
	r.mustSync()
	if r.server.count() != 1 || r.server.calls["create"] != 1 || r.server.calls["find"] != 1 {
		t.Fatalf("server has %d tickets after %v", r.server.count(), r.server.calls)
	}
	remote := r.local(101).RemoteID
	got := r.server.files[remote]
	if len(got) != 2 {
		t.Fatalf("server received %d files", len(got))
	}
	for _, f := range got {
		if !bytes.Equal(f.Data, files[f.Name]) || f.Type != "application/octet-stream" {
			t.Fatalf("%s arrived changed (%d bytes, %s)", f.Name, len(f.Data), f.Type)
		}
	}
	for _, a := range m.Attachments {
		if _, err := r.store.Attachment(a.Blob); !errors.Is(err, localdb.ErrNotFound) {
			t.Fatalf("%s still stored after acknowledge: %v", a.Name, err)
		}
	}
	if len(r.outbox()) != 0 {
		t.Fatalf("outbox %d", len(r.outbox()))
	}
}

// A reply's files go with it; a broken connection keeps them for the retry.
func TestReplyWithAttachmentsSurvivesAFailedSend(t *testing.T) {
	r := newRig(t)
	tk := r.create("Printer")
	r.mustSync()
	log := []byte("paper jam tray 2\n")
	m := r.actWith(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: tk.ID, Body: "Log attached."},
		map[string][]byte{"spool.log": log}, "spool.log")
	r.server.fail = func(op string) error {
		if op == "comment" {
			return transient(op)
		}
		return nil
	}
	if _, err := r.sync(); err == nil {
		t.Fatal("sync succeeded through a broken connection")
	}
	if b, err := r.store.Attachment(m.Attachments[0].Blob); err != nil || !bytes.Equal(b, log) {
		t.Fatalf("file lost after a failed send: %v", err)
	}
	r.server.fail = nil
	r.mustSync()
	remote, _ := r.store.Summary(tk.ID)
	if fs := r.server.files[remote.RemoteID]; len(fs) != 1 || !bytes.Equal(fs[0].Data, log) {
		t.Fatalf("server files %+v", fs)
	}
}
