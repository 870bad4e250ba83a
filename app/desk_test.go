package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

var fixed = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

func openTestDesk(t *testing.T, me Identity) *Desk {
	t.Helper()
	d, err := OpenDesk(t.TempDir(), Options{Account: "Test", Me: me, Clock: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

var alex = Identity{Name: "alex", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}

func TestDeskActionsAndViews(t *testing.T) {
	d := openTestDesk(t, alex)
	changes, stop := d.Subscribe()
	defer stop()

	tk, err := d.CreateTicket(NewTicket{Subject: "  Laptop won't boot after BIOS update ", Description: "Black screen.",
		Requester: "dana", Priority: helpdesk.PriorityHigh, Tier: helpdesk.L1})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Subject != "Laptop won't boot after BIOS update" || tk.Requester != "dana" || tk.ClientRef == "" ||
		!tk.Created.Equal(fixed) || tk.Ref() != "new-1" {
		t.Fatalf("created %+v", tk)
	}
	if c := <-changes; len(c.Tickets) != 1 || c.Tickets[0] != tk.ID || !c.Outbox {
		t.Fatalf("change %+v", c)
	}

	if got := d.Tickets(ViewMyTier.Filter(alex)); len(got) != 1 {
		t.Fatalf("L1 queue has %d", len(got))
	}
	if _, err := d.Take(tk.ID); err != nil {
		t.Fatal(err)
	}
	if got := d.Tickets(ViewAssigned.Filter(alex)); len(got) != 1 || got[0].Owner != "alex" {
		t.Fatalf("assigned view %v", got)
	}
	if _, err := d.Reply(tk.ID, "Can you hold the power button for 30 s?"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Note(tk.ID, "Known issue with BIOS 1.14"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Escalate(tk.ID, helpdesk.L2, ""); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("escalate without note: %v", err)
	}
	esc, err := d.Escalate(tk.ID, helpdesk.L2, "Needs a BIOS rollback; L1 can't flash.")
	if err != nil || esc.Tier != helpdesk.L2 || !esc.Unowned() {
		t.Fatalf("escalate: %+v %v", esc, err)
	}
	if got := d.Tickets(ViewMyTier.Filter(alex)); len(got) != 0 {
		t.Fatal("escalated ticket still in the L1 queue")
	}
	if _, err := d.Deescalate(tk.ID, helpdesk.L1, "Rolled back; user needs data restored."); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetStatus(tk.ID, helpdesk.StatusResolved); err != nil {
		t.Fatal(err)
	}

	conv, err := d.Conversation(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []helpdesk.CommentKind{}
	for _, c := range conv {
		kinds = append(kinds, c.Kind)
	}
	want := []helpdesk.CommentKind{helpdesk.Reply, helpdesk.Reply, helpdesk.Note, helpdesk.Note, helpdesk.Note}
	if len(kinds) != len(want) {
		t.Fatalf("conversation kinds %v", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("conversation kinds %v, want %v", kinds, want)
		}
	}
	if !strings.Contains(conv[3].Body, "Escalated L1 → L2") || conv[0].Author != "alex" {
		t.Fatalf("conversation %+v", conv)
	}

	ob, err := d.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ob {
		got = append(got, string(m.Kind))
		if m.Author != "alex" || m.ClientID == "" || m.TicketID != tk.ID {
			t.Fatalf("mutation %+v", m)
		}
	}
	if strings.Join(got, ",") != "create,take,reply,note,escalate,deescalate,status" {
		t.Fatalf("outbox order %v", got)
	}
	if st := d.State(); st.Unsent != 7 || st.Online || st.Account != "Test" {
		t.Fatalf("state %+v", st)
	}
}

func TestDeskRejectsBadInput(t *testing.T) {
	d := openTestDesk(t, alex)
	if _, err := d.CreateTicket(NewTicket{Subject: " "}); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("blank subject: %v", err)
	}
	if _, err := d.Reply(42, "hello"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown ticket: %v", err)
	}
	if d.State().Unsent != 0 || d.Count() != 0 {
		t.Fatal("refused input left traces")
	}
	if _, err := OpenDesk(t.TempDir(), Options{Me: Identity{Name: "", Role: helpdesk.RoleTechnician}}); !errors.Is(err, helpdesk.ErrInvalid) {
		t.Fatalf("nameless identity: %v", err)
	}
}

func TestFeedNeverBlocksAndCoalesces(t *testing.T) {
	var f feed
	ch, stop := f.subscribe()
	for range 100 {
		f.publish(Change{Tickets: []uint64{1}})
	}
	sawAll := false
	for len(ch) > 0 {
		if c := <-ch; c.All {
			sawAll = true
		}
	}
	if !sawAll {
		t.Fatal("an overflowing subscriber was not told to reload everything")
	}
	stop()
	stop()              // idempotent
	f.publish(Change{}) // no subscribers: must not panic
	if _, ok := <-ch; ok {
		t.Fatal("channel not closed")
	}
}

func TestRequesterRole(t *testing.T) {
	dana := Identity{Name: "dana", Role: helpdesk.RoleRequester, Tier: helpdesk.L0}
	d := openTestDesk(t, dana)
	own, err := d.CreateTicket(NewTicket{Subject: "Printer eats paper", Description: "Every second page."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Reply(own.ID, "It also smells burnt."); err != nil {
		t.Fatalf("requester reply on own ticket: %v", err)
	}
	for name, f := range map[string]func() error{
		"note":     func() error { _, err := d.Note(own.ID, "x"); return err },
		"escalate": func() error { _, err := d.Escalate(own.ID, helpdesk.L2, "x"); return err },
		"take":     func() error { _, err := d.Take(own.ID); return err },
		"status":   func() error { _, err := d.SetStatus(own.ID, helpdesk.StatusResolved); return err },
	} {
		if err := f(); !errors.Is(err, ErrNotAllowed) {
			t.Errorf("requester %s: %v, want ErrNotAllowed", name, err)
		}
	}
	other, err := d.CreateTicket(NewTicket{Subject: "Someone else's", Requester: "sam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Reply(other.ID, "me too"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("reply on someone else's ticket: %v", err)
	}
}

func TestEntriesBeingSentCannotBeChanged(t *testing.T) {
	d := openTestDesk(t, alex)
	tk, err := d.CreateTicket(NewTicket{Subject: "Being sent"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Reply(tk.ID, "first text"); err != nil {
		t.Fatal(err)
	}
	ob, _ := d.Outbox()
	if err := d.store.Advance(ob[1].Seq, helpdesk.Attempted); err != nil {
		t.Fatal(err)
	}
	if err := d.EditUnsent(ob[1].Seq, "second text"); !errors.Is(err, ErrSending) {
		t.Fatalf("edit while sending: %v", err)
	}
	if err := d.Discard(ob[1].Seq); !errors.Is(err, ErrSending) {
		t.Fatalf("discard while sending: %v", err)
	}
	if err := d.EditUnsent(ob[0].Seq, "a better description"); err != nil {
		t.Fatalf("editing an unsent create's description: %v", err)
	}
	if d.IsDemo() {
		t.Fatal("a test desk is not the demo")
	}
}
