package helpdesk

import (
	"fmt"
	"strings"
)

// Role is what a person does in the help desk; it decides which views and
// actions Tierdesk offers them.
type Role string

// The roles.
const (
	RoleRequester  Role = "requester"  // an end user reporting problems
	RoleTechnician Role = "technician" // L1 field or desk technician
	RoleEngineer   Role = "engineer"   // L2/L3 specialist
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleRequester || r == RoleTechnician || r == RoleEngineer
}

// Agent reports whether the role works tickets (as opposed to filing them).
func (r Role) Agent() bool { return r == RoleTechnician || r == RoleEngineer }

// ParseRole accepts a role name in any case.
func ParseRole(v string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(v)))
	if !r.Valid() {
		return "", fmt.Errorf("%w: role %q (want requester, technician or engineer)", ErrInvalid, v)
	}
	return r, nil
}
