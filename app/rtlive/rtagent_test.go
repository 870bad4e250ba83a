package rtlive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rtUser is "another agent": a plain net/http REST2 client, independent of
// sync/rt, used to change tickets behind the desk's back and to check what
// RT really holds. root sees every ticket and gets totals in searches.
type rtUser struct {
	name, password string
	base           string // .../REST/2.0
	http           *http.Client
}

func asUser(name string) *rtUser {
	pw := srv.AgentPassword
	if name == "root" {
		pw = srv.RootPassword
	}
	return &rtUser{name: name, password: pw, base: strings.TrimRight(srv.URL, "/") + "/REST/2.0", http: &http.Client{Timeout: 60 * time.Second}}
}

// call sends one request; body is JSON-encoded unless nil.
func (u *rtUser) call(t testing.TB, method, path string, q url.Values, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	target := u.base + path
	if q != nil {
		target += "?" + q.Encode()
	}
	req, err := http.NewRequest(method, target, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(u.name, u.password)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, path, u.name, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s as %s: reading the answer: %v", method, path, u.name, err)
	}
	return resp.StatusCode, b
}

// must sends a request, insists on the status and decodes the answer.
func (u *rtUser) must(t testing.TB, want int, method, path string, q url.Values, body, out any) {
	t.Helper()
	code, b := u.call(t, method, path, q, body)
	if code != want {
		t.Fatalf("%s %s as %s: HTTP %d (want %d): %s", method, path, u.name, code, want, snip(b))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s as %s: %v in %s", method, path, u.name, err, snip(b))
		}
	}
}

func snip(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// id reads RT's ids, numbers in records and strings in collections.
type id uint64

func (i *id) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*i = 0
		return nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	*i = id(n)
	return err
}

type rtRef struct {
	ID string `json:"id"`
}

func (r *rtRef) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	r.ID = strings.Trim(string(raw.ID), `"`)
	return nil
}

// rtTicket is what the tests read of an RT ticket.
type rtTicket struct {
	ID           id      `json:"id"`
	Subject      string  `json:"Subject"`
	Status       string  `json:"Status"`
	Queue        rtRef   `json:"Queue"`
	Owner        rtRef   `json:"Owner"`
	Requestor    []rtRef `json:"Requestor"`
	CustomFields []struct {
		Name   string            `json:"name"`
		Values []json.RawMessage `json:"values"`
	} `json:"CustomFields"`
}

// cf is the first value of a custom field.
func (t rtTicket) cf(name string) string {
	for _, f := range t.CustomFields {
		if strings.EqualFold(f.Name, name) {
			for _, v := range f.Values {
				var s string
				if json.Unmarshal(v, &s) == nil {
					return s
				}
			}
		}
	}
	return ""
}

// ticket reads one ticket.
func (u *rtUser) ticket(t testing.TB, n uint64) rtTicket {
	t.Helper()
	var tk rtTicket
	u.must(t, 200, "GET", "/ticket/"+strconv.FormatUint(n, 10), nil, nil, &tk)
	return tk
}

// queueID returns the id of a queue by name.
func (u *rtUser) queueID(t testing.TB, name string) string {
	t.Helper()
	var q struct {
		ID id `json:"id"`
	}
	u.must(t, 200, "GET", "/queue/"+url.PathEscape(name), nil, nil, &q)
	return strconv.FormatUint(uint64(q.ID), 10)
}

type collection[T any] struct {
	Items []T `json:"items"`
	Total *int
	Pages *float64
}

// search returns the ids of the tickets matching a TicketSQL query, every
// page of them, in id order.
func (u *rtUser) search(t testing.TB, sql string) []uint64 {
	t.Helper()
	var out []uint64
	for page := 1; page < 1000; page++ {
		var c collection[struct {
			ID id `json:"id"`
		}]
		u.must(t, 200, "GET", "/tickets", url.Values{"query": {sql}, "orderby": {"id"}, "per_page": {"100"},
			"page": {strconv.Itoa(page)}}, nil, &c)
		for _, it := range c.Items {
			out = append(out, uint64(it.ID))
		}
		if len(c.Items) == 0 || (c.Pages != nil && page >= int(*c.Pages)) {
			return out
		}
	}
	t.Fatalf("search %q: too many pages", sql)
	return nil
}

// count returns how many tickets match a TicketSQL query (root only: RT
// leaves the total out for users who are not superusers).
func (u *rtUser) count(t testing.TB, sql string) int {
	t.Helper()
	var c collection[json.RawMessage]
	u.must(t, 200, "GET", "/tickets", url.Values{"query": {sql}, "per_page": {"1"}}, nil, &c)
	if c.Total == nil {
		t.Fatalf("search %q as %s: no total", sql, u.name)
	}
	return *c.Total
}

// bySubject returns the tickets with exactly this subject.
func (u *rtUser) bySubject(t testing.TB, subject string) []uint64 {
	t.Helper()
	return u.search(t, "Subject = "+sqlQuote(subject))
}

