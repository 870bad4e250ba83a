package rt

import (
	"context"
	"errors"
	"net/http"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// load reads the tickets with the given ids in bulk. Those the search does
// not return are read one by one to learn why: deleted (trap 5: searches
// skip them), gone, hidden from the user, or merged into another ticket,
// which is then loaded in their place.
func (c *Client) load(ctx context.Context, ids []uint64) ([]tsync.Remote, []uint64, error) {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return nil, nil, err
	}
	p, err := c.searchTickets(ctx, s, sqlIDs("id", ids), MaxPageSize)
	if err != nil {
		return nil, nil, err
	}
	found := map[uint64]bool{}
	for _, tj := range p.Items {
		found[uint64(tj.ID)] = true
	}
	tickets, err := c.remotes(ctx, s, p.Items, sqlIDs("id", ids), sqlIDs("ObjectId", ids))
	if err != nil {
		return nil, nil, err
	}
	var deleted []uint64
	for _, id := range ids {
		if found[id] {
			continue
		}
		deleted = append(deleted, id)
		into, err := c.mergedInto(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if into == 0 || found[into] {
			continue
		}
		found[into] = true
		r, err := c.Fetch(ctx, into)
		if errors.Is(err, tsync.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		tickets = append(tickets, r)
	}
	return tickets, deleted, nil
}

// mergedInto tells, for a ticket a search did not return, which ticket it
// was merged into; 0 when it is simply gone for this user (deleted, never
// there, or not to be seen).
func (c *Client) mergedInto(ctx context.Context, id uint64) (uint64, error) {
	tj, _, err := c.getTicket(ctx, id)
	var refused *tsync.RefusedError
	switch {
	case errors.Is(err, tsync.ErrNotFound),
		errors.As(err, &refused) && refused.Status == http.StatusForbidden:
		return 0, nil
	case err != nil:
		return 0, err
	case uint64(tj.ID) != id && tj.Status != statusDeleted:
		return uint64(tj.ID), nil
	}
	return 0, nil
}
