package rt

import (
	"strconv"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// statusDeleted is RT's status of a deleted ticket: still loadable by id,
// gone from searches (trap 5).
const statusDeleted = "deleted"

// priorityFromRT buckets RT's 0..99 priority (a string on the wire, trap 7):
// below 25 low, below 50 normal, below 75 high, else urgent. Anything that
// is not a number reads as low, RT's default of 0.
func priorityFromRT(v string) helpdesk.Priority {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	switch {
	case err != nil || n < 25:
		return helpdesk.PriorityLow
	case n < 50:
		return helpdesk.PriorityNormal
	case n < 75:
		return helpdesk.PriorityHigh
	}
	return helpdesk.PriorityUrgent
}

// priorityToRT writes a priority as the bottom of its bucket, so reading
// it back gives the same priority.
func priorityToRT(p helpdesk.Priority) string {
	switch p {
	case helpdesk.PriorityNormal:
		return "25"
	case helpdesk.PriorityHigh:
		return "50"
	case helpdesk.PriorityUrgent:
		return "75"
	}
	return "0"
}

// statusFromRT maps RT's status onto Tierdesk's. RT's default lifecycle
// uses exactly Tierdesk's names; a custom lifecycle's own statuses read as
// open, the one state that keeps a ticket in the work queues without
// claiming anything more.
func statusFromRT(v string) helpdesk.Status {
	if s, err := helpdesk.ParseStatus(v); err == nil {
		return s
	}
	return helpdesk.StatusOpen
}

// timeFromRT parses RT's UTC timestamps; RT writes unset dates as the
// epoch (trap 1), which becomes the zero time.
func timeFromRT(v string) time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil || t.Unix() <= 0 {
		return time.Time{}
	}
	return t.UTC()
}

// timeToRT formats a time the way RT parses it unambiguously everywhere
// (REST fields and TicketSQL alike: trap 2), in UTC.
func timeToRT(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05")
}

// userName is the name of a user reference; RT's placeholder owner
// "Nobody" means no owner.
func userName(r ref) string {
	n := strings.TrimSpace(string(r.ID))
	if strings.EqualFold(n, "Nobody") {
		return ""
	}
	return n
}

// ticketFromRT maps an RT ticket onto Tierdesk's, less Version (which
// comes from the ETag or the newest transaction) and the conversation.
func (c *Client) ticketFromRT(tj ticketJSON, queue, tierValue string, queueIsNewer bool) helpdesk.Ticket {
	t := helpdesk.Ticket{
		RemoteID: uint64(tj.ID),
		Subject:  tj.Subject,
		Owner:    userName(tj.Owner),
		Status:   statusFromRT(tj.Status),
		Priority: priorityFromRT(string(tj.Priority)),
		Tier:     c.tierOf(queue, tierValue, queueIsNewer),
		Queue:    queue,
		Created:  timeFromRT(tj.Created),
		Updated:  timeFromRT(tj.LastUpdated),
		Due:      timeFromRT(tj.Due),
	}
	if len(tj.Requestor) > 0 {
		t.Requester = userName(tj.Requestor[0])
	}
	return t
}

// cfValue is the first value of the named custom field in a full record.
func cfValue(fields []cfValues, name string) string {
	if name == "" {
		return ""
	}
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return f.first()
		}
	}
	return ""
}
