// Package devgen generates large help-desk stores for development and the
// performance benchmarks: tickets with conversations and knowledge-base
// articles whose tiers, statuses, owners, conversation lengths and article
// sizes spread the way a real help desk's do. The same options always give
// the same records, so benchmark runs compare like with like.
package devgen

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb"
)

// Options size a generated store.
type Options struct {
	Tickets  int
	Articles int
	Seed     uint64
	// Now is the time the newest ticket is near; zero means a fixed date,
	// so two runs write byte-identical stores.
	Now time.Time
	// BatchTickets is how many tickets (with their comments) go in one
	// batch; zero means 1000, which keeps each Badger write well below the
	// transaction limit while amortising its commit.
	BatchTickets int
}

// Me is the technician the generated workspace belongs to; some tickets are
// assigned to them so "Assigned to me" is not empty.
const Me = "alex"

// defaultNow is the fixed clock of a generated store.
var defaultNow = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// spanDays is how far back the oldest ticket goes.
const spanDays = 730

// MaxConversation bounds the comments of one ticket.
const MaxConversation = 20

// Batches yields the store in batches: the articles first, then the
// tickets oldest first with their comments. Ids are assigned here (tickets
// 1..N, comments in order), so writing the batches again overwrites the
// same records instead of adding copies.
func Batches(o Options) iter.Seq[localdb.Batch] {
	return func(yield func(localdb.Batch) bool) {
		g := newGen(o)
		per := o.BatchTickets
		if per <= 0 {
			per = 1000
		}
		arts := make([]helpdesk.Article, 0, min(o.Articles, 1000))
		for i := range o.Articles {
			arts = append(arts, g.article(uint64(i+1)))
			if len(arts) == cap(arts) {
				if !yield(localdb.Batch{Articles: arts}) {
					return
				}
				arts = make([]helpdesk.Article, 0, min(o.Articles-i-1, 1000))
			}
		}
		if len(arts) > 0 && !yield(localdb.Batch{Articles: arts}) {
			return
		}
		var b localdb.Batch
		for i := range o.Tickets {
			t, cs := g.ticket(uint64(i+1), i, o.Tickets)
			b.Tickets = append(b.Tickets, t)
			b.Comments = append(b.Comments, cs...)
			if len(b.Tickets) == per {
				if !yield(b) {
					return
				}
				b = localdb.Batch{}
			}
		}
		if len(b.Tickets) > 0 {
			yield(b)
		}
	}
}

// Stats describes what Batches generated, for the command's summary and the
// tests that check the spreads.
type Stats struct {
	Tickets, Comments, Articles int
	ByTier                      map[helpdesk.Tier]int
	ByStatus                    map[helpdesk.Status]int
	Owners                      map[string]int
	ArticleBytes                int
	MinArticle, MaxArticle      int
	MaxConversation             int
}

// Add counts one batch.
func (s *Stats) Add(b localdb.Batch) {
	if s.ByTier == nil {
		s.ByTier, s.ByStatus, s.Owners = map[helpdesk.Tier]int{}, map[helpdesk.Status]int{}, map[string]int{}
		s.MinArticle = math.MaxInt
	}
	s.Tickets += len(b.Tickets)
	s.Comments += len(b.Comments)
	s.Articles += len(b.Articles)
	for _, t := range b.Tickets {
		s.ByTier[t.Tier]++
		s.ByStatus[t.Status]++
		s.Owners[t.Owner]++
	}
	run, last := 0, uint64(0)
	for _, c := range b.Comments {
		if c.TicketID != last {
			run, last = 0, c.TicketID
		}
		run++
		s.MaxConversation = max(s.MaxConversation, run)
	}
	for _, a := range b.Articles {
		n := len(a.Body)
		s.ArticleBytes += n
		s.MinArticle = min(s.MinArticle, n)
		s.MaxArticle = max(s.MaxArticle, n)
	}
}

type gen struct {
	r       *rand.Rand
	now     time.Time
	comment uint64
	people  []string
}

