package app

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

// The demo workspace is generated, not shipped: one fixed seed gives every
// install the same tickets (so screenshots and bug reports agree), and the
// desk clock as time base keeps them looking recent whenever it is opened.
const demoSeed uint64 = 0x7d35_c0de_2026

const (
	demoTickets = 300
	demoDays    = 60
	// demoSeedSetting records the seeding, so a reopened demo never gets a
	// second copy and an interrupted seeding is finished on the next open.
	demoSeedSetting = "demo.seed"
	// maxConversation bounds a generated conversation.
	maxConversation = 8
)

// demoSeedState is the value of demoSeedSetting.
type demoSeedState struct {
	Seed uint64 `json:"seed"`
	Done bool   `json:"done"`
}

// seedDemo fills an empty demo store. Generated records carry fixed ids, so
// repeating an interrupted seeding overwrites its own partial work instead
// of adding to it.
func (d *Desk) seedDemo() error {
	var st demoSeedState
	found, err := d.store.Setting(demoSeedSetting, &st)
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	if found && st.Done {
		return nil
	}
	if !found && d.store.Len() > 0 {
		// Tickets without our marker were not written by us; leave them.
		return nil
	}
	if err := d.store.SetSetting(demoSeedSetting, demoSeedState{Seed: demoSeed}); err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	if err := d.store.Write(demoBatch(demoSeed, d.clock())); err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	if err := d.store.SetSetting(demoSeedSetting, demoSeedState{Seed: demoSeed, Done: true}); err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	return nil
}

// demoBatch generates the demo workspace: the same seed and now always give
// the same records.
func demoBatch(seed uint64, now time.Time) localdb.Batch {
	g := &demoGen{
		rng: rand.New(rand.NewPCG(seed, seed^0x9e37_79b9_7f4a_7c15)),
		now: now.UTC().Truncate(time.Second),
	}
	// Server ids grow with time, so creation times are drawn first and
	// sorted, and ticket n is the n-th oldest.
	created := make([]time.Time, demoTickets)
	for i := range created {
		age := time.Duration(g.rng.Int64N(int64(demoDays * 24 * time.Hour)))
		created[i] = g.now.Add(-age - 10*time.Minute).Truncate(time.Second)
	}
	slices.SortFunc(created, time.Time.Compare)
	for i, c := range created {
		g.ticket(uint64(i+1), c)
	}
	g.b.Articles = demoArticles(g.rng, g.now)
	return g.b
}

type demoGen struct {
	rng *rand.Rand
	now time.Time
	b   localdb.Batch
}

func (g *demoGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *demoGen) chance(percent int) bool { return g.rng.IntN(100) < percent }

// orDefault picks from list, or from fallback when the scenario has none.
func (g *demoGen) orDefault(list, fallback []string) string {
	if len(list) == 0 {
		return g.pick(fallback)
	}
	return g.pick(list)
}

func (g *demoGen) scenario() *scenario {
	total := 0
	for i := range demoScenarios {
		total += demoScenarios[i].weight
	}
	n := g.rng.IntN(total)
	for i := range demoScenarios {
		if n < demoScenarios[i].weight {
			return &demoScenarios[i]
		}
		n -= demoScenarios[i].weight
	}
	return &demoScenarios[len(demoScenarios)-1]
}

// status draws a status that fits the ticket's age: fresh tickets are often
// new, old ones mostly resolved, which gives about a third resolved overall.
func (g *demoGen) status(created time.Time) helpdesk.Status {
	days := g.now.Sub(created).Hours() / 24
	pNew := 4.0
	switch {
	case days < 3:
		pNew = 55
	case days < 10:
		pNew = 15
	}
	pResolved := 5 + 60*days/demoDays
	r := g.rng.Float64() * 100
	switch {
	case r < pResolved:
		return helpdesk.StatusResolved
	case r < pResolved+4:
		return helpdesk.StatusRejected
	case r < pResolved+4+pNew:
		return helpdesk.StatusNew
	case r < pResolved+4+pNew+14:
		return helpdesk.StatusStalled
	}
	return helpdesk.StatusOpen
}

// priority varies the scenario's usual priority by a step now and then.
func (g *demoGen) priority(base helpdesk.Priority) helpdesk.Priority {
	r := g.rng.IntN(100)
	switch {
	case r < 18 && base > helpdesk.PriorityLow:
		return base - 1
	case r >= 85 && base < helpdesk.PriorityUrgent:
		return base + 1
	}
	return base
}

