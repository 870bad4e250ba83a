package helpdesk

import (
	"strings"
	"testing"
)

// The filter text matches a ticket's reference without formatting it for
// every ticket; the result must be what matching Ref() gives.
func TestFilterMatchesReferences(t *testing.T) {
	tickets := []Ticket{{ID: 4, Subject: "Printer"}, {ID: 7, RemoteID: 120, Subject: "VPN"}, {ID: 9, RemoteID: 3, Subject: "Dock 120"}}
	for _, text := range []string{"12", "#12", "#120", "new-4", "W-4", "new", "4", "#", "3", "printer", "n", "e-", "#3", "new-7", "120"} {
		m := Filter{Text: text}.Matcher()
		for i := range tickets {
			tk := &tickets[i]
			want := strings.Contains(strings.ToLower(tk.Subject), strings.ToLower(text)) ||
				strings.Contains(tk.Ref(), strings.ToLower(text)) || text == "#"
			if got := m.Match(tk, strings.ToLower(tk.Subject)); got != want {
				t.Errorf("text %q on %s %q: match %v, want %v", text, tk.Ref(), tk.Subject, got, want)
			}
		}
	}
}
