package localdb

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Tickets and comments, the records a large store holds hundreds of
// thousands of, are stored in a compact binary form rather than JSON.
// Opening a 100,000-ticket store spent 90 % of its CPU in
// encoding/json.Unmarshal (1.1 of 2.9 CPU-s before the first frame,
// BENCHMARKS.md); this form decodes about ten times faster and is a third
// smaller. Each value starts with a tag byte above every schema version
// this codec was written for, so a build that predates it refuses the
// value with ErrNewerSchema instead of misreading it, and values written
// as JSON by earlier builds are still read (decode falls back to JSON).
const (
	tagTicket  = 0x80 | 2 // binary ticket, schema 2
	tagComment = 0x90 | 2 // binary comment, schema 2
)

// maxTimeBinary bounds a time's MarshalBinary output (16 bytes in Go 1.26).
const maxTimeBinary = 32

func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	// AppendBinary keeps the zone offset, as RFC 3339 in JSON did, so a
	// ticket reads back equal to what was written.
	start := len(b)
	b = append(b, 0)
	b, err := t.AppendBinary(b)
	if err != nil {
		// Only a zone offset that is not a whole minute fails; store the
		// instant in UTC rather than lose the record.
		b, _ = t.UTC().AppendBinary(b[:start+1])
	}
	b[start] = byte(len(b) - start - 1)
	return b
}

// appendTicket encodes t after a tag byte.
func appendTicket(b []byte, t *helpdesk.Ticket) []byte {
	b = append(b, tagTicket)
	b = appendUvarint(b, t.ID)
	b = appendUvarint(b, t.RemoteID)
	b = append(b, byte(t.Priority), byte(t.Tier))
	b = appendString(b, t.ClientRef)
	b = appendString(b, t.Subject)
	b = appendString(b, t.Requester)
	b = appendString(b, t.Owner)
	b = appendString(b, string(t.Status))
	b = appendString(b, t.Queue)
	b = appendString(b, t.Version)
	b = appendTime(b, t.Created)
	b = appendTime(b, t.Updated)
	return appendTime(b, t.Due)
}

// appendComment encodes c after a tag byte.
func appendComment(b []byte, c *helpdesk.Comment) []byte {
	b = append(b, tagComment)
	b = appendUvarint(b, c.ID)
	b = appendUvarint(b, c.TicketID)
	b = appendUvarint(b, c.RemoteID)
	pending := byte(0)
	if c.Pending {
		pending = 1
	}
	b = append(b, byte(c.Kind), pending)
	b = appendString(b, c.Author)
	b = appendString(b, c.Body)
	b = appendTime(b, c.Created)
	b = appendUvarint(b, uint64(len(c.Attachments)))
	for _, a := range c.Attachments {
		b = appendString(b, a.Name)
		b = appendString(b, a.Type)
		b = appendUvarint(b, uint64(a.Size))
		b = appendString(b, a.SHA256)
		b = appendUvarint(b, a.Blob)
		b = appendUvarint(b, a.RemoteID)
	}
	return b
}

// reader decodes the binary form. The first malformed field sets err and
// every later read returns zero values, so a decoder reads all its fields
// and checks err once; nothing it reads can index out of range. It reads
// from a string so that the strings it returns are cut from it: one
// allocation per record (newReader's copy), or none when the caller
// already holds the record as part of a larger string (the summary
// snapshot's chunks).
type reader struct {
	rest string // what is left to read
	err  error
}

func newReader(b []byte) reader { return reader{rest: string(b)} }

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: truncated or malformed %s", ErrCorrupt, what)
	}
	r.rest = ""
}

// uvarint is binary.Uvarint over a string.
func (r *reader) uvarint(what string) uint64 {
	var x uint64
	var shift uint
	for i := 0; i < len(r.rest) && i < binary.MaxVarintLen64; i++ {
		c := r.rest[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflows 64 bits
			}
			r.rest = r.rest[i+1:]
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	r.fail(what)
	return 0
}

func (r *reader) byte(what string) byte {
	if len(r.rest) == 0 {
		r.fail(what)
		return 0
	}
	v := r.rest[0]
	r.rest = r.rest[1:]
	return v
}

func (r *reader) string(what string) string {
	n := r.uvarint(what)
	if n > uint64(len(r.rest)) {
		r.fail(what)
		return ""
	}
	v := r.rest[:n]
	r.rest = r.rest[n:]
	return v
}

func (r *reader) time(what string) time.Time {
	n := int(r.byte(what))
	if n > len(r.rest) || n > maxTimeBinary {
		r.fail(what)
		return time.Time{}
	}
	var buf [maxTimeBinary]byte
	copy(buf[:], r.rest[:n])
	var t time.Time
	if err := t.UnmarshalBinary(buf[:n]); err != nil {
		r.fail(what)
		return time.Time{}
	}
	r.rest = r.rest[n:]
	return t
}

func (r *reader) end(what string) error {
	if r.err == nil && len(r.rest) != 0 {
		r.fail(what + " (trailing bytes)")
	}
	return r.err
}

// decodeTicket reads a ticket in the binary form (b starts with tagTicket).
func decodeTicket(b []byte, t *helpdesk.Ticket) error {
	return readTicket(newReader(b[1:]), t)
}

// readTicket reads a ticket's fields after its tag byte; its strings are
// cut from r.s.
func readTicket(r reader, t *helpdesk.Ticket) error {
	*t = helpdesk.Ticket{
		ID:       r.uvarint("ticket id"),
		RemoteID: r.uvarint("ticket remote id"),
		Priority: helpdesk.Priority(r.byte("ticket priority")),
		Tier:     helpdesk.Tier(r.byte("ticket tier")),
	}
	t.ClientRef = r.string("ticket client ref")
	t.Subject = r.string("ticket subject")
	t.Requester = r.string("ticket requester")
	t.Owner = r.string("ticket owner")
	t.Status = helpdesk.Status(r.string("ticket status"))
	t.Queue = r.string("ticket queue")
	t.Version = r.string("ticket version")
	t.Created = r.time("ticket created")
	t.Updated = r.time("ticket updated")
	t.Due = r.time("ticket due")
	return r.end("ticket")
}

// decodeComment reads a comment in the binary form (b starts with tagComment).
func decodeComment(b []byte, c *helpdesk.Comment) error {
	r := newReader(b[1:])
	*c = helpdesk.Comment{
		ID:       r.uvarint("comment id"),
		TicketID: r.uvarint("comment ticket id"),
		RemoteID: r.uvarint("comment remote id"),
		Kind:     helpdesk.CommentKind(r.byte("comment kind")),
	}
	switch r.byte("comment pending") {
	case 0:
	case 1:
		c.Pending = true
	default:
		r.fail("comment pending")
	}
	c.Author = r.string("comment author")
	c.Body = r.string("comment body")
	c.Created = r.time("comment created")
	n := r.uvarint("comment attachment count")
	if n > uint64(len(r.rest)) { // each attachment takes at least one byte
		r.fail("comment attachment count")
		n = 0
	}
	for range n {
		a := helpdesk.Attachment{
			Name: r.string("attachment name"),
			Type: r.string("attachment type"),
			Size: int64(r.uvarint("attachment size")),
		}
		a.SHA256 = r.string("attachment sha256")
		a.Blob = r.uvarint("attachment blob")
		a.RemoteID = r.uvarint("attachment remote id")
		if r.err != nil {
			break
		}
		c.Attachments = append(c.Attachments, a)
	}
	return r.end("comment")
}