var (
	demoSites     = []string{"Berlin", "Leeds", "Lyon", "Austin", "Pune"}
	demoPortals   = []string{"HR portal", "expense portal", "travel booking portal", "benefits site", "intranet", "Workday"}
	demoHosts     = []string{"wiki.corp.example", "git.corp.example", "jira.corp.example", "files.corp.example", "intranet.corp.example"}
	demoServers   = []string{"build-01", "build-02", "ci-runner-3", "jenkins-agent-7", "artifacts-01"}
	demoShares    = []string{"Finance", "Marketing", "Engineering", "Projects", "Legal", "Sales-Ops"}
	demoLaptops   = []string{"ThinkPad T14 Gen 4", "Latitude 7440", "EliteBook 840 G10", "ThinkPad X1 Carbon"}
	demoDocks     = []string{"ThinkPad USB-C dock", "Dell WD19 dock", "HP Thunderbolt dock"}
	demoApps      = []string{"Visio", "Tableau Desktop", "Adobe Acrobat Pro", "Power BI Desktop", "Docker Desktop", "Python 3.12", "SPSS", "AutoCAD LT", "Miro", "Snagit"}
	demoGroups    = []string{"Finance-Readers", "VPN-Contractors", "Jira-Admins", "Confluence-Editors", "Salesforce-Reports", "AWS-ReadOnly"}
	demoMailboxes = []string{"finance-invoices", "support-uk", "recruiting", "facilities", "press"}
	demoDrives    = []string{"S:", "P:", "T:", "X:"}
	demoWings     = []string{"EAST", "WEST"}
	demoOrdinals  = []string{"2nd", "3rd", "4th", "5th"}
)

// firstName turns "maria.garcia" into "Maria" for greetings.
func firstName(user string) string {
	f, _, _ := strings.Cut(user, ".")
	if f == "" {
		return user
	}
	return strings.ToUpper(f[:1]) + f[1:]
}

// filler builds the placeholder replacer for one ticket, so its subject,
// messages and notes name the same floor, server or app throughout.
func (g *demoGen) filler(id uint64, requester string) *strings.Replacer {
	floor := g.rng.IntN(len(demoOrdinals))
	colleague := g.pick(demoRequesters)
	for colleague == requester {
		colleague = g.pick(demoRequesters)
	}
	dup := "#1"
	if id > 1 {
		dup = "#" + strconv.FormatUint(1+g.rng.Uint64N(id-1), 10)
	}
	return strings.NewReplacer(
		"‵", "`",
		"{first}", firstName(requester),
		"{user}", requester,
		"{colleague}", firstName(colleague),
		"{floor}", demoOrdinals[floor],
		"{floorn}", strconv.Itoa(floor+2),
		"{printer}", fmt.Sprintf("PRN-%dF-%s", floor+2, g.pick(demoWings)),
		"{site}", g.pick(demoSites),
		"{ssid}", "CORP-SECURE",
		"{portal}", g.pick(demoPortals),
		"{host}", g.pick(demoHosts),
		"{server}", g.pick(demoServers),
		"{share}", g.pick(demoShares),
		"{laptop}", g.pick(demoLaptops),
		"{dock}", g.pick(demoDocks),
		"{app}", g.pick(demoApps),
		"{group}", g.pick(demoGroups),
		"{mailbox}", g.pick(demoMailboxes),
		"{drive}", g.pick(demoDrives),
		"{n}", strconv.Itoa(40+5*g.rng.IntN(10)),
		"{gpver}", fmt.Sprintf("6.%d.%d", g.rng.IntN(2), 1+g.rng.IntN(8)),
		"{ver}", fmt.Sprintf("1.%d.%d", 14+g.rng.IntN(10), g.rng.IntN(4)),
		"{asset}", fmt.Sprintf("TD-%05d", 10000+g.rng.IntN(90000)),
		"{case}", strconv.Itoa(100000+g.rng.IntN(900000)),
		"{dup}", dup,
	)
}

// demoLine is one comment before it has a time and an id.
type demoLine struct {
	kind   helpdesk.CommentKind
	author string
	body   string
}

