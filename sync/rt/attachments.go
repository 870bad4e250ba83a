package rt

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// attachmentJSONIn is one file as REST2 takes it on ticket create,
// correspond and comment: RT refuses the message (400) if any field is
// empty.
type attachmentJSONIn struct {
	FileName    string `json:"FileName"`
	FileType    string `json:"FileType"`
	FileContent string `json:"FileContent"` // base64
}

func attachmentsJSON(files []tsync.File) []attachmentJSONIn {
	out := make([]attachmentJSONIn, len(files))
	for i, f := range files {
		typ := strings.TrimSpace(f.Type)
		if typ == "" {
			typ = "application/octet-stream"
		}
		out[i] = attachmentJSONIn{FileName: f.Name, FileType: typ, FileContent: base64.StdEncoding.EncodeToString(f.Data)}
	}
	return out
}

// fileJSON is a file part of a message as /attachments lists it.
type fileJSON struct {
	ID            flexID     `json:"id"`
	TransactionID flexID     `json:"TransactionId"`
	ContentType   string     `json:"ContentType"`
	Filename      string     `json:"Filename"`
	ContentLength flexString `json:"ContentLength"`
}

// files lists the files (parts with a file name) of each transaction, not
// their content: the conversation shows names and sizes, and the bytes
// stay on the server until someone opens one.
func (c *Client) files(ctx context.Context, txns []uint64) (map[uint64][]helpdesk.Attachment, error) {
	out := map[uint64][]helpdesk.Attachment{}
	for len(txns) > 0 {
		n := min(len(txns), bodyChunk)
		chunk := txns[:n]
		txns = txns[n:]
		query := []map[string]any{
			{"field": "TransactionId", "operator": "IN", "value": chunk},
			{"field": "Filename", "operator": "!=", "value": ""},
		}
		parts, err := collect[fileJSON](ctx, c, request{
			op: "list attached files", method: "POST", path: "/attachments",
			query: url.Values{"fields": {"TransactionId,ContentType,Filename,ContentLength"}, "orderby": {"id"}},
			body:  query,
		}, MaxPageSize, func([]fileJSON) bool {
			// The transactions asked for are ones this user was shown, so
			// RT hides none of their files: a short page is the last.
			return true
		})
		if err != nil {
			return nil, err
		}
		for _, p := range parts {
			size, _ := strconv.ParseInt(strings.TrimSpace(string(p.ContentLength)), 10, 64)
			id := uint64(p.TransactionID)
			out[id] = append(out[id], helpdesk.Attachment{
				Name:     p.Filename,
				Type:     strings.TrimSpace(strings.SplitN(p.ContentType, ";", 2)[0]),
				Size:     size,
				RemoteID: uint64(p.ID),
			})
		}
	}
	return out, nil
}

// AttachmentContent downloads one attached file's bytes (RT sends them
// base64 in JSON), to open a file pulled with a conversation.
func (c *Client) AttachmentContent(ctx context.Context, id uint64) ([]byte, error) {
	var a struct {
		Content string `json:"Content"`
	}
	op := fmt.Sprintf("download attachment %d", id)
	if _, err := c.do(ctx, request{op: op, method: "GET", path: "/attachment/" + strconv.FormatUint(id, 10), out: &a}); err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(a.Content))
	if err != nil {
		return nil, &tsync.ProtocolError{What: op, Err: err}
	}
	return b, nil
}