func sqlQuote(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// create files a ticket as this user and returns its id.
func (u *rtUser) create(t testing.TB, fields map[string]any) uint64 {
	t.Helper()
	var r struct {
		ID id `json:"id"`
	}
	u.must(t, 201, "POST", "/ticket", nil, fields, &r)
	if r.ID == 0 {
		t.Fatalf("create %v: no id", fields)
	}
	return uint64(r.ID)
}

// update changes ticket fields and returns RT's messages. RT reports
// refusals inside its 200 answer, so callers check the outcome.
func (u *rtUser) update(t testing.TB, n uint64, fields map[string]any) []string {
	t.Helper()
	var msgs []string
	u.must(t, 200, "PUT", "/ticket/"+strconv.FormatUint(n, 10), nil, fields, &msgs)
	return msgs
}

// correspond and comment add a reply and an internal note as this user.
func (u *rtUser) correspond(t testing.TB, n uint64, text string) {
	t.Helper()
	u.must(t, 201, "POST", fmt.Sprintf("/ticket/%d/correspond", n), nil,
		map[string]string{"Content": text, "ContentType": "text/plain"}, nil)
}

func (u *rtUser) comment(t testing.TB, n uint64, text string) {
	t.Helper()
	u.must(t, 201, "POST", fmt.Sprintf("/ticket/%d/comment", n), nil,
		map[string]string{"Content": text, "ContentType": "text/plain"}, nil)
}

// rtTxn is one entry of a ticket's history.
type rtTxn struct {
	ID      id     `json:"id"`
	Type    string `json:"-"`
	Creator string `json:"-"`
	Field   string `json:"-"`
	NewVal  string `json:"-"`
	Content string `json:"-"` // the text/plain body of a Correspond, Comment or Create
}

// history reads a ticket's transactions, with the bodies of the messages.
// The transaction record carries "type" and "Type" both, so it is decoded
// by hand (Go's JSON matching is case-insensitive).
func (u *rtUser) history(t testing.TB, n uint64) []rtTxn {
	t.Helper()
	var out []rtTxn
	for page := 1; page < 100; page++ {
		var c collection[map[string]json.RawMessage]
		u.must(t, 200, "GET", fmt.Sprintf("/ticket/%d/history", n), url.Values{
			"fields": {"Type,Creator,Field,NewValue"}, "per_page": {"100"}, "page": {strconv.Itoa(page)}}, nil, &c)
		for _, it := range c.Items {
			var tx rtTxn
			_ = json.Unmarshal(it["id"], &tx.ID)
			_ = json.Unmarshal(it["Type"], &tx.Type)
			_ = json.Unmarshal(it["Field"], &tx.Field)
			_ = json.Unmarshal(it["NewValue"], &tx.NewVal)
			var cr rtRef
			if json.Unmarshal(it["Creator"], &cr) == nil {
				tx.Creator = cr.ID
			}
			switch tx.Type {
			case "Correspond", "Comment", "Create":
				tx.Content = u.txnText(t, uint64(tx.ID))
			}
			out = append(out, tx)
		}
		if len(c.Items) == 0 || (c.Pages != nil && page >= int(*c.Pages)) {
			break
		}
	}
	return out
}

// txnText is the first text/plain part of a transaction.
func (u *rtUser) txnText(t testing.TB, txn uint64) string {
	t.Helper()
	var c collection[struct {
		ContentType string `json:"ContentType"`
		Content     string `json:"Content"`
	}]
	u.must(t, 200, "GET", fmt.Sprintf("/transaction/%d/attachments", txn), url.Values{
		"fields": {"ContentType,Content"}, "per_page": {"100"}}, nil, &c)
	for _, a := range c.Items {
		if strings.HasPrefix(strings.ToLower(a.ContentType), "text/plain") {
			return strings.TrimRight(a.Content, "\r\n")
		}
	}
	return ""
}

// correspondCounts maps each of the tickets to how many Correspond
// transactions it has.
func (u *rtUser) correspondCounts(t testing.TB, tickets []uint64) map[uint64]int {
	t.Helper()
	out := map[uint64]int{}
	if len(tickets) == 0 {
		return out
	}
	ids := make([]string, len(tickets))
	for i, n := range tickets {
		ids[i] = "ObjectId = " + strconv.FormatUint(n, 10)
	}
	q := "ObjectType = 'RT::Ticket' AND Type = 'Correspond' AND (" + strings.Join(ids, " OR ") + ")"
	for page := 1; page < 1000; page++ {
		var c collection[struct {
			ObjectID id `json:"ObjectId"`
		}]
		u.must(t, 200, "GET", "/transactions", url.Values{"query": {q}, "fields": {"ObjectId"}, "orderby": {"id"},
			"per_page": {"100"}, "page": {strconv.Itoa(page)}}, nil, &c)
		for _, it := range c.Items {
			out[uint64(it.ObjectID)]++
		}
		if len(c.Items) == 0 || (c.Pages != nil && page >= int(*c.Pages)) {
			break
		}
	}
	return out
}
