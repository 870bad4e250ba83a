package localdb

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func openTest(t testing.TB, dir string, o Options) *Store {
	t.Helper()
	s, err := Open(dir, o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var clientSeq int

func mut(kind helpdesk.MutationKind, ticket uint64) helpdesk.Mutation {
	clientSeq++
	return helpdesk.Mutation{
		Kind: kind, TicketID: ticket, ClientID: fmt.Sprintf("c%d", clientSeq),
		Author: "alex", Created: t0.Add(time.Duration(clientSeq) * time.Minute),
	}
}

func create(t testing.TB, s *Store, subject string, tier helpdesk.Tier) helpdesk.Ticket {
	t.Helper()
	m := mut(helpdesk.MutCreate, 0)
	m.Ticket = &helpdesk.Ticket{Subject: subject, Requester: "dana", Status: helpdesk.StatusNew,
		Tier: tier, Created: m.Created, Updated: m.Created}
	m.Body = "It broke."
	_, tk, err := s.Apply(m)
	if err != nil {
		t.Fatalf("create %q: %v", subject, err)
	}
	return tk
}

func outbox(t testing.TB, s *Store) []helpdesk.Mutation {
	t.Helper()
	var out []helpdesk.Mutation
	for m, err := range s.Outbox() {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func comments(t testing.TB, s *Store, id uint64) []helpdesk.Comment {
	t.Helper()
	var out []helpdesk.Comment
	for c, err := range s.Comments(id) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func TestApplyIsOneTransactionWithOutboxAndComment(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tk := create(t, s, "VPN drops hourly", helpdesk.L1)
	if tk.ID != 1 || tk.Status != helpdesk.StatusNew {
		t.Fatalf("created %+v", tk)
	}
	m := mut(helpdesk.MutEscalate, tk.ID)
	m.Tier, m.Body = helpdesk.L2, "Reproduced on two laptops; needs the firewall team."
	got, tk2, err := s.Apply(m)
	if err != nil {
		t.Fatal(err)
	}
	if tk2.Tier != helpdesk.L2 || got.FromTier != helpdesk.L1 || got.Seq != 2 || got.State != helpdesk.StatePending {
		t.Fatalf("escalate: ticket %+v mutation %+v", tk2, got)
	}
	ob := outbox(t, s)
	if len(ob) != 2 || ob[0].Kind != helpdesk.MutCreate || ob[1].Kind != helpdesk.MutEscalate || s.Pending() != 2 {
		t.Fatalf("outbox %+v pending %d", ob, s.Pending())
	}
	cs := comments(t, s, tk.ID)
	if len(cs) != 2 || cs[0].Kind != helpdesk.Reply || cs[1].Kind != helpdesk.Note ||
		!strings.Contains(cs[1].Body, "L1 → L2") || !cs[1].Pending {
		t.Fatalf("comments %+v", cs)
	}
	if sum, ok := s.Summary(tk.ID); !ok || sum.Tier != helpdesk.L2 {
		t.Fatalf("index not updated: %+v", sum)
	}
}

func TestInvalidActionChangesNothing(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tk := create(t, s, "Printer offline", helpdesk.L2)
	for name, m := range map[string]helpdesk.Mutation{
		"escalate down": func() helpdesk.Mutation {
			m := mut(helpdesk.MutEscalate, tk.ID)
			m.Tier, m.Body = helpdesk.L1, "x"
			return m
		}(),
		"no hand-off note": func() helpdesk.Mutation { m := mut(helpdesk.MutEscalate, tk.ID); m.Tier = helpdesk.L3; return m }(),
		"empty reply":      mut(helpdesk.MutReply, tk.ID),
		"same status": func() helpdesk.Mutation {
			m := mut(helpdesk.MutStatus, tk.ID)
			m.Status = helpdesk.StatusNew
			return m
		}(),
	} {
		if _, _, err := s.Apply(m); !errors.Is(err, helpdesk.ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", name, err)
		}
	}
	m := mut(helpdesk.MutReply, 999)
	m.Body = "hello"
	if _, _, err := s.Apply(m); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown ticket: %v", err)
	}
	if len(outbox(t, s)) != 1 || s.Pending() != 1 || len(comments(t, s, tk.ID)) != 1 {
		t.Fatalf("refused actions left traces")
	}
	// The counters did not advance either: the next action gets the next ids.
	m = mut(helpdesk.MutNote, tk.ID)
	m.Body = "checked the spooler"
	got, _, err := s.Apply(m)
	if err != nil || got.Seq != 2 {
		t.Fatalf("seq after refusals = %d, %v", got.Seq, err)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	key := []byte("0123456789abcdef0123456789abcdef")
	s, err := Open(dir, Options{EncryptionKey: key})
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "Outlook stuck working offline", helpdesk.L1)
	b := create(t, s, "Disk full on build server", helpdesk.L3)
	m := mut(helpdesk.MutTake, a.ID)
	if _, _, err := s.Apply(m); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting("rules", map[string]int{"lead": 30}); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(Batch{Articles: []helpdesk.Article{{Title: "Reset MFA", Body: "# Steps", Category: "Accounts"}},
		Cursors: map[string]string{"tickets": "1234"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openTest(t, dir, Options{EncryptionKey: key})
	if s.Len() != 2 || s.Pending() != 3 {
		t.Fatalf("after reopen: %d tickets, %d pending", s.Len(), s.Pending())
	}
	got, err := s.Ticket(a.ID)
	if err != nil || got.Owner != "alex" {
		t.Fatalf("ticket a: %+v %v", got, err)
	}
	if list := s.Query(helpdesk.Filter{Tiers: []helpdesk.Tier{helpdesk.L3}}); len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("query L3: %v", list)
	}
	var rules map[string]int
	if ok, err := s.Setting("rules", &rules); !ok || err != nil || rules["lead"] != 30 {
		t.Fatalf("setting: %v %v %v", rules, ok, err)
	}
	if c, _ := s.Cursor("tickets"); c != "1234" {
		t.Fatalf("cursor %q", c)
	}
	if art, err := s.Article(1); err != nil || art.Title != "Reset MFA" {
		t.Fatalf("article %+v %v", art, err)
	}
	// New ids continue after the old ones.
	c := create(t, s, "New one", helpdesk.L1)
	if c.ID != 3 {
		t.Fatalf("id after reopen = %d", c.ID)
	}
}

func TestEncryptionKeyIsRequired(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{EncryptionKey: []byte("0123456789abcdef")})
	if err != nil {
		t.Fatal(err)
	}
	create(t, s, "Secret subject", helpdesk.L1)
	s.Close()
	if _, err := Open(dir, Options{EncryptionKey: []byte("fedcba9876543210")}); !errors.Is(err, ErrBadKey) {
		t.Fatalf("wrong key: %v, want ErrBadKey", err)
	}
	if _, err := Open(dir, Options{EncryptionKey: []byte("short")}); !errors.Is(err, ErrBadKey) {
		t.Fatalf("short key: %v", err)
	}
	if s, err := Open(dir, Options{}); err == nil {
		s.Close()
		t.Fatal("opened an encrypted store without its key")
	}
}

func TestNewerSchemaIsRefusedAndMigrationsRun(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	create(t, s, "Old ticket", helpdesk.L1)
	s.Close()

	// A build with the next schema migrates the store once.
	defer func(v int, m []migration) { storeSchema, migrations = v, m }(storeSchema, migrations)
	own := migrations
	storeSchema = schemaVersion + 1
	runs := 0
	migrations = append(slices.Clone(own), migration{From: schemaVersion, Run: func(txn *badger.Txn) error {
		runs++
		return txn.Set(nameKey(kindSetting, "migrated"), []byte{schemaVersion, '1'})
	}})
	s2 := openTest(t, dir, Options{})
	var v int
	if ok, err := s2.Setting("migrated", &v); !ok || err != nil || v != 1 || runs != 1 {
		t.Fatalf("migration: ok=%v err=%v v=%d runs=%d", ok, err, v, runs)
	}
	s2.Close()
	s3 := openTest(t, dir, Options{})
	s3.Close()
	if runs != 1 {
		t.Fatalf("migration ran %d times", runs)
	}

	// This build refuses the migrated store rather than misread it.
	storeSchema, migrations = schemaVersion, own
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("open newer store: %v", err)
	}
}

func TestQueryFiltersAndOrder(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	vpn := create(t, s, "VPN drops hourly", helpdesk.L1)
	create(t, s, "Printer jam", helpdesk.L1)
	mfa := create(t, s, "MFA token lost", helpdesk.L2)
	// Newest first.
	all := s.Query(helpdesk.Filter{})
	if len(all) != 3 || all[0].ID != mfa.ID || all[2].ID != vpn.ID {
		t.Fatalf("order: %v", ids(all))
	}
	// An action moves the ticket to the top.
	m := mut(helpdesk.MutReply, vpn.ID)
	m.Body = "Which client version?"
	if _, _, err := s.Apply(m); err != nil {
		t.Fatal(err)
	}
	if top := s.Query(helpdesk.Filter{})[0]; top.ID != vpn.ID || top.Status != helpdesk.StatusOpen {
		t.Fatalf("after reply top = %+v", top)
	}
	if got := s.Query(helpdesk.Filter{Text: "vpn", Tiers: []helpdesk.Tier{helpdesk.L1}}); len(got) != 1 || got[0].ID != vpn.ID {
		t.Fatalf("text+tier: %v", ids(got))
	}
	if got := s.Query(helpdesk.Filter{Text: "#"}); len(got) != 3 {
		t.Fatalf("bare # matched %d", len(got))
	}
	if got := s.Query(helpdesk.Filter{Statuses: []helpdesk.Status{helpdesk.StatusNew}}); len(got) != 2 {
		t.Fatalf("status new: %v", ids(got))
	}
}

func TestWriteSplitsLargeBatches(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	var b Batch
	body := strings.Repeat("log line that repeats\n", 200)
	for i := 1; i <= 2000; i++ {
		b.Tickets = append(b.Tickets, helpdesk.Ticket{ID: uint64(i), RemoteID: uint64(i), Subject: fmt.Sprintf("ticket %d", i),
			Requester: "r", Status: helpdesk.StatusOpen, Updated: t0.Add(time.Duration(i) * time.Second)})
		b.Comments = append(b.Comments, helpdesk.Comment{TicketID: uint64(i), Body: body})
	}
	b.Cursors = map[string]string{"feed": "2000"}
	if err := s.Write(b); err != nil {
		t.Fatal(err)
	}
	if s.Len() != 2000 || len(comments(t, s, 1500)) != 1 {
		t.Fatalf("len %d", s.Len())
	}
	if c, _ := s.Cursor("feed"); c != "2000" {
		t.Fatalf("cursor %q", c)
	}
	if tk := create(t, s, "after import", helpdesk.L1); tk.ID != 2001 {
		t.Fatalf("id after import %d", tk.ID)
	}
}

func ids(ts []*helpdesk.Ticket) []uint64 {
	out := make([]uint64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}
