package rt

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// schema is what the client learns once about the server: its queues and
// how they map to tiers, and the custom fields it uses.
type schema struct {
	queueNames map[uint64]string        // id → name, of every queue the user could see then
	tierQueues map[helpdesk.Tier]string // the queue a ticket of each tier goes to

	tierField   string                   // "" when tiers come from queues alone
	tierFieldID uint64                   // its id, which transactions name
	tierValues  map[string]helpdesk.Tier // the tier field's values, as RT spells them
	tierValue   map[helpdesk.Tier]string // tier → the value to write
	refField    string                   // "" when RT lacks the reference field
}

// queueFor is the queue a ticket of tier t belongs in: the tier's own, or
// the nearest tier above it that has one (an L0 ticket lands at the help
// desk).
func (s *schema) queueFor(t helpdesk.Tier) (string, bool) {
	for ; t <= helpdesk.MaxTier; t++ {
		if q, ok := s.tierQueues[t]; ok {
			return q, true
		}
	}
	return "", false
}

// defaultQueueTier recognises the queue names Tierdesk maps without being
// told: "L1".."L3" and "Tier 1".."Tier 3", in any case and spacing.
func defaultQueueTier(name string) (helpdesk.Tier, bool) {
	n := strings.ToLower(strings.Join(strings.Fields(name), ""))
	switch n {
	case "l1", "tier1":
		return helpdesk.L1, true
	case "l2", "tier2":
		return helpdesk.L2, true
	case "l3", "tier3":
		return helpdesk.L3, true
	}
	return 0, false
}

// loadSchema returns the cached schema, learning it on first use. A
// failure is not cached: the next call tries again.
func (c *Client) loadSchema(ctx context.Context) (*schema, error) {
	c.mu.Lock()
	s := c.schema
	c.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := c.fetchSchema(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.schema = s
	c.mu.Unlock()
	return s, nil
}

// fetchSchema asks the server for its queues and ticket custom fields.
func (c *Client) fetchSchema(ctx context.Context) (*schema, error) {
	s := &schema{
		queueNames: map[uint64]string{},
		tierQueues: map[helpdesk.Tier]string{},
		tierValues: map[string]helpdesk.Tier{},
		tierValue:  map[helpdesk.Tier]string{},
	}
	queues, err := collect[queueJSON](ctx, c, request{
		op: "list queues", method: "GET", path: "/queues/all",
		query: url.Values{"fields": {"Name"}},
	}, MaxPageSize, nil)
	if err != nil {
		return nil, err
	}
	// Sorted by id so that when several queues claim a tier, the oldest
	// one receives its tickets, the same one every time.
	slices.SortFunc(queues, func(a, b queueJSON) int { return cmp.Compare(a.ID, b.ID) })
	for _, q := range queues {
		s.queueNames[uint64(q.ID)] = q.Name
		t, ok := c.mappedTier(q.Name)
		if !ok {
			continue
		}
		if _, taken := s.tierQueues[t]; !taken {
			s.tierQueues[t] = q.Name
		}
	}

	cfs, err := collect[customFieldJSON](ctx, c, request{
		op: "list ticket custom fields", method: "POST", path: "/customfields",
		query: url.Values{"fields": {"Name,LookupType,Disabled"}},
		body:  []map[string]string{{"field": "LookupType", "value": "RT::Queue-RT::Ticket"}},
	}, MaxPageSize, nil)
	if err != nil {
		return nil, err
	}
	var tierCF uint64
	for _, cf := range cfs {
		if cf.Disabled == "1" {
			continue
		}
		if c.cfg.TierField != NoField && strings.EqualFold(cf.Name, c.cfg.TierField) && tierCF == 0 {
			s.tierField, tierCF = cf.Name, uint64(cf.ID)
		}
		if strings.EqualFold(cf.Name, c.cfg.RefField) && s.refField == "" {
			s.refField = cf.Name
		}
	}
	s.tierFieldID = tierCF
	if tierCF != 0 {
		if err := c.fetchTierValues(ctx, s, tierCF); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// mappedTier applies the configured queue map, or the default names.
func (c *Client) mappedTier(queue string) (helpdesk.Tier, bool) {
	if c.cfg.QueueTiers == nil {
		return defaultQueueTier(queue)
	}
	for name, t := range c.cfg.QueueTiers {
		if strings.EqualFold(strings.TrimSpace(name), queue) {
			return t, true
		}
	}
	return 0, false
}

// fetchTierValues learns how the tier field spells each tier ("L2",
// "Tier 2", ...): searches and updates must use RT's own spelling.
func (c *Client) fetchTierValues(ctx context.Context, s *schema, cf uint64) error {
	type value struct {
		Name string `json:"name"`
	}
	vals, err := collect[value](ctx, c, request{
		op: "list values of " + s.tierField, method: "GET",
		path: "/customfield/" + strconv.FormatUint(cf, 10) + "/values",
	}, MaxPageSize, nil)
	if err != nil {
		return err
	}
	for _, v := range vals {
		t, err := helpdesk.ParseTier(v.Name)
		if err != nil {
			continue // a value that is no tier ("n/a") is never written
		}
		s.tierValues[v.Name] = t
		if _, ok := s.tierValue[t]; !ok {
			s.tierValue[t] = v.Name
		}
	}
	if len(s.tierValue) == 0 {
		// A free-form field: write the short names.
		for _, t := range helpdesk.Tiers() {
			s.tierValue[t] = t.String()
		}
	}
	return nil
}

// queueName resolves a queue id, asking the server about queues created
// since the schema was learned (the schema itself is never modified, so
// readers need no lock).
func (c *Client) queueName(ctx context.Context, s *schema, id uint64) (string, error) {
	if name, ok := s.queueNames[id]; ok || id == 0 {
		return name, nil
	}
	c.mu.Lock()
	name, ok := c.newQueues[id]
	c.mu.Unlock()
	if ok {
		return name, nil
	}
	var q queueJSON
	if _, err := c.get(ctx, fmt.Sprintf("look up queue %d", id), "/queue/"+strconv.FormatUint(id, 10), nil, &q); err != nil {
		return "", err
	}
	c.mu.Lock()
	if c.newQueues == nil {
		c.newQueues = map[uint64]string{}
	}
	c.newQueues[id] = q.Name
	c.mu.Unlock()
	return q.Name, nil
}

// tierOf says which tier a ticket is at: the tier field's value when the
// field is in use and set, else its queue's tier, else L1 (the help desk
// owns whatever no tier claims). When the queue changed after the field
// (an agent moved the ticket in RT's queue menu), a queue with a tier wins.
func (c *Client) tierOf(queue, fieldValue string, queueIsNewer bool) helpdesk.Tier {
	if queueIsNewer {
		if t, ok := c.mappedTier(queue); ok {
			return t
		}
	}
	if fieldValue != "" {
		if t, err := helpdesk.ParseTier(fieldValue); err == nil {
			return t
		}
	}
	if t, ok := c.mappedTier(queue); ok {
		return t
	}
	return helpdesk.L1
}
