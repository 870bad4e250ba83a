package app

import (
	"fmt"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Identity is who uses a Desk: the name the helpdesk knows them by, their
// role and their tier.
type Identity struct {
	Name string        `json:"name"`
	Role helpdesk.Role `json:"role"`
	Tier helpdesk.Tier `json:"tier"`
}

// Validate checks that the identity can act on tickets.
func (id Identity) Validate() error {
	if strings.TrimSpace(id.Name) == "" {
		return fmt.Errorf("%w: the user needs a name", helpdesk.ErrInvalid)
	}
	if !id.Role.Valid() {
		return fmt.Errorf("%w: role %q", helpdesk.ErrInvalid, id.Role)
	}
	if !id.Tier.Valid() {
		return fmt.Errorf("%w: tier %d", helpdesk.ErrInvalid, id.Tier)
	}
	return nil
}
