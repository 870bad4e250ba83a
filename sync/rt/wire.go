package rt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// flexID is a record id. RT writes it as a number in a record and as a
// string in collections (trap 7), so it accepts both.
type flexID uint64

// UnmarshalJSON accepts 12, "12" and null (zero).
func (f *flexID) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("id %s: %w", b, err)
	}
	*f = flexID(n)
	return nil
}

// flexString is a scalar RT may write as a string or a number (Priority is
// a string, ids vary with the endpoint).
type flexString string

// UnmarshalJSON accepts a string, a number or null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	*f = flexString(n.String())
	return nil
}

// ref is RT's pointer to another record: users by name, queues and tickets
// by numeric id (trap 7), always with a type.
type ref struct {
	ID   flexString `json:"id"`
	Type string     `json:"type"`
}

// refList is a role (Requestor, Cc) that RT writes as a list of refs, or as
// a single ref or "" for some roles.
type refList []ref

// UnmarshalJSON accepts a list of refs, one ref, "" or null.
func (l *refList) UnmarshalJSON(b []byte) error {
	t := bytes.TrimSpace(b)
	switch {
	case len(t) == 0 || bytes.Equal(t, []byte("null")) || bytes.Equal(t, []byte(`""`)):
		*l = nil
		return nil
	case t[0] == '{':
		var r ref
		if err := json.Unmarshal(t, &r); err != nil {
			return err
		}
		*l = refList{r}
		return nil
	}
	var rs []ref
	if err := json.Unmarshal(t, &rs); err != nil {
		return err
	}
	*l = rs
	return nil
}

// cfValues is one custom field of a record, as fields=CustomFields lists it.
type cfValues struct {
	ID     flexString        `json:"id"`
	Name   string            `json:"name"`
	Values []json.RawMessage `json:"values"` // strings, or objects for files and images
}

// first returns the field's first text value, "" if none.
func (c cfValues) first() string {
	for _, v := range c.Values {
		var s string
		if json.Unmarshal(v, &s) == nil && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// ticketJSON is the part of an RT ticket Tierdesk reads.
type ticketJSON struct {
	ID           flexID     `json:"id"`
	Subject      string     `json:"Subject"`
	Status       string     `json:"Status"`
	Priority     flexString `json:"Priority"`
	Queue        ref        `json:"Queue"`
	Owner        ref        `json:"Owner"`
	Requestor    refList    `json:"Requestor"`
	Created      string     `json:"Created"`
	LastUpdated  string     `json:"LastUpdated"`
	Due          string     `json:"Due"`
	CustomFields []cfValues `json:"CustomFields"`
}

// txnJSON is one transaction of the change feed or of a ticket's history.
//
// A transaction carries both "type" (the record kind, "transaction") and
// "Type" (what happened). encoding/json matches keys case-insensitively but
// prefers an exact match, so the record kind has a field of its own:
// without it, "type" would fill Type whenever RT wrote it after "Type"
// (RT's key order is random). A custom decoder that looked keys up exactly
// through a map of raw values was 8 % of the client's CPU in an initial
// sync (a CPU profile of BenchmarkInitialSync).
type txnJSON struct {
	ID       flexID `json:"id"`
	ObjectID flexID `json:"ObjectId"`
	Type     string `json:"Type"`
	Field    string `json:"Field"` // what a "Set" or "CustomField" transaction changed
	Creator  ref    `json:"Creator"`
	Created  string `json:"Created"`
	Record   string `json:"type"` // "transaction"; see above
}

// attachmentJSON is one MIME part of a transaction.
type attachmentJSON struct {
	ID            flexID `json:"id"`
	TransactionID flexID `json:"TransactionId"`
	ContentType   string `json:"ContentType"`
	Filename      string `json:"Filename"`
	Content       string `json:"Content"`
}

// queueJSON is a queue as /queues/all and /queue/:id describe it.
type queueJSON struct {
	ID   flexID `json:"id"`
	Name string `json:"Name"`
}

// customFieldJSON is a custom field as /customfields lists it.
type customFieldJSON struct {
	ID         flexID     `json:"id"`
	Name       string     `json:"Name"`
	LookupType string     `json:"LookupType"`
	Disabled   flexString `json:"Disabled"`
}

// userJSON is the part of a user record Check reads.
type userJSON struct {
	ID         flexID     `json:"id"`
	Name       string     `json:"Name"`
	RealName   string     `json:"RealName"`
	Privileged flexString `json:"Privileged"`
	Disabled   flexString `json:"Disabled"`
}

// page is RT's collection envelope. Total and Pages are null for users who
// may not see every row (RT filters some rows after the SQL query), which
// is why the callers never trust a short page to be the last.
type page[T any] struct {
	Count   flexInt  `json:"count"`
	Total   *flexInt `json:"total"`
	Page    flexInt  `json:"page"`
	Pages   *flexInt `json:"pages"` // a float ("0.0") when there are none
	PerPage flexInt  `json:"per_page"`
	Items   []T      `json:"items"`
}

// flexInt is a count RT may write as a float: Perl's ceil() gives 0.0.
type flexInt int

// UnmarshalJSON accepts 3, 3.0 and "3".
func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "null" || s == "" {
		*f = 0
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("count %s: %w", b, err)
	}
	*f = flexInt(v)
	return nil
}
