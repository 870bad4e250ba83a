package helpdesk

import "time"

// Article is a knowledge-base entry. Body is Markdown.
type Article struct {
	ID       uint64    `json:"id"`
	RemoteID uint64    `json:"remote_id,omitempty"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary,omitempty"`
	Body     string    `json:"body"`
	Category string    `json:"category"`
	Updated  time.Time `json:"updated"`
}
