package rt

import (
	"encoding/base64"
	"strings"

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
