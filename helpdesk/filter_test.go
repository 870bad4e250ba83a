package helpdesk

import "testing"

func TestMatcherAll(t *testing.T) {
	for _, f := range []Filter{{}, {Text: "  "}, {Text: "#"}} {
		if m := f.Matcher(); !m.All() {
			t.Errorf("%+v: All false for a filter that narrows nothing", f)
		}
	}
	for _, f := range []Filter{{Tiers: []Tier{L1}}, {Statuses: []Status{StatusOpen}}, {ActiveOnly: true},
		{Owner: "a"}, {Unowned: true}, {Requester: "r"}, {Queue: "q"}, {Text: "vpn"}} {
		if m := f.Matcher(); m.All() {
			t.Errorf("%+v: All true for a filter that narrows", f)
		}
	}
}
