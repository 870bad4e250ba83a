package helpdesk

import (
	"errors"
	"testing"
)

func TestAttachmentLimitsAndSizes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KB", 3000: "3.0 KB",
		MaxAttachmentSize: "10.0 MB", MaxAttachmentSize + 1: "10.1 MB", 3 << 30: "3.0 GB"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
	ok := Attachment{Name: "shot.png", Type: "image/png", Size: MaxAttachmentSize}
	if err := ok.Validate(); err != nil {
		t.Errorf("a file at the limit: %v", err)
	}
	for _, a := range []Attachment{
		{Name: "big.iso", Size: MaxAttachmentSize + 1},
		{Name: "", Size: 1},
		{Name: "../etc/passwd", Size: 1},
		{Name: "a\nb", Size: 1},
		{Name: "empty.txt", Size: 0},
	} {
		if err := a.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", a, err)
		}
	}
	m := Mutation{Kind: MutStatus, ClientID: "c", Author: "a", Status: StatusOpen, Attachments: []Attachment{ok}}
	if err := m.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("files on a status change: %v", err)
	}
	m = Mutation{Kind: MutReply, ClientID: "c", Author: "a", Body: "see", Attachments: []Attachment{ok, ok, ok}}
	if err := m.Validate(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("30 MB of files: %v", err)
	}
	c, _ := Mutation{Kind: MutReply, ClientID: "c", Author: "a", Body: "see", Attachments: []Attachment{ok}}.Comment()
	if len(c.Attachments) != 1 || c.Attachments[0].Name != "shot.png" {
		t.Errorf("the reply's comment lists %+v", c.Attachments)
	}
}
