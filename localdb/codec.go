package localdb

import (
	"encoding/json"
	"fmt"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// schemaVersion is the version of the value encoding this build writes. Bump
// it with a migration in migrate.go whenever a stored shape changes.
// Version 2 stores tickets and comments in binary (recordcodec.go).
const schemaVersion = 2

// encode prefixes the JSON of v with the schema version so a value can be
// recognised, and upgraded, long after it was written. Tickets and
// comments take the binary form instead.
func encode(v any) ([]byte, error) {
	switch r := v.(type) {
	case *helpdesk.Ticket:
		return appendTicket(make([]byte, 0, 128+len(r.Subject)), r), nil
	case helpdesk.Ticket:
		return appendTicket(make([]byte, 0, 128+len(r.Subject)), &r), nil
	case *helpdesk.Comment:
		return appendComment(make([]byte, 0, 64+len(r.Author)+len(r.Body)), r), nil
	case helpdesk.Comment:
		return appendComment(make([]byte, 0, 64+len(r.Author)+len(r.Body)), &r), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, schemaVersion)
	return append(out, b...), nil
}

// decode is the inverse of encode; it refuses values from a newer build.
func decode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty value", ErrCorrupt)
	}
	switch b[0] {
	case tagTicket:
		t, ok := v.(*helpdesk.Ticket)
		if !ok {
			return fmt.Errorf("%w: a ticket where %T was expected", ErrCorrupt, v)
		}
		return decodeTicket(b, t)
	case tagComment:
		c, ok := v.(*helpdesk.Comment)
		if !ok {
			return fmt.Errorf("%w: a comment where %T was expected", ErrCorrupt, v)
		}
		return decodeComment(b, c)
	}
	if b[0] > schemaVersion {
		return fmt.Errorf("%w: value has schema %d, this build reads up to %d", ErrNewerSchema, b[0], schemaVersion)
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}
