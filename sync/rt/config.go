package rt

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Defaults of Config.
const (
	DefaultTierField = "Tier"
	DefaultRefField  = "Tierdesk Ref"
	DefaultTimeout   = 30 * time.Second
	// MaxPageSize is RT's cap on per_page.
	MaxPageSize = 100
)

// NoField, as Config.TierField, tells the client not to use a tier custom
// field even if RT has one: tiers then come from queues alone.
const NoField = "-"

// Config says how to reach one Request Tracker and how its queues and
// custom fields map onto Tierdesk's tiers.
type Config struct {
	// URL is RT's web address, e.g. https://rt.example.com; a URL ending in
	// /REST/2.0 is accepted too. It must not carry credentials.
	URL string
	// User and Password authenticate with HTTP basic auth unless Token is set.
	User, Password string
	// Token is a REST2 auth token ("1-<user id>-<secret>", made in RT under
	// Settings > Auth Tokens); preferred over a password when set.
	Token string
	// QueueTiers maps queue names to tiers. Nil means: recognise queues
	// named L1..L3 or "Tier 1".."Tier 3" in any case.
	QueueTiers map[string]helpdesk.Tier
	// TierField is the ticket custom field holding the tier. Empty means
	// "Tier" when RT has such a field; NoField turns it off.
	TierField string
	// RefField is the ticket custom field recording the client reference
	// of a create. Empty means "Tierdesk Ref".
	RefField string
	// Timeout bounds each request. Zero means DefaultTimeout.
	Timeout time.Duration
	// PageSize is how many tickets one sync page carries (1..100). Zero
	// means 100, RT's maximum.
	PageSize int
}

// withDefaults returns cfg with empty settings filled in; it reports
// whether the tier field was named explicitly (then it must exist).
func (cfg Config) withDefaults() (Config, bool) {
	explicitTier := cfg.TierField != "" && cfg.TierField != NoField
	if cfg.TierField == "" {
		cfg.TierField = DefaultTierField
	}
	if cfg.RefField == "" {
		cfg.RefField = DefaultRefField
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.PageSize <= 0 || cfg.PageSize > MaxPageSize {
		cfg.PageSize = MaxPageSize
	}
	return cfg, explicitTier
}

// validate checks what can be checked without the network, with messages
// meant for the account settings dialog.
func (cfg Config) validate() error {
	raw := strings.TrimSpace(cfg.URL)
	if raw == "" {
		return errors.New("the server address is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("the server address %q is not a URL: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("the server address must start with https:// (or http://), not %q", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("the server address %q has no host name", raw)
	}
	if u.User != nil {
		// A password in the URL would end up in settings files and logs.
		return errors.New("the server address must not contain a user name or password; enter them in their own fields")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("the server address %q must not have a query or fragment", raw)
	}
	if cfg.Token == "" && (cfg.User == "" || cfg.Password == "") {
		return errors.New("enter a user name and password, or an auth token")
	}
	if cfg.Token != "" && strings.ContainsAny(cfg.Token, " \t\r\n") {
		return errors.New("the auth token must not contain spaces or line breaks")
	}
	for name, tier := range cfg.QueueTiers {
		if !tier.Valid() {
			return fmt.Errorf("queue %q is mapped to an unknown tier %d", name, tier)
		}
	}
	if cfg.PageSize < 0 || cfg.PageSize > MaxPageSize {
		return fmt.Errorf("page size %d is outside 1..%d", cfg.PageSize, MaxPageSize)
	}
	return nil
}

// restBase turns the configured address into the REST2 root,
// .../REST/2.0, whichever of the two forms the user typed.
func restBase(raw string) string {
	u, _ := url.Parse(strings.TrimSpace(raw)) // validated before
	p := strings.TrimRight(u.Path, "/")
	if strings.HasSuffix(strings.ToLower(p), "/rest/2.0") {
		p = p[:len(p)-len("/REST/2.0")]
	}
	u.Path = p + "/REST/2.0"
	u.RawPath = ""
	return u.String()
}
