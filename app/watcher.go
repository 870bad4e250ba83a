package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// The watcher turns applied remote changes into alerts: a ticket entering
// the user's tier, assigned to them, a reply on their request, and (on a
// local timer that works offline) a ticket nearing its due time. Every
// alert goes to the inbox through the store's ledger, which makes it fire
// at most once across restarts; a desktop notification follows unless the
// user's rules silence it. Changes the user made themself arrive as no
// change at all, because the local view already showed them.

// observe handles one pulled page. During an account's first pull it only
// notes what it saw, so old news never alerts; the summary follows when
// that pull completes.
func (d *Desk) observe(changes []helpdesk.TicketChange, initial bool) {
	var alerts []helpdesk.Alert
	for _, c := range changes {
		alerts = append(alerts, d.alertsFor(c)...)
	}
	if len(alerts) == 0 {
		return
	}
	if initial {
		keys := make([]string, len(alerts))
		for i, a := range alerts {
			keys[i] = a.Key
		}
		if err := d.store.MarkSeen(keys); err != nil {
			d.log.Error("alert ledger", "err", err)
		}
		return
	}
	for _, a := range alerts {
		d.raise(a)
	}
}

// alertsFor lists the alerts one change raises for this user.
func (d *Desk) alertsFor(c helpdesk.TicketChange) []helpdesk.Alert {
	t := c.New
	if t == nil || !t.Status.Active() {
		return nil
	}
	me := d.me
	now := d.clock().UTC()
	base := helpdesk.Alert{TicketID: t.ID, Priority: t.Priority, Created: now}
	var out []helpdesk.Alert
	if me.Role.Agent() && t.Tier == me.Tier && (c.Old == nil || c.Old.Tier != t.Tier) {
		a := base
		a.Kind = helpdesk.AlertTier
		a.Key = fmt.Sprintf("tier:%d:%s:%s", t.RemoteID, t.Tier, t.Version)
		switch {
		case c.Old == nil:
			a.Title = fmt.Sprintf("New at %s: %s %s", t.Tier, t.Ref(), t.Subject)
			a.Body = fmt.Sprintf("%s priority · from %s", t.Priority.Title(), t.Requester)
		case c.Old.Tier < t.Tier:
			a.Title = fmt.Sprintf("Escalated to %s: %s %s", t.Tier, t.Ref(), t.Subject)
			a.Body = fmt.Sprintf("From %s · %s priority", c.Old.Tier, t.Priority.Title())
		default:
			a.Title = fmt.Sprintf("De-escalated to %s: %s %s", t.Tier, t.Ref(), t.Subject)
			a.Body = fmt.Sprintf("From %s · %s priority", c.Old.Tier, t.Priority.Title())
		}
		if h := handoff(c.Added); h != "" {
			a.Body += "\nHand-off: " + h
		}
		out = append(out, a)
	}
	if me.Role.Agent() && t.Owner == me.Name && (c.Old == nil || c.Old.Owner != me.Name) {
		a := base
		a.Kind = helpdesk.AlertAssigned
		a.Key = fmt.Sprintf("owner:%d:%s", t.RemoteID, t.Version)
		a.Title = fmt.Sprintf("Assigned to you: %s %s", t.Ref(), t.Subject)
		a.Body = fmt.Sprintf("%s · %s priority · from %s", t.Tier, t.Priority.Title(), t.Requester)
		out = append(out, a)
	}
	if t.Requester == me.Name && c.Old != nil {
		for _, cm := range c.Added {
			if cm.Internal() || cm.Author == me.Name {
				continue
			}
			a := base
			a.Kind = helpdesk.AlertReply
			a.Key = fmt.Sprintf("reply:%d:%d", t.RemoteID, cm.RemoteID)
			a.Title = fmt.Sprintf("Reply on your request %s: %s", t.Ref(), t.Subject)
			a.Body = cm.Author + ": " + excerpt(cm.Body, 160)
			out = append(out, a)
		}
	}
	return out
}

// handoff returns the hand-off note of a tier change among new comments:
// the last internal note, as a tier change carries its reason there.
func handoff(added []helpdesk.Comment) string {
	for i := len(added) - 1; i >= 0; i-- {
		c := added[i]
		if !c.Internal() {
			continue
		}
		body := c.Body
		if _, after, ok := strings.Cut(body, "Hand-off: "); ok {
			body = after
		}
		return excerpt(body, 140)
	}
	return ""
}

