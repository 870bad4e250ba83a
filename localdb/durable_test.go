package localdb

import (
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// TestDurableWritesSync checks the durability split write by write: every
// user action, outbox change, article save, alert and setting syncs before
// it returns; a pulled page does not, and Flush does. A crash test cannot
// show this (a killed process leaves the page cache to be written), so the
// syncs are counted.
func TestDurableWritesSync(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	step := func(name string, want int64, f func() error) {
		t.Helper()
		before := s.syncs.Load()
		if err := f(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := s.syncs.Load() - before; got != want {
			t.Fatalf("%s synced %d times, want %d", name, got, want)
		}
	}
	var tk helpdesk.Ticket
	step("create", 1, func() (err error) {
		m := mut(helpdesk.MutCreate, 0)
		m.Ticket = &helpdesk.Ticket{Subject: "Printer", Requester: "dana", Status: helpdesk.StatusNew, Tier: helpdesk.L1}
		m.Body = "It broke."
		_, tk, err = s.Apply(m)
		return err
	})
	var reply helpdesk.Mutation
	step("reply", 1, func() (err error) {
		m := mut(helpdesk.MutReply, tk.ID)
		m.Body = "On it."
		reply, _, err = s.Apply(m)
		return err
	})
	step("reply with a file", 1, func() error {
		m := mut(helpdesk.MutReply, tk.ID)
		m.Body = "Log attached."
		m.Attachments = []helpdesk.Attachment{{Name: "log.txt", Type: "text/plain"}}
		_, _, err := s.ApplyWith(m, [][]byte{[]byte("abc")})
		return err
	})
	step("advance", 1, func() error { return s.Advance(reply.Seq, helpdesk.NotSent+1) })
	step("park", 1, func() error { return s.Park(reply.Seq, helpdesk.StateFailed, "refused") })
	step("edit", 2, func() error { _, err := s.Edit(reply.Seq, "On it now."); return err }) // the entry, then its comment
	step("acknowledge", 1, func() error {
		_, err := s.Acknowledge(1, &helpdesk.Snapshot{Ticket: helpdesk.Ticket{RemoteID: 500, Subject: "Printer", Requester: "dana", Status: helpdesk.StatusNew, Tier: helpdesk.L1, Version: "v1"}})
		return err
	})
	step("discard", 1, func() error { _, err := s.Discard(reply.Seq); return err })
	step("setting", 1, func() error { return s.SetSetting("theme", "dark") })
	step("alert", 1, func() error { _, _, err := s.RecordAlert(helpdesk.Alert{Key: "k1", Title: "New ticket"}); return err })
	step("alert read", 1, func() error { return s.UpdateAlert(helpdesk.Alert{ID: 1, Key: "k1", Title: "New ticket", Read: true}) })
	step("mark seen", 1, func() error { return s.MarkSeen([]string{"k2", "k3"}) })
	step("article", 1, func() error {
		_, _, err := s.ApplyArticle(articleMut(helpdesk.MutArticleCreate, helpdesk.Article{Title: "VPN", Body: "Reconnect.", Category: "Network"}))
		return err
	})
	step("batch", 1, func() error {
		return s.Write(Batch{Tickets: []helpdesk.Ticket{{Subject: "Imported", Tier: helpdesk.L2, Status: helpdesk.StatusOpen}}})
	})

	step("pulled page", 0, func() error {
		_, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(600, "Pulled", helpdesk.L1, helpdesk.StatusOpen, "v1", "hello")},
			Cursors: map[string]string{"tickets": "1"}})
		return err
	})
	step("pulled articles", 0, func() error {
		_, err := s.ApplyArticlePull(helpdesk.ArticlePull{Articles: []helpdesk.Article{{RemoteID: 70, Title: "Wi-Fi", Body: "Forget the network.", Category: "Network", Version: "1"}},
			Cursors: map[string]string{"articles": "1"}})
		return err
	})
	step("flush", 1, s.Flush)
	step("flush with nothing pulled since", 0, s.Flush)
	step("another pulled page", 0, func() error {
		_, err := s.ApplyPull(helpdesk.Pull{Snapshots: []helpdesk.Snapshot{snap(4242, "Later page", helpdesk.L1, helpdesk.StatusOpen, "1")}})
		return err
	})
	step("flush of that page", 1, s.Flush)

	// NoSync never syncs, not even on Flush.
	ns := openTest(t, t.TempDir(), Options{NoSync: true})
	create(t, ns, "Quiet", helpdesk.L1)
	if err := ns.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := ns.syncs.Load(); n != 0 {
		t.Fatalf("a NoSync store synced %d times", n)
	}
}
