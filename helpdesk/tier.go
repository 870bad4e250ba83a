package helpdesk

import (
	"fmt"
	"strconv"
	"strings"
)

// Tier is a support level. Tiers are ordered: L0 (self-service) < L1 (help
// desk) < L2 (specialists) < L3 (engineers), so "escalate" means the tier
// rises and comparisons with < are meaningful.
type Tier uint8

// The support tiers, lowest first.
const (
	L0 Tier = iota
	L1
	L2
	L3
)

// MaxTier is the highest tier a ticket can reach.
const MaxTier = L3

// Tiers lists every tier in ascending order.
func Tiers() []Tier { return []Tier{L0, L1, L2, L3} }

// String returns the short name used everywhere in the UI ("L2").
func (t Tier) String() string {
	if !t.Valid() {
		return "L?" + strconv.Itoa(int(t))
	}
	return "L" + strconv.Itoa(int(t))
}

// Label returns a human description of the tier for menus and tooltips.
func (t Tier) Label() string {
	switch t {
	case L0:
		return "L0 · Self-service"
	case L1:
		return "L1 · Help desk"
	case L2:
		return "L2 · Specialists"
	case L3:
		return "L3 · Engineers"
	}
	return t.String()
}

// Valid reports whether t is one of L0..L3.
func (t Tier) Valid() bool { return t <= MaxTier }

// ParseTier accepts the spellings found in helpdesk back ends and typed by
// people: "L2", "l2", "2", "Tier 2", "tier2".
func ParseTier(s string) (Tier, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.TrimPrefix(v, "tier")
	v = strings.TrimPrefix(v, "l")
	v = strings.TrimSpace(v)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > int(MaxTier) {
		return 0, fmt.Errorf("%w: tier %q (want L0, L1, L2 or L3)", ErrInvalid, s)
	}
	return Tier(n), nil
}

// MarshalText encodes the tier as its short name so stored and exported JSON
// stays readable.
func (t Tier) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("%w: tier %d", ErrInvalid, t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText is the inverse of MarshalText.
func (t *Tier) UnmarshalText(b []byte) error {
	v, err := ParseTier(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
