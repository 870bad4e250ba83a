package rtlive

import (
	"slices"
	"testing"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// A reply and an internal note written at the desk become RT
// correspondence and an RT comment; a reply and a comment agent2 writes in
// RT come back to the desk as a reply and an internal note.
func TestRepliesAndNotesBothWays(t *testing.T) {
	d := newDesk(t, srv.URL)
	root, agent2 := asUser("root"), asUser("agent2")
	subj := subject(t, "VPN drops every 10 minutes")
	tk, err := d.CreateTicket(app.NewTicket{Subject: subj, Description: "Since the client update.",
		Requester: "requester1@tierdesk.test", Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, d)
	remote := local(t, d, mustOne(t, root.bySubject(t, subj))).RemoteID

	tag := nonce(t)
	reply := "Please try the new profile. " + tag
	note := "Looks like the MTU issue from last week. " + tag
	if _, err := d.Reply(tk.ID, reply); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Note(tk.ID, note); err != nil {
		t.Fatal(err)
	}
	if res := mustSync(t, d); res.Sent != 2 || res.Failed != 0 {
		t.Fatalf("sync: %+v", res)
	}
	hist := root.history(t, remote)
	if c := txnsWith(hist, "Correspond", reply); len(c) != 1 || c[0].Creator != "agent1" {
		t.Fatalf("the reply is not one Correspond by agent1 in RT: %+v", c)
	}
	if c := txnsWith(hist, "Comment", note); len(c) != 1 || c[0].Creator != "agent1" {
		t.Fatalf("the note is not one Comment by agent1 in RT: %+v", c)
	}
	if c := txnsWith(hist, "Comment", reply); len(c) != 0 {
		t.Fatalf("the reply was also sent as a comment: %+v", c)
	}
	if c := txnsWith(hist, "Correspond", note); len(c) != 0 {
		t.Fatal("the internal note was sent to the requester as correspondence")
	}

	theirReply := "agent2 here: the new profile is on the share. " + tag
	theirNote := "agent2 internal: user is on the beta channel. " + tag
	agent2.correspond(t, remote, theirReply)
	agent2.comment(t, remote, theirNote)
	res := mustSync(t, d)
	if res.Pulled < 1 || res.Sent != 0 {
		t.Fatalf("sync after agent2's messages: %+v", res)
	}
	conv, err := d.Conversation(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		body   string
		kind   helpdesk.CommentKind
		author string
	}{
		{"Since the client update.", helpdesk.Reply, "agent1"},
		{reply, helpdesk.Reply, "agent1"},
		{note, helpdesk.Note, "agent1"},
		{theirReply, helpdesk.Reply, "agent2"},
		{theirNote, helpdesk.Note, "agent2"},
	}
	if len(conv) != len(want) {
		t.Fatalf("the desk's conversation has %d entries, want %d: %+v", len(conv), len(want), conv)
	}
	for i, w := range want {
		c := conv[i]
		if c.Body != w.body || c.Kind != w.kind || c.Author != w.author || c.Pending || c.RemoteID == 0 {
			t.Errorf("conversation[%d] = %+v, want %s by %s: %q", i, c, w.kind, w.author, w.body)
		}
	}

	// Two of the five are internal: a requester's desk hides them.
	notes := slices.DeleteFunc(slices.Clone(conv), func(c helpdesk.Comment) bool { return !c.Internal() })
	if len(notes) != 2 {
		t.Fatalf("internal notes: %+v", notes)
	}
}

// txnsWith returns the transactions of a type whose text is body.
func txnsWith(h []rtTxn, typ, body string) []rtTxn {
	var out []rtTxn
	for _, tx := range h {
		if tx.Type == typ && tx.Content == body {
			out = append(out, tx)
		}
	}
	return out
}

// mustOne returns the only id of a search.
func mustOne(t testing.TB, ids []uint64) uint64 {
	t.Helper()
	if len(ids) != 1 {
		t.Fatalf("want exactly one ticket, RT has %v", ids)
	}
	return ids[0]
}
