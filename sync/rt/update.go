package rt

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// Update applies c to the ticket if it is still at baseVersion (RT's ETag,
// sent as If-Match; a stale one is answered 412: sync.ErrConflict, nothing
// changed). An empty baseVersion updates unconditionally.
//
// RT reports refusals inside a 200 answer, as a list of messages (trap 4),
// and applies the fields it accepts. So the ticket is read back and every
// field compared: one that did not take makes a *sync.RefusedError carrying
// RT's messages. The other fields of the same change may have been applied;
// the next pull shows them.
func (c *Client) Update(ctx context.Context, remoteID uint64, baseVersion string, fc tsync.FieldChange) error {
	s, err := c.loadSchema(ctx)
	if err != nil {
		return err
	}
	body, want, err := c.updateBody(s, fc)
	if err != nil || len(body) == 0 {
		return err
	}
	op := fmt.Sprintf("update ticket %d", remoteID)
	r := request{op: op, method: "PUT", path: "/ticket/" + strconv.FormatUint(remoteID, 10), body: body}
	if baseVersion != "" {
		// Never If-Unmodified-Since: RT answers it with 500 (trap 3).
		r.header = map[string]string{"If-Match": `"` + strings.Trim(baseVersion, `"`) + `"`}
	}
	var msgs []string
	r.out = &msgs
	if _, err := c.do(ctx, r); err != nil {
		return err
	}
	// PUT returns no ETag and no record: read the outcome back.
	tj, _, err := c.getTicket(ctx, remoteID)
	if err != nil {
		return fmt.Errorf("rt: %s: reading the outcome: %w", op, err)
	}
	failed, err := c.unmet(ctx, s, tj, want)
	if err != nil {
		return err
	}
	if len(failed) == 0 {
		return nil
	}
	return refusal(msgs, failed)
}

// wanted is the state an update asks for, to compare with the outcome.
type wanted struct {
	status    *helpdesk.Status
	owner     *string
	queue     string // "" when the tier does not change
	tierField string // the tier field's new value, "" when not written
}

// updateBody turns a FieldChange into RT's fields. A tier change moves the
// ticket to the tier's queue and sets the tier field, so the two agree.
func (c *Client) updateBody(s *schema, fc tsync.FieldChange) (map[string]any, wanted, error) {
	body := map[string]any{}
	var w wanted
	if fc.Status != nil {
		body["Status"] = string(*fc.Status)
		w.status = fc.Status
	}
	if fc.Owner != nil {
		owner := strings.TrimSpace(*fc.Owner)
		w.owner = &owner
		body["Owner"] = owner
		if owner == "" {
			body["Owner"] = "Nobody" // RT's way of saying unowned
		}
	}
	if fc.Tier != nil {
		queue, ok := s.queueFor(*fc.Tier)
		if !ok {
			return nil, w, &tsync.RefusedError{Message: fmt.Sprintf("RT has no queue for tier %s or above", *fc.Tier)}
		}
		body["Queue"] = queue
		w.queue = queue
		if v := s.tierValueFor(*fc.Tier); v != "" {
			body["CustomFields"] = map[string]string{s.tierField: v}
			w.tierField = v
		}
	}
	return body, w, nil
}

// unmet lists the fields of w the ticket does not have.
func (c *Client) unmet(ctx context.Context, s *schema, tj ticketJSON, w wanted) ([]string, error) {
	var failed []string
	if w.status != nil && !strings.EqualFold(tj.Status, string(*w.status)) {
		failed = append(failed, fmt.Sprintf("status is %s, not %s", tj.Status, *w.status))
	}
	if w.owner != nil && !strings.EqualFold(userName(tj.Owner), *w.owner) {
		failed = append(failed, fmt.Sprintf("owner is %q, not %q", userName(tj.Owner), *w.owner))
	}
	if w.queue != "" {
		qid, _ := strconv.ParseUint(string(tj.Queue.ID), 10, 64)
		name, err := c.queueName(ctx, s, qid)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(name, w.queue) {
			failed = append(failed, fmt.Sprintf("queue is %s, not %s", name, w.queue))
		}
	}
	if w.tierField != "" && !strings.EqualFold(cfValue(tj.CustomFields, s.tierField), w.tierField) {
		failed = append(failed, fmt.Sprintf("%s is %q, not %q", s.tierField, cfValue(tj.CustomFields, s.tierField), w.tierField))
	}
	return failed, nil
}

// rtSuccess matches RT's messages for a change it made; the others are
// its reasons for not making one.
var rtSuccess = regexp.MustCompile(`(?i)( changed (from|to) | set to |\badded$|is no longer a value)`)

// ticketPrefix is the "Ticket 12: " RT puts before most messages.
var ticketPrefix = regexp.MustCompile(`^Ticket \d+: `)

// refusal builds the error for fields that did not take: RT's own reasons
// first (they are what the user can act on), then what is still different.
func refusal(msgs, failed []string) error {
	var reasons []string
	for _, m := range msgs {
		m = ticketPrefix.ReplaceAllString(strings.TrimSpace(m), "")
		if m != "" && !rtSuccess.MatchString(m) {
			reasons = append(reasons, m)
		}
	}
	if len(reasons) == 0 {
		// RT said nothing useful (or said it in a language the patterns
		// do not know): describe the outcome instead.
		return &tsync.RefusedError{Status: 200, Message: "RT did not make the change: " + failed[0], Details: failed[1:]}
	}
	return &tsync.RefusedError{Status: 200, Message: reasons[0], Details: append(reasons[1:], failed...)}
}

// Comment adds a reply (RT correspondence, mailed to the requester) or an
// internal note (an RT comment). RT answers 201 with the transaction's
// location.
func (c *Client) Comment(ctx context.Context, remoteID uint64, kind helpdesk.CommentKind, body string, files ...tsync.File) error {
	action := "correspond"
	if kind == helpdesk.Note {
		action = "comment"
	}
	msg := map[string]any{"Content": body, "ContentType": "text/plain"}
	if len(files) > 0 {
		msg["Attachments"] = attachmentsJSON(files)
	}
	var msgs []string
	resp, err := c.do(ctx, request{
		op:     fmt.Sprintf("add a %s to ticket %d", kind, remoteID),
		method: "POST",
		path:   "/ticket/" + strconv.FormatUint(remoteID, 10) + "/" + action,
		body:   msg,
		out:    &msgs,
	})
	if err != nil {
		return err
	}
	if resp.StatusCode() != 201 {
		// A 200 here carries refusals the way updates do.
		return refusal(msgs, []string{fmt.Sprintf("the %s was not added (HTTP %d)", kind, resp.StatusCode())})
	}
	return nil
}
