package helpdesk

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Attachment limits. RT refuses files over its MaxAttachmentSize (10 MiB by
// default) and the local store keeps each file as one value, which must
// fit a 16 MiB value-log file; the total keeps one action's upload (sent
// base64, a third larger) within what a proxy in front of the server is
// likely to accept.
const (
	MaxAttachmentSize  = 10 << 20 // bytes per file
	MaxAttachments     = 10       // files per action
	MaxAttachmentTotal = 25 << 20 // bytes per action
)

// ErrTooLarge marks a file or set of files over the attachment limits; it
// comes wrapped together with ErrInvalid.
var ErrTooLarge = errors.New("too large")

// Attachment is a file added to a new ticket or a reply. Until the action
// reaches the server its bytes live in the local store under Blob; a file
// pulled from the server has RemoteID instead and its bytes stay there.
type Attachment struct {
	Name     string `json:"name"`
	Type     string `json:"type"` // MIME type, e.g. image/png
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256,omitempty"`    // hex digest of the bytes, set by the store
	Blob     uint64 `json:"blob,omitempty"`      // local copy of the bytes, until sent
	RemoteID uint64 `json:"remote_id,omitempty"` // the server's attachment id
}

// Validate checks one attachment's name and size.
func (a Attachment) Validate() error {
	name := strings.TrimSpace(a.Name)
	switch {
	case name == "":
		return fmt.Errorf("%w: an attachment has no file name", ErrInvalid)
	case len(a.Name) > 255 || !utf8.ValidString(a.Name):
		return fmt.Errorf("%w: attachment name %q is not a valid file name", ErrInvalid, excerpt(a.Name, 40))
	case strings.ContainsAny(a.Name, `/\`) || strings.IndexFunc(a.Name, unicode.IsControl) >= 0:
		return fmt.Errorf("%w: attachment name %q must be a plain file name", ErrInvalid, a.Name)
	case a.Size <= 0:
		// RT refuses an attachment without content.
		return fmt.Errorf("%w: %s is empty", ErrInvalid, a.Name)
	case a.Size > MaxAttachmentSize:
		return fmt.Errorf("%w: %w: %s is %s; the limit is %s per file", ErrInvalid, ErrTooLarge, a.Name, ByteSize(a.Size), ByteSize(MaxAttachmentSize))
	}
	return nil
}

// validateAttachments checks the files of one action.
func validateAttachments(kind MutationKind, as []Attachment) error {
	if len(as) == 0 {
		return nil
	}
	if kind != MutCreate && kind != MutReply {
		return fmt.Errorf("%w: files can be attached to a new ticket or a reply only", ErrInvalid)
	}
	if len(as) > MaxAttachments {
		return fmt.Errorf("%w: %w: %d files attached; the limit is %d", ErrInvalid, ErrTooLarge, len(as), MaxAttachments)
	}
	var total int64
	for _, a := range as {
		if err := a.Validate(); err != nil {
			return err
		}
		total += a.Size
	}
	if total > MaxAttachmentTotal {
		return fmt.Errorf("%w: %w: the files come to %s; the limit is %s in all", ErrInvalid, ErrTooLarge, ByteSize(total), ByteSize(MaxAttachmentTotal))
	}
	return nil
}

// ByteSize formats a number of bytes for people: "512 B", "1.5 MB"
// (binary units, as file managers on most desktops show them). It rounds
// up, so a file one byte over a limit never reads as the limit itself.
func ByteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", math.Ceil(float64(n)/float64(div)*10)/10, "KMGTPE"[exp])
}