// raise files an alert and, if it is new and the rules allow, shows it on
// the desktop.
func (d *Desk) raise(a helpdesk.Alert) {
	a, fresh, err := d.store.RecordAlert(a)
	if err != nil {
		d.log.Error("record alert", "err", err)
		return
	}
	if !fresh {
		return
	}
	defer d.feed.publish(Change{Alerts: true})
	rules, err := d.AlertRules()
	if err != nil {
		d.log.Error("alert rules", "err", err)
	}
	if d.notifier == nil || !rules.Wants(a.Kind) || a.Priority < rules.MinPriority && a.Kind != helpdesk.AlertSummary ||
		rules.Quiet(d.clock()) {
		return
	}
	if err := d.notifier.Notify(a.Title, a.Body); err != nil {
		// The alert is in the inbox; only the pop-up failed.
		d.log.Warn("desktop notification failed", "err", err)
		return
	}
	a.Notified = true
	if err := d.store.UpdateAlert(a); err != nil {
		d.log.Error("record alert", "err", err)
	}
}

// synced is called when a sync ends; after an account's first complete
// pull it raises one summary instead of an alert per ticket.
func (d *Desk) synced(res SyncResult, err error) {
	if err != nil || !res.Initial {
		return
	}
	me := d.me
	var title string
	switch {
	case me.Role.Agent():
		n := len(d.store.Query(helpdesk.Filter{Tiers: []helpdesk.Tier{me.Tier}, ActiveOnly: true}))
		mine := len(d.store.Query(helpdesk.Filter{Owner: me.Name, ActiveOnly: true}))
		title = fmt.Sprintf("%s waiting at %s", plural(n, "ticket is", "tickets are"), me.Tier)
		if mine > 0 {
			title += fmt.Sprintf("; %s assigned to you", plural(mine, "ticket", "tickets"))
		}
	default:
		n := len(d.store.Query(helpdesk.Filter{Requester: me.Name, ActiveOnly: true}))
		title = fmt.Sprintf("You have %s", plural(n, "open request", "open requests"))
	}
	d.raise(helpdesk.Alert{Kind: helpdesk.AlertSummary, Key: "summary:first-sync", Title: title,
		Body: fmt.Sprintf("%s is synced: %d tickets on this device.", d.account, d.store.Len()), Created: d.clock().UTC()})
}

// checkDue raises the due-time alerts: tickets the user owns, or that wait
// unowned at their tier, within the lead time of their due time. It reads
// memory only and needs no network.
func (d *Desk) checkDue() {
	rules, err := d.AlertRules()
	if err != nil {
		d.log.Error("alert rules", "err", err)
		return
	}
	now := d.clock()
	me := d.me
	for _, t := range d.store.Query(helpdesk.Filter{ActiveOnly: true}) {
		if t.Due.IsZero() || !(t.Owner == me.Name || (me.Role.Agent() && t.Tier == me.Tier && t.Unowned())) {
			continue
		}
		left := t.Due.Sub(now)
		if left > rules.DueLead || left < -24*time.Hour {
			continue // not yet, or long overdue (no alert for stale history)
		}
		a := helpdesk.Alert{Kind: helpdesk.AlertDue, TicketID: t.ID, Priority: t.Priority, Created: now.UTC(),
			Key: fmt.Sprintf("due:%d:%d", t.ID, t.Due.Unix())}
		if left > 0 {
			a.Title = fmt.Sprintf("Due in %s: %s %s", minutes(left), t.Ref(), t.Subject)
		} else {
			a.Title = fmt.Sprintf("Overdue: %s %s", t.Ref(), t.Subject)
		}
		a.Body = fmt.Sprintf("%s · %s priority · due %s", t.Tier, t.Priority.Title(), t.Due.Local().Format("Mon 15:04"))
		d.raise(a)
	}
}

// minutes writes a lead time the way people say it: "25 min", "2 h 05".
func minutes(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// excerpt shortens s to n runes on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Alerts returns the inbox, newest first.
func (d *Desk) Alerts() ([]helpdesk.Alert, error) {
	var out []helpdesk.Alert
	for a, err := range d.store.Alerts() {
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		out = append(out, a)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// UnreadAlerts counts the inbox entries not yet opened.
func (d *Desk) UnreadAlerts() int {
	n := 0
	for a, err := range d.store.Alerts() {
		if err == nil && !a.Read {
			n++
		}
	}
	return n
}

// MarkAlertRead marks an inbox entry read (the user opened it).
func (d *Desk) MarkAlertRead(a helpdesk.Alert) error {
	if a.Read {
		return nil
	}
	a.Read = true
	if err := d.store.UpdateAlert(a); err != nil {
		return err
	}
	d.feed.publish(Change{Alerts: true})
	return nil
}