// ticket generates one ticket and its conversation.
func (g *demoGen) ticket(id uint64, created time.Time) {
	sc := g.scenario()
	requester := g.pick(demoRequesters)
	if g.chance(3) {
		// Agents file tickets too; these fill the demo user's "My requests".
		requester = demoMe
	}
	fill := g.filler(id, requester)
	text := func(s string) string { return fill.Replace(s) }
	status := g.status(created)
	t := helpdesk.Ticket{
		ID:        id,
		RemoteID:  id,
		Subject:   text(g.pick(sc.subjects)),
		Requester: requester,
		Status:    status,
		Priority:  g.priority(sc.priority),
		Tier:      helpdesk.L1,
		Queue:     sc.queue,
		Created:   created,
		Version:   fmt.Sprintf("%016x", g.rng.Uint64()),
	}

	// Which tiers the ticket went through. New tickets have not been
	// looked at, so they are still where they arrived.
	ups, down := 0, false
	if status != helpdesk.StatusNew && g.chance(sc.escalate) {
		ups = 1
		if g.chance(sc.deep) {
			ups = 2
		} else if status.Active() && g.chance(10) {
			down = true
		}
	}
	l1 := g.pick(demoL1)
	l2 := g.pick(demoL2[sc.queue])
	l3 := g.pick(demoL3)
	switch {
	case ups == 2:
		t.Tier = helpdesk.L3
	case ups == 1 && !down:
		t.Tier = helpdesk.L2
	}
	handler := map[helpdesk.Tier]string{helpdesk.L1: l1, helpdesk.L2: l2, helpdesk.L3: l3}[t.Tier]
	switch {
	case status == helpdesk.StatusNew:
		if g.chance(10) {
			t.Owner = l1
		}
	case status.Active() && ups > 0 && !down && g.chance(30):
		// Escalation clears the owner; this one waits for the next tier.
	case status == helpdesk.StatusOpen && g.chance(12):
	default:
		t.Owner = handler
	}

	lines := []demoLine{{helpdesk.Reply, requester, text(g.pick(sc.report))}}
	if status == helpdesk.StatusNew {
		if g.chance(30) {
			lines = append(lines, demoLine{helpdesk.Reply, requester, text(g.pick(genericFollowUp))})
		}
	} else {
		worked := t.Owner != "" // has the current tier started on it?
		wantAsk := (len(sc.ask) > 0 || !sc.request) && g.chance(80)
		wantCheck := g.chance(65)
		wantL2 := ups >= 1 && (ups == 2 || worked || down) && g.chance(75)
		wantL3 := ups == 2 && worked && g.chance(80)
		wantThanks := status == helpdesk.StatusResolved && g.chance(45)
		count := func() int {
			n := 1 + ups
			for _, b := range []bool{wantAsk, wantAsk, wantCheck, wantL2, wantL3, wantThanks, down, status != helpdesk.StatusOpen} {
				if b {
					n++
				}
			}
			return n
		}
		// Trim the least telling lines first until the conversation fits.
		for _, drop := range []*bool{&wantThanks, &wantCheck, &wantL3, &wantAsk, &wantL2} {
			if count() <= maxConversation {
				break
			}
			*drop = false
		}
		if wantAsk {
			lines = append(lines,
				demoLine{helpdesk.Reply, l1, text(g.orDefault(sc.ask, genericAsk))},
				demoLine{helpdesk.Reply, requester, text(g.orDefault(sc.answer, genericAnswer))})
		}
		if wantCheck {
			lines = append(lines, demoLine{helpdesk.Note, l1, text(g.pick(sc.check))})
		}
		if ups >= 1 {
			lines = append(lines, g.tierChange(helpdesk.MutEscalate, l1, helpdesk.L1, helpdesk.L2, text(g.pick(sc.handoff))))
		}
		if wantL2 {
			lines = append(lines, demoLine{helpdesk.Note, l2, text(g.orDefault(sc.l2, genericL2))})
		}
		if ups == 2 {
			lines = append(lines, g.tierChange(helpdesk.MutEscalate, l2, helpdesk.L2, helpdesk.L3, text(g.orDefault(sc.handoff3, genericHandoff3))))
		}
		if wantL3 {
			lines = append(lines, demoLine{helpdesk.Note, l3, text(g.orDefault(sc.l3, genericL3))})
		}
		if down {
			lines = append(lines, g.tierChange(helpdesk.MutDeescalate, l2, helpdesk.L2, helpdesk.L1, text(g.pick(genericDeescalate))))
		}
		closer := handler
		if t.Owner != "" {
			closer = t.Owner
		}
		switch status {
		case helpdesk.StatusStalled:
			lines = append(lines, demoLine{helpdesk.Reply, closer, text(g.orDefault(sc.wait, genericWait))})
		case helpdesk.StatusResolved:
			lines = append(lines, demoLine{helpdesk.Reply, closer, text(g.pick(sc.fix))})
			if wantThanks {
				lines = append(lines, demoLine{helpdesk.Reply, requester, text(g.pick(genericThanks))})
			}
		case helpdesk.StatusRejected:
			lines = append(lines, demoLine{helpdesk.Reply, closer, text(g.pick(genericReject))})
		}
	}

	times := g.timeline(created, len(lines), status)
	for i, l := range lines {
		g.b.Comments = append(g.b.Comments, helpdesk.Comment{
			ID:       uint64(len(g.b.Comments) + 1),
			RemoteID: uint64(len(g.b.Comments) + 1),
			TicketID: id,
			Kind:     l.kind,
			Author:   l.author,
			Body:     l.body,
			Created:  times[i],
		})
	}
	t.Updated = times[len(times)-1]
	t.Due = g.due(t)
	g.b.Tickets = append(g.b.Tickets, t)
}

