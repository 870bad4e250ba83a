package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// File is an attachment's bytes on their way to the server.
type File struct {
	Name string
	Type string // MIME type
	Data []byte
}

// files reads the attachments of m from the store. A file that is missing
// or no longer matches its checksum cannot be sent as the user attached
// it, so the action is refused (parked) rather than sent without it.
func (e *Engine) files(m helpdesk.Mutation) ([]File, error) {
	if len(m.Attachments) == 0 {
		return nil, nil
	}
	out := make([]File, 0, len(m.Attachments))
	for _, a := range m.Attachments {
		b, err := e.store.Attachment(a.Blob)
		if err != nil {
			return nil, &RefusedError{Message: fmt.Sprintf("the attached file %s could not be read on this device: %v", a.Name, err)}
		}
		if sum := sha256.Sum256(b); a.SHA256 != "" && hex.EncodeToString(sum[:]) != a.SHA256 {
			return nil, &RefusedError{Message: fmt.Sprintf("the attached file %s is damaged on this device (checksum mismatch)", a.Name)}
		}
		out = append(out, File{Name: a.Name, Type: a.Type, Data: b})
	}
	return out, nil
}
