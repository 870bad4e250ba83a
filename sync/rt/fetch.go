package rt

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// Fetch returns one ticket's current state and conversation. Its version
// is RT's ETag for the ticket. A deleted ticket, and one merged into
// another, is sync.ErrNotFound.
func (c *Client) Fetch(ctx context.Context, remoteID uint64) (tsync.Remote, error) {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return tsync.Remote{}, err
	}
	tj, etag, err := c.getTicket(ctx, remoteID)
	if err != nil {
		return tsync.Remote{}, err
	}
	if uint64(tj.ID) != remoteID {
		return tsync.Remote{}, fmt.Errorf("rt: ticket %d was merged into #%d: %w", remoteID, tj.ID, tsync.ErrNotFound)
	}
	if tj.Status == statusDeleted {
		return tsync.Remote{}, fmt.Errorf("rt: ticket %d was deleted: %w", remoteID, tsync.ErrNotFound)
	}
	convs, err := c.conversations(ctx, s, "ObjectId = "+strconv.FormatUint(remoteID, 10))
	if err != nil {
		return tsync.Remote{}, err
	}
	r, err := c.remote(ctx, s, tj, cfValue(tj.CustomFields, s.tierField), convs[remoteID])
	if err != nil {
		return tsync.Remote{}, err
	}
	if etag != "" {
		r.Ticket.Version = etag
	}
	r.Ticket.ClientRef = cfValue(tj.CustomFields, s.refField)
	return r, nil
}

// getTicket reads one full ticket record and its ETag (quotes removed).
// RT loads a merged ticket's id as the ticket it was merged into, so the
// record's id may differ from the one asked for.
func (c *Client) getTicket(ctx context.Context, id uint64) (ticketJSON, string, error) {
	var tj ticketJSON
	resp, err := c.get(ctx, fmt.Sprintf("read ticket %d", id), "/ticket/"+strconv.FormatUint(id, 10), nil, &tj)
	if err != nil {
		return ticketJSON{}, "", err
	}
	if tj.ID == 0 {
		return ticketJSON{}, "", &tsync.ProtocolError{What: fmt.Sprintf("read ticket %d", id), Err: fmt.Errorf("the answer has no ticket id")}
	}
	return tj, etagValue(resp.Header().Get("ETag")), nil
}

// etagValue strips the quotes (and a weak marker) from an ETag header, so
// versions compare as plain transaction ids.
func etagValue(h string) string {
	h = strings.TrimSpace(h)
	h = strings.TrimPrefix(h, "W/")
	return strings.Trim(h, `"`)
}