func newGen(o Options) *gen {
	now := o.Now
	if now.IsZero() {
		now = defaultNow
	}
	g := &gen{r: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed_de5c_0de5_1234)), now: now.UTC().Truncate(time.Second)}
	// About 2,500 requesters: a mid-sized organisation.
	seen := map[string]bool{}
	for len(g.people) < 2500 {
		p := pick(g.r, firstNames) + "." + pick(g.r, lastNames)
		if seen[p] {
			// Namesakes get a number, as directories do.
			p += fmt.Sprint(g.r.IntN(90) + 10)
		}
		if !seen[p] {
			seen[p] = true
			g.people = append(g.people, p)
		}
	}
	return g
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) pct(p int) bool { return g.r.IntN(100) < p }

// tier: about 75% of tickets stay at L1, 20% reach L2, 5% L3.
func (g *gen) tier() helpdesk.Tier {
	switch n := g.r.IntN(100); {
	case n < 75:
		return helpdesk.L1
	case n < 95:
		return helpdesk.L2
	}
	return helpdesk.L3
}

// status follows RT's lifecycle with age: recent tickets are mostly new or
// open, old ones mostly resolved.
func (g *gen) status(ageDays float64) helpdesk.Status {
	r := g.r.Float64() * 100
	resolved := 20 + 70*math.Min(1, ageDays/60)
	switch {
	case r < resolved:
		return helpdesk.StatusResolved
	case r < resolved+4:
		return helpdesk.StatusRejected
	case ageDays < 7 && r < resolved+4+30:
		return helpdesk.StatusNew
	case r < resolved+4+35:
		return helpdesk.StatusOpen
	case r < resolved+4+45:
		return helpdesk.StatusStalled
	}
	return helpdesk.StatusOpen
}

func (g *gen) priority() helpdesk.Priority {
	switch n := g.r.IntN(100); {
	case n < 25:
		return helpdesk.PriorityLow
	case n < 80:
		return helpdesk.PriorityNormal
	case n < 95:
		return helpdesk.PriorityHigh
	}
	return helpdesk.PriorityUrgent
}

// conversationLength is skewed: most tickets get a few comments, a few get
// long threads; the mean is about four.
func (g *gen) conversationLength() int {
	return min(MaxConversation, int(g.r.ExpFloat64()*4.5))
}

// ticket makes ticket i of n (oldest first) and its conversation.
func (g *gen) ticket(id uint64, i, n int) (helpdesk.Ticket, []helpdesk.Comment) {
	// Creation times grow with the id, as server ids do, with some jitter.
	frac := float64(i) / float64(max(n, 1))
	age := time.Duration((1 - frac) * spanDays * 24 * float64(time.Hour))
	created := g.now.Add(-age - time.Duration(g.r.Int64N(int64(6*time.Hour))) - 10*time.Minute).Truncate(time.Second)
	ageDays := g.now.Sub(created).Hours() / 24
	topic := &topics[g.r.IntN(len(topics))]
	s := g.slots(topic)
	t := helpdesk.Ticket{
		ID:        id,
		RemoteID:  id,
		Subject:   s.Replace(pick(g.r, topic.subjects)),
		Requester: pick(g.r, g.people),
		Status:    g.status(ageDays),
		Priority:  g.priority(),
		Tier:      g.tier(),
		Queue:     topic.queue,
		Created:   created,
		Version:   fmt.Sprintf("%016x", g.r.Uint64()),
	}
	if g.pct(2) {
		t.Requester = Me
	}
	agents := agentsByTier[t.Tier]
	switch {
	case t.Status == helpdesk.StatusNew && !g.pct(10):
	case t.Status == helpdesk.StatusOpen && g.pct(15):
	default:
		t.Owner = pick(g.r, agents)
	}
	k := g.conversationLength()
	cs := make([]helpdesk.Comment, 0, k)
	at := created
	for j := range k {
		c := helpdesk.Comment{TicketID: id, Kind: helpdesk.Reply, Created: at}
		switch {
		case j == 0:
			c.Author, c.Body = t.Requester, s.Replace(pick(g.r, topic.reports))
			if g.pct(40) {
				c.Body += " " + s.Replace(pick(g.r, followUps))
			}
		case j%2 == 1 && g.pct(35):
			c.Kind, c.Author, c.Body = helpdesk.Note, pick(g.r, agents), s.Replace(pick(g.r, notes))
		case j%2 == 1:
			c.Author, c.Body = pick(g.r, agents), s.Replace(pick(g.r, topic.answers))
			if g.pct(30) {
				c.Body += " " + s.Replace(pick(g.r, askMore))
			}
		default:
			c.Author, c.Body = t.Requester, s.Replace(pick(g.r, followUps))
			if g.pct(25) {
				c.Body += " " + s.Replace(pick(g.r, followUps))
			}
		}
		if g.pct(15) {
			c.Body += " (" + g.rareWord() + ")"
		}
		g.comment++
		c.ID, c.RemoteID = g.comment, g.comment
		cs = append(cs, c)
		at = at.Add(5*time.Minute + time.Duration(g.r.ExpFloat64()*float64(8*time.Hour))).Truncate(time.Second)
		if at.After(g.now) {
			at = g.now.Add(-time.Minute)
		}
	}
	t.Updated = created
	if len(cs) > 0 {
		t.Updated = cs[len(cs)-1].Created
	}
	if t.Status.Active() && g.pct(40) {
		t.Due = t.Created.Add(time.Duration(1+g.r.IntN(10)) * 24 * time.Hour)
	}
	return t, cs
}

