package localdb

import (
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// ApplyPull indexes the conversation from the records in hand rather than
// reading it back; the index must still hold exactly what the store holds:
// the unsent reply kept over the pull, the server's new comment, and not
// the server comment the new snapshot no longer has.
func TestPullIndexesTheStoredConversation(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	waitSearch(t, s)
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "1", "The screen flickers.", "Tried the walrus cable.")}}); err != nil {
		t.Fatal(err)
	}
	id, ok := s.LocalID(90)
	if !ok {
		t.Fatal("remote id not mapped")
	}
	r := mut(helpdesk.MutReply, id)
	r.Body = "Swapping the zanzibar adapter."
	if _, _, err := s.Apply(r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(90, "Dock flickers", helpdesk.L1, helpdesk.StatusOpen, "2", "The screen flickers.", "Firmware quokka fixed it.")}}); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]bool{"zanzibar": true, "quokka": true, "flickers": true, "walrus": false} {
		if got := found(s.Search(fts.Query{Text: word, Exact: true}), fts.KindTicket, id); got != want {
			t.Errorf("search %q finds the ticket: %v, want %v", word, got, want)
		}
	}
}
