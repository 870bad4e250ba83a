package rt

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// Create files t in its tier's queue with description as the first message
// and ref in the reference custom field, then reads it back for its
// version.
//
// RT refuses to create a ticket straight into stalled (trap 9), and a
// ticket created resolved or rejected would skip RT's own rules for closing
// one, so those statuses are set by a second request. If that one fails,
// the ticket exists anyway: the Remote returned beside the error is valid
// (RemoteID set), so the caller does not file it twice. The same holds when
// RT quietly drops the requester or the owner (see dropped).
func (c *Client) Create(ctx context.Context, t helpdesk.Ticket, description, ref string, files ...tsync.File) (tsync.Remote, error) {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return tsync.Remote{}, err
	}
	queue, ok := s.queueFor(t.Tier)
	if !ok {
		return tsync.Remote{}, &tsync.RefusedError{Message: fmt.Sprintf(
			"RT has no queue for tier %s or above (name queues L1..L3, or map queues to tiers in the account settings)", t.Tier)}
	}
	body := map[string]any{
		"Queue":     queue,
		"Subject":   t.Subject,
		"Requestor": t.Requester,
		"Priority":  priorityToRT(t.Priority),
	}
	if description != "" {
		body["Content"] = description
		body["ContentType"] = "text/plain"
	}
	if len(files) > 0 {
		body["Attachments"] = attachmentsJSON(files)
		if description == "" {
			// RT builds the message from Content; a ticket with files
			// only still needs a text part for them to hang on.
			body["Content"], body["ContentType"] = " ", "text/plain"
		}
	}
	if t.Owner != "" {
		body["Owner"] = t.Owner
	}
	if !t.Due.IsZero() {
		body["Due"] = timeToRT(t.Due)
	}
	later := t.Status != "" && t.Status != helpdesk.StatusNew && t.Status != helpdesk.StatusOpen
	if t.Status == helpdesk.StatusOpen {
		body["Status"] = string(t.Status)
	}
	cfs := map[string]string{}
	if v := s.tierValueFor(t.Tier); v != "" {
		cfs[s.tierField] = v
	}
	if ref != "" && s.refField != "" {
		cfs[s.refField] = ref
	}
	if len(cfs) > 0 {
		body["CustomFields"] = cfs
	}
	var created struct {
		ID flexID `json:"id"`
	}
	if _, err := c.do(ctx, request{op: "create ticket", method: "POST", path: "/ticket", body: body, out: &created}); err != nil {
		return tsync.Remote{}, err
	}
	if created.ID == 0 {
		return tsync.Remote{}, &tsync.ProtocolError{What: "create ticket", Err: errors.New("the answer has no ticket id")}
	}
	id := uint64(created.ID)
	var stepErr error
	if later {
		st := t.Status
		stepErr = c.Update(ctx, id, "", tsync.FieldChange{Status: &st})
		if stepErr != nil {
			stepErr = fmt.Errorf("rt: created ticket #%d, but setting it %s failed: %w", id, st, stepErr)
		}
	}
	// PUT and POST return no ETag: read the ticket back for its version.
	r, err := c.Fetch(ctx, id)
	if err != nil {
		return tsync.Remote{}, fmt.Errorf("rt: created ticket #%d, but reading it back failed: %w", id, err)
	}
	if stepErr != nil {
		return r, stepErr
	}
	return r, dropped(id, t, r.Ticket)
}

// dropped reports what RT left out of a create without saying so: it
// answers 201 and files the ticket without a requester it cannot make a
// user of ("dana" is no e-mail address), or without an owner who may not
// own tickets in the queue.
func dropped(id uint64, asked, got helpdesk.Ticket) error {
	var lost []string
	if asked.Requester != "" && got.Requester == "" {
		// Any requester back is fine: RT names a known user by user name
		// even when the e-mail address was given.
		lost = append(lost, fmt.Sprintf("RT did not accept %q as the requester (not a known user or an e-mail address)", asked.Requester))
	}
	if asked.Owner != "" && !strings.EqualFold(asked.Owner, got.Owner) {
		lost = append(lost, fmt.Sprintf("RT did not make %s the owner (no such user, or not allowed to own tickets in %s)", asked.Owner, got.Queue))
	}
	if len(lost) == 0 {
		return nil
	}
	return &tsync.RefusedError{Status: 201, Message: fmt.Sprintf("created ticket #%d, but %s", id, lost[0]), Details: lost[1:]}
}

// FindCreated looks for the ticket created with ref, by the reference
// custom field. Without that field on the server nobody can tell, and
// saying "not found" could file a duplicate, so that is an error.
func (c *Client) FindCreated(ctx context.Context, ref string) (tsync.Remote, bool, error) {
	if ref == "" {
		return tsync.Remote{}, false, errors.New("rt: FindCreated needs a client reference")
	}
	s, err := c.loadSchema(ctx)
	if err != nil {
		return tsync.Remote{}, false, err
	}
	if s.refField == "" {
		return tsync.Remote{}, false, &tsync.RefusedError{Message: fmt.Sprintf(
			"RT has no ticket custom field %q, so a ticket whose creation was not confirmed cannot be looked up; check in RT before creating it again", c.cfg.RefField)}
	}
	var p page[struct {
		ID flexID `json:"id"`
	}]
	// The oldest match is the one to keep if duplicates exist already.
	if _, err := c.get(ctx, "look up created ticket", "/tickets", url.Values{
		"query":    {sqlField(s.refField) + " = " + sqlString(ref)},
		"orderby":  {"id"},
		"per_page": {"1"},
	}, &p); err != nil {
		return tsync.Remote{}, false, err
	}
	if len(p.Items) == 0 {
		return tsync.Remote{}, false, nil
	}
	r, err := c.Fetch(ctx, uint64(p.Items[0].ID))
	if errors.Is(err, tsync.ErrNotFound) {
		return tsync.Remote{}, false, nil
	}
	if err != nil {
		return tsync.Remote{}, false, err
	}
	return r, true, nil
}
