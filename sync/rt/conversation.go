package rt

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// conversation is what a ticket's transactions tell: its comments and its
// version (the newest transaction id the user may see, which is what RT's
// ETag is).
type conversation struct {
	version  uint64
	comments []helpdesk.Comment
	// The newest transactions that moved the ticket to another queue and
	// that set the tier field: when both say a tier, the later one wins
	// (an agent moving a ticket in RT's queue menu leaves the field as it
	// was).
	queueSet, tierSet uint64
}

// queueIsNewer reports whether the ticket's queue changed after its tier
// field did.
func (cv *conversation) queueIsNewer() bool { return cv != nil && cv.queueSet > cv.tierSet }

// txnFields is what is needed of each transaction: its ticket, kind, the
// field it changed, author and time.
const txnFields = "ObjectId,Type,Field,Creator,Created"

// conversations reads the transactions matching txnScope (a
// TransactionSQL condition on ObjectId) in bulk, then the bodies of the
// replies and notes among them, and groups both by ticket. A few requests
// serve a whole page of tickets, instead of three per ticket.
//
// Merged tickets keep their old transactions under their old id, so the
// conversation of a ticket others were merged into lacks theirs.
func (c *Client) conversations(ctx context.Context, s *schema, txnScope string) (map[uint64]*conversation, error) {
	txns, err := collect[txnJSON](ctx, c, request{
		op: "read ticket transactions", method: "GET", path: "/transactions",
		query: url.Values{
			"query":   {"ObjectType = 'RT::Ticket' AND " + txnScope},
			"fields":  {txnFields},
			"orderby": {"id"},
		},
	}, MaxPageSize, nil)
	if err != nil {
		return nil, err
	}
	out := map[uint64]*conversation{}
	var bodies []uint64
	for _, tx := range txns {
		cv := out[uint64(tx.ObjectID)]
		if cv == nil {
			cv = &conversation{}
			out[uint64(tx.ObjectID)] = cv
		}
		cv.version = max(cv.version, uint64(tx.ID))
		switch {
		case tx.Type == "Set" && tx.Field == "Queue":
			cv.queueSet = max(cv.queueSet, uint64(tx.ID))
		case tx.Type == "CustomField" && s.tierFieldID != 0 && tx.Field == strconv.FormatUint(s.tierFieldID, 10):
			cv.tierSet = max(cv.tierSet, uint64(tx.ID))
		}
		if _, ok := commentKind(tx.Type); ok {
			bodies = append(bodies, uint64(tx.ID))
		}
	}
	text, withFiles, err := c.bodies(ctx, bodies)
	if err != nil {
		return nil, err
	}
	files, err := c.files(ctx, withFiles)
	if err != nil {
		return nil, err
	}
	for _, tx := range txns {
		kind, ok := commentKind(tx.Type)
		body := text[uint64(tx.ID)]
		attached := files[uint64(tx.ID)]
		if !ok || (strings.TrimSpace(body) == "" && len(attached) == 0) {
			continue // a ticket created without a description, say
		}
		cv := out[uint64(tx.ObjectID)]
		cv.comments = append(cv.comments, helpdesk.Comment{
			RemoteID: uint64(tx.ID),
			Kind:     kind,
			Author:   userName(tx.Creator),
			Body:     body,
			Created:  timeFromRT(tx.Created),

			Attachments: attached,
		})
	}
	for _, cv := range out {
		slices.SortFunc(cv.comments, func(a, b helpdesk.Comment) int {
			return cmp.Compare(a.RemoteID, b.RemoteID)
		})
	}
	return out, nil
}

// commentKind says which transactions are conversation: the creation
// message and correspondence are what the requester sees, comments are
// internal.
func commentKind(txnType string) (helpdesk.CommentKind, bool) {
	switch txnType {
	case "Create", "Correspond":
		return helpdesk.Reply, true
	case "Comment":
		return helpdesk.Note, true
	}
	return 0, false
}

// bodyChunk bounds how many transactions one attachment search names.
const bodyChunk = 200

// bodies returns the text of each transaction: its first text/plain part
// that is not a file, else its first text/html part made plain. In a
// collection RT gives Content as text; only /attachment/:id would give
// base64, and it is never asked. It also returns the transactions that may
// carry files (a multipart message, or a text part with a file name), so
// that only those are asked for their files: most messages are one plain
// part.
func (c *Client) bodies(ctx context.Context, txns []uint64) (map[uint64]string, []uint64, error) {
	out := map[uint64]string{}
	var withFiles []uint64
	seenFiles := map[uint64]bool{}
	for len(txns) > 0 {
		n := min(len(txns), bodyChunk)
		chunk := txns[:n]
		txns = txns[n:]
		ids := make([]string, len(chunk))
		for i, id := range chunk {
			ids[i] = strconv.FormatUint(id, 10)
		}
		// The ContentType limit keeps files (images, logs) out of the
		// answer; the body is JSON because IN needs a list (RT's JSON query).
		// Multipart roots come too (their Content is empty): they say which
		// messages may have files.
		query := []map[string]any{
			{"field": "TransactionId", "operator": "IN", "value": chunk},
			{"field": "ContentType", "operator": "LIKE", "value": "text/"},
			{"field": "ContentType", "operator": "LIKE", "value": "multipart/", "entry_aggregator": "OR"},
		}
		wanted := len(chunk)
		// Each transaction asked for has at least one part, so with more
		// than a page of them the pages they fill are asked for at once.
		parts, err := collectExpecting[attachmentJSON](ctx, c, request{
			op: "read message bodies", method: "POST", path: "/attachments",
			// Asking for Parent as well would make RT 5.0.3 fail with 500.
			query: url.Values{"fields": {"TransactionId,ContentType,Filename,Content"}, "orderby": {"id"}},
			body:  query,
		}, MaxPageSize, wanted, func(got []attachmentJSON) bool {
			// Every transaction asked for has a part: nothing is left.
			seen := map[flexID]bool{}
			for _, a := range got {
				seen[a.TransactionID] = true
			}
			return len(seen) >= wanted
		})
		if err != nil {
			return nil, nil, err
		}
		html := map[uint64]string{}
		for _, a := range parts {
			id := uint64(a.TransactionID)
			ct := strings.ToLower(strings.TrimSpace(strings.SplitN(a.ContentType, ";", 2)[0]))
			if (a.Filename != "" || strings.HasPrefix(ct, "multipart/")) && !seenFiles[id] {
				seenFiles[id] = true
				withFiles = append(withFiles, id)
			}
			if a.Filename != "" {
				continue
			}
			switch {
			case ct == "text/plain":
				if _, ok := out[id]; !ok {
					out[id] = strings.TrimRight(a.Content, "\r\n")
				}
			case ct == "text/html":
				if _, ok := html[id]; !ok {
					html[id] = htmlText(a.Content)
				}
			}
		}
		for id, t := range html {
			if _, ok := out[id]; !ok {
				out[id] = t
			}
		}
	}
	return out, withFiles, nil
}
