package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/localdb/fts"
)

func TestHighlighted(t *testing.T) {
	s := "Reset  the\nVPN client, then\treconnect"
	vpn := 11 // byte offset of "VPN"
	segs := highlighted(s, []fts.Span{{Start: vpn, End: vpn + 3}, {Start: 28, End: 37}}, widget.RichTextStyleInline)
	type seg struct {
		text string
		bold bool
	}
	var got []seg
	for _, g := range segs {
		ts := g.(*widget.TextSegment)
		got = append(got, seg{ts.Text, ts.Style.TextStyle.Bold})
	}
	want := []seg{{"Reset the ", false}, {"VPN", true}, {" client, then ", false}, {"reconnect", true}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("segment %d: got %+v, want %+v (all %+v)", i, got[i], want[i], got)
		}
	}
	if one := highlighted("", nil, widget.RichTextStyleInline); len(one) != 1 {
		t.Fatalf("empty text: %d segments", len(one))
	}
}
