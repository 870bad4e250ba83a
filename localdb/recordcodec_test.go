package localdb

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func sampleRecords() (helpdesk.Ticket, helpdesk.Comment) {
	paris := time.FixedZone("", 3600)
	t := helpdesk.Ticket{
		ID: 7, RemoteID: 1234567, ClientRef: "td-ref-1", Subject: "VPN drops — héllo ✓",
		Requester: "ana@example.com", Owner: "agent1", Status: helpdesk.StatusOpen,
		Priority: helpdesk.Priority(3), Tier: helpdesk.L2, Queue: "General",
		Created: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
		Updated: time.Date(2026, 1, 3, 3, 4, 5, 0, paris),
		Version: `"etag-1"`,
	}
	c := helpdesk.Comment{
		ID: 9, TicketID: 7, RemoteID: 88, Kind: helpdesk.Note, Author: "agent1",
		Body: "line one\nline two", Created: time.Date(2026, 1, 3, 3, 4, 5, 0, paris), Pending: true,
		Attachments: []helpdesk.Attachment{
			{Name: "a.png", Type: "image/png", Size: 1234, SHA256: "ab12", Blob: 3},
			{Name: "b.log", Type: "text/plain", Size: 9, RemoteID: 77},
		},
	}
	return t, c
}

// sameTime compares times the way a round trip must keep them: the same
// instant and the same zone offset.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}

func TestRecordCodecRoundTrip(t *testing.T) {
	tk, c := sampleRecords()
	for _, want := range []helpdesk.Ticket{tk, {}, {ID: 1, Subject: "x", Due: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		b, err := encode(want)
		if err != nil {
			t.Fatal(err)
		}
		if b[0] != tagTicket {
			t.Fatalf("ticket written with tag %#x", b[0])
		}
		var got helpdesk.Ticket
		if err := decode(b, &got); err != nil {
			t.Fatal(err)
		}
		if !sameTime(got.Created, want.Created) || !sameTime(got.Updated, want.Updated) || !sameTime(got.Due, want.Due) {
			t.Fatalf("times: got %v %v %v, want %v %v %v", got.Created, got.Updated, got.Due, want.Created, want.Updated, want.Due)
		}
		got.Created, got.Updated, got.Due = want.Created, want.Updated, want.Due
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("ticket: got %+v, want %+v", got, want)
		}
	}
	b, err := encode(&c)
	if err != nil {
		t.Fatal(err)
	}
	var got helpdesk.Comment
	if err := decode(b, &got); err != nil {
		t.Fatal(err)
	}
	if !sameTime(got.Created, c.Created) {
		t.Fatalf("comment created %v, want %v", got.Created, c.Created)
	}
	got.Created = c.Created
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("comment: got %+v, want %+v", got, c)
	}
	// A ticket is not read as a comment, nor the reverse.
	tb, _ := encode(tk)
	if err := decode(tb, &got); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("ticket read as comment: %v", err)
	}
}

// Values written by schema 1 (JSON) are still read.
func TestRecordCodecReadsSchemaOneJSON(t *testing.T) {
	tk, c := sampleRecords()
	for _, v := range []any{tk, c} {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		old := append([]byte{1}, j...)
		switch v := v.(type) {
		case helpdesk.Ticket:
			var got helpdesk.Ticket
			if err := decode(old, &got); err != nil || got.Subject != v.Subject || !got.Updated.Equal(v.Updated) {
				t.Fatalf("schema 1 ticket: %+v, %v", got, err)
			}
		case helpdesk.Comment:
			var got helpdesk.Comment
			if err := decode(old, &got); err != nil || got.Body != v.Body || len(got.Attachments) != 2 {
				t.Fatalf("schema 1 comment: %+v, %v", got, err)
			}
		}
	}
}

// Every truncation and random damage of a record is an error or a
// record, never a panic, and a truncated one is always an error.
func TestRecordCodecRefusesDamage(t *testing.T) {
	tk, c := sampleRecords()
	tb, _ := encode(tk)
	cb, _ := encode(c)
	for _, b := range [][]byte{tb, cb} {
		for n := 1; n < len(b); n++ {
			var gt helpdesk.Ticket
			var gc helpdesk.Comment
			var err error
			if b[0] == tagTicket {
				err = decode(b[:n], &gt)
			} else {
				err = decode(b[:n], &gc)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%d of %d bytes: %v, want ErrCorrupt", n, len(b), err)
			}
		}
		r := rand.New(rand.NewPCG(1, 2))
		for range 5000 {
			d := append([]byte(nil), b...)
			for range 1 + r.IntN(4) {
				d[1+r.IntN(len(d)-1)] = byte(r.Uint32())
			}
			var gt helpdesk.Ticket
			var gc helpdesk.Comment
			_ = decode(d, &gt)
			_ = decode(d, &gc)
		}
	}
}

func BenchmarkDecodeTicket(b *testing.B) {
	tk, _ := sampleRecords()
	bin, _ := encode(tk)
	j, _ := json.Marshal(tk)
	js := append([]byte{1}, j...)
	b.Run("binary", func(b *testing.B) {
		for b.Loop() {
			var t helpdesk.Ticket
			if err := decode(bin, &t); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(bin)), "bytes")
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			var t helpdesk.Ticket
			if err := decode(js, &t); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(js)), "bytes")
	})
}