// slots fills one ticket's placeholders consistently across its subject
// and conversation.
func (g *gen) slots(tp *topic) *strings.Replacer {
	return strings.NewReplacer(
		"{app}", pick(g.r, apps),
		"{system}", pick(g.r, systems),
		"{printer}", pick(g.r, printers),
		"{site}", pick(g.r, sites),
		"{host}", fmt.Sprintf("%s-%s-%04d", pick(g.r, []string{"LT", "WS", "VM", "SRV"}), strings.ToUpper(pick(g.r, sites)[:3]), g.r.IntN(10000)),
		"{err}", fmt.Sprintf("0x%08X", 0x80070000+g.r.IntN(0x10000)),
		"{floor}", fmt.Sprint(1+g.r.IntN(9)),
		"{n}", fmt.Sprint(2+g.r.IntN(40)),
		"{thing}", pick(g.r, things),
		"{when}", pick(g.r, whens),
		"{version}", fmt.Sprintf("%d.%d.%d", 1+g.r.IntN(12), g.r.IntN(20), g.r.IntN(9)),
		"{kb}", fmt.Sprintf("KB-%04d", 1+g.r.IntN(9999)),
		"{topic}", tp.name,
	)
}

// rareWord makes up a word: product names, jargon and typos give a ticket
// vocabulary its long tail, which a search index must cope with.
func (g *gen) rareWord() string {
	var b strings.Builder
	for range 2 + g.r.IntN(3) {
		b.WriteString(pick(g.r, syllables))
	}
	return b.String()
}

// article makes one knowledge-base article whose body size follows a
// log-normal spread between 300 bytes and 20 KB (median about 2 KB).
func (g *gen) article(id uint64) helpdesk.Article {
	tp := &topics[g.r.IntN(len(topics))]
	s := g.slots(tp)
	size := int(math.Exp(math.Log(2000) + 0.9*g.r.NormFloat64()))
	size = max(300, min(20_000, size))
	var b strings.Builder
	for b.Len() < size {
		p := s.Replace(pick(g.r, articleSentences))
		if b.Len()+len(p)+1 > size && b.Len() >= 300 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if g.pct(8) {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	body := b.String()
	if len(body) > size && size >= 300 {
		body = body[:size]
	}
	title := s.Replace(pick(g.r, tp.articles))
	if g.pct(30) {
		title += " (" + g.rareWord() + ")"
	}
	return helpdesk.Article{
		ID:       id,
		RemoteID: id,
		Title:    title,
		Summary:  s.Replace(pick(g.r, tp.answers)),
		Body:     body,
		Category: tp.category,
		Updated:  g.now.Add(-time.Duration(g.r.Int64N(int64(spanDays * 24 * time.Hour)))).Truncate(time.Second),
	}
}