// tierChange words a tier change exactly as a live escalation does, so the
// demo's hand-off notes look like the ones users will write.
func (g *demoGen) tierChange(kind helpdesk.MutationKind, author string, from, to helpdesk.Tier, handoff string) demoLine {
	m := helpdesk.Mutation{Kind: kind, Author: author, FromTier: from, Tier: to, Body: handoff}
	c, _ := m.Comment() // always ok for escalations
	return demoLine{helpdesk.Note, author, c.Body}
}

// timeline spaces n comments from created: minutes to a day apart, squeezed
// to end before now, and for tickets still being worked pulled towards now
// so the active queue looks alive.
func (g *demoGen) timeline(created time.Time, n int, status helpdesk.Status) []time.Time {
	gaps := make([]time.Duration, n)
	var total time.Duration
	for i := 1; i < n; i++ {
		gaps[i] = 10*time.Minute + time.Duration(g.rng.ExpFloat64()*float64(5*time.Hour))
		total += gaps[i]
	}
	room := g.now.Add(-time.Minute).Sub(created)
	if total > room {
		scale := float64(room) / float64(total) * (0.6 + 0.4*g.rng.Float64())
		for i := range gaps {
			gaps[i] = time.Duration(float64(gaps[i]) * scale)
		}
		total = time.Duration(float64(total) * scale)
	}
	if status.Active() && n > 1 && g.chance(60) {
		// The last message came in recently: move it closer to now.
		target := g.now.Add(-time.Minute - time.Duration(g.rng.Int64N(int64(72*time.Hour))))
		if last := created.Add(total); target.After(last) {
			gaps[n-1] += target.Sub(last)
		}
	}
	out := make([]time.Time, n)
	at := created
	for i := range out {
		at = at.Add(gaps[i])
		out[i] = at.Truncate(time.Second)
	}
	return out
}

// slaByPriority is how long a ticket of each priority may stay open.
var slaByPriority = [...]time.Duration{
	helpdesk.PriorityLow:    10 * 24 * time.Hour,
	helpdesk.PriorityNormal: 5 * 24 * time.Hour,
	helpdesk.PriorityHigh:   2 * 24 * time.Hour,
	helpdesk.PriorityUrgent: 8 * time.Hour,
}

// due gives about half the tickets a due time. Active ones get one around
// now, some already past, so the overdue markers and the due-time alerts
// have something to show; finished ones keep their original SLA.
func (g *demoGen) due(t helpdesk.Ticket) time.Time {
	if !g.chance(45) && t.Priority < helpdesk.PriorityUrgent {
		return time.Time{}
	}
	if !t.Status.Active() {
		return t.Created.Add(slaByPriority[t.Priority])
	}
	d := g.now.Add(time.Duration(g.rng.Int64N(int64(7*24*time.Hour))) - 2*24*time.Hour)
	if earliest := t.Created.Add(time.Hour); d.Before(earliest) {
		d = earliest
	}
	return d.Truncate(time.Minute)
}
