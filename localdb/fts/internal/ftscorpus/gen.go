// Package ftscorpus generates help-desk corpora for the full-text search
// tests and benchmarks: a knowledge base of hand-written and templated IT
// articles with queries of known answers, and synthetic tickets with
// conversations. Everything is deterministic for a given size and seed.
// It is test support: no production code imports it.
package ftscorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Corpus is a generated knowledge base and ticket set.
type Corpus struct {
	Articles []helpdesk.Article
	Tickets  []helpdesk.Ticket
	Comments [][]helpdesk.Comment // Comments[i] is the conversation of Tickets[i]
	Queries  []Query              // queries with a known relevant article
}

// Query is a search with the id of the article that answers it.
type Query struct {
	Text string
	Want uint64
	Form string // plain, typo, inflected, prefix, other
}

// TextBytes returns the size of all the text in the corpus.
func (c *Corpus) TextBytes() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Title) + len(a.Summary) + len(a.Body) + len(a.Category)
	}
	for i, t := range c.Tickets {
		n += len(t.Subject)
		for _, m := range c.Comments[i] {
			n += len(m.Body)
		}
	}
	return n
}

// Quality returns the hand-written articles, about 260 templated ones
// (installs, crashes and access requests for many products, which share
// much vocabulary with the hand-written ones) and the given number of
// tickets, with the quality queries.
func Quality(tickets int) *Corpus {
	r := rand.New(rand.NewPCG(1, 2))
	c := &Corpus{}
	keys := map[string]uint64{}
	for _, t := range topics {
		id := uint64(len(c.Articles) + 1)
		keys[t.key] = id
		c.Articles = append(c.Articles, helpdesk.Article{ID: id, Title: t.title, Summary: t.summary, Body: t.body, Category: t.cat, Updated: epoch})
	}
	c.Articles = append(c.Articles, templated(len(c.Articles))...)
	for _, q := range qualityQueries {
		id, ok := keys[q.want]
		if !ok {
			panic("ftscorpus: query for unknown article " + q.want)
		}
		c.Queries = append(c.Queries, Query{Text: q.text, Want: id})
	}
	formOf(c.Queries)
	c.addTickets(r, tickets)
	return c
}

// Large returns a corpus of the given size: the quality knowledge base,
// filled up to articles with generated longer articles, and tickets with
// about four comments each. The quality queries are included.
func Large(tickets, articles int) *Corpus {
	c := Quality(0)
	r := rand.New(rand.NewPCG(3, 4))
	for len(c.Articles) < articles {
		c.Articles = append(c.Articles, filler(r, uint64(len(c.Articles)+1)))
	}
	c.addTickets(r, tickets)
	return c
}

var epoch = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

func formOf(qs []Query) {
	// The quality list is grouped in this order; see topics.go.
	bounds := []struct {
		n    int
		form string
	}{{23, "plain"}, {18, "typo"}, {10, "inflected"}, {12, "prefix"}, {1 << 30, "other"}}
	i := 0
	for _, b := range bounds {
		for j := 0; j < b.n && i < len(qs); j++ {
			qs[i].Form = b.form
			i++
		}
	}
}

var (
	apps = []string{"Zoom", "Slack", "Microsoft Teams", "Google Chrome", "Mozilla Firefox", "Adobe Acrobat Reader",
		"VLC media player", "7-Zip", "Visual Studio Code", "Python", "Git", "Docker Desktop", "Notepad++",
		"Microsoft Office", "Dropbox", "Webex", "Citrix Workspace", "Java runtime", "PuTTY", "Tableau",
		"Power BI Desktop", "AutoCAD", "Photoshop", "Snagit", "KeePass", "FileZilla", "Wireshark", "R Studio"}
	oses    = []string{"Windows 11", "macOS", "Ubuntu Linux"}
	systems = []string{"SAP", "Salesforce", "Jira", "Confluence", "Workday", "ServiceNow", "GitLab", "AWS console",
		"Azure portal", "HR portal", "Finance share", "Marketing drive", "Legal drive", "Concur expenses", "DocuSign",
		"Tableau Server", "Snowflake", "Okta dashboard", "Miro", "Figma"}
	printers = []string{"HP LaserJet M404", "Canon imageRUNNER C3226", "Brother HL-L2350", "Xerox VersaLink C405",
		"Ricoh IM C3000", "Kyocera ECOSYS M2540", "Epson WorkForce Pro", "Lexmark MX521"}
	cities = []string{"London", "Paris", "Berlin", "Madrid", "Warsaw", "Dublin", "Lisbon", "Prague", "Vienna", "Oslo"}
)

// templated makes the articles of the product, system, printer and office
// families; ids follow after.
func templated(after int) []helpdesk.Article {
	var out []helpdesk.Article
	add := func(cat, title, summary, body string) {
		out = append(out, helpdesk.Article{ID: uint64(after + len(out) + 1), Title: title, Summary: summary, Body: body, Category: cat, Updated: epoch})
	}
	for i, app := range apps {
		for _, os := range oses {
			add(catSoftware, "Install "+app+" on "+os,
				"How to install "+app+" on "+os+" from the Software Center or Self Service.",
				fmt.Sprintf("%s is approved for %s. Open the Software Center (Self Service on macOS), search for %s and click Install. "+
					"The installation takes a few minutes and may ask you to close open applications. Licences for %s are assigned automatically. "+
					"If the installation fails, restart the computer and try again, or request help with the product name and version %d.%d.", app, os, app, app, 2+i%5, i%10))
		}
		add(catSoftware, app+" crashes or will not start",
			"Troubleshoot "+app+" when it closes unexpectedly or does not open.",
			fmt.Sprintf("If %s crashes on startup, update it to the latest version from the Software Center, restart the computer and try again. "+
				"Reset the %s settings by renaming its settings folder. Crash reports are collected automatically; attach the time of the crash to your request.", app, app))
		add(catSoftware, "Update "+app,
			"Keep "+app+" up to date.",
			fmt.Sprintf("Updates for %s are deployed automatically every month. To update now, open the Software Center and choose Update next to %s. "+
				"Some updates need a restart. Old versions of %s are removed after 30 days.", app, app, app))
	}
	for _, sys := range systems {
		add(catAccounts, "Request access to "+sys,
			"Ask for an account or a role in "+sys+".",
			fmt.Sprintf("Access to %s is requested in the self-service portal under Access Requests. Choose %s, the role you need and a business reason. "+
				"Your manager approves the request, then the %s owner grants it within two working days. Sign in with single sign-on.", sys, sys, sys))
		add(catSoftware, sys+" is slow or unavailable",
			"Check the status of "+sys+" before reporting an outage.",
			fmt.Sprintf("Check the service status page for planned maintenance of %s. If %s is slow only for you, clear the browser cache and try another browser. "+
				"Report an outage with the time it started and the error message.", sys, sys))
	}
	for i, p := range printers {
		add(catPrinting, "Install the driver for the "+p,
			"Driver and settings for the "+p+".",
			fmt.Sprintf("The %s driver is installed automatically from the print server. For a direct USB connection download the universal driver from the Software Center. "+
				"Firmware version %d.%d fixes the scanning issue reported in spring.", p, 3+i%4, i))
		add(catPrinting, "The "+p+" shows an error code",
			"Error codes on the display of the "+p+".",
			fmt.Sprintf("Write down the error code on the %s display and switch the device off and on again. Error codes starting with 5 are service errors: "+
				"report them with the asset tag. Codes starting with 1 are paper handling errors listed in the manual.", p))
	}
	for _, city := range cities {
		add(catFacility, city+" office: opening hours and reception",
			"Opening hours, reception and visitors at the "+city+" office.",
			fmt.Sprintf("The %s office is open from 7:00 to 20:00 on working days. Reception registers visitors and hands out guest badges. "+
				"The service desk corner on the ground floor helps with laptops and accessories.", city))
		add(catFacility, city+" office: parking and access",
			"Car parks, bicycles and access at the "+city+" office.",
			fmt.Sprintf("Parking at the %s office is booked in the workplace app. Bicycle storage is in the basement. "+
				"Access outside opening hours needs approval from the office manager.", city))
	}
	for i := range 20 {
		code := fmt.Sprintf("0x8024%04X", 0x2000+i*37)
		add(catSoftware, "Windows Update error "+code,
			"The update could not be installed and reports "+code+".",
			fmt.Sprintf("Error %s means the update could not be downloaded or installed. Restart, make sure the computer is connected to the company network, "+
				"and run the troubleshooter. KB%d is superseded by the next cumulative update.", code, 5030000+i*113))
	}
	return out
}

// Word pools for generated text.
var (
	firstNames = []string{"Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jakub", "Kira", "Liam",
		"Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wei", "Yusuf", "Zoe"}
	lastNames = []string{"Novak", "Schmidt", "Garcia", "Rossi", "Dubois", "Kowalski", "Silva", "Jensen", "Murphy", "Horvat",
		"Nielsen", "Costa", "Weber", "Moreau", "Fischer", "Lopez", "Berg", "Walsh", "Ivanova", "Sato"}
	depts    = []string{"finance", "sales", "marketing", "legal", "HR", "engineering", "operations", "procurement", "support", "research"}
	things   = []string{"password", "MFA methods", "VPN profile", "Outlook profile", "OneDrive client", "print queue", "Teams cache", "network adapter", "display driver", "BitLocker PIN", "mailbox permissions", "licence", "certificate", "dock firmware"}
	actions  = []string{"open Outlook", "connect to the VPN", "print", "sign in", "open the shared drive", "join the Teams meeting", "sync OneDrive", "start the laptop", "open SAP", "scan", "send email", "use the second monitor", "save the file", "open the HR portal"}
	problems = []string{"the VPN disconnects every few minutes", "Outlook says disconnected", "the printer on the third floor is jammed again",
		"my password expired while I was travelling", "the laptop is very slow", "the external monitor stays black", "OneDrive shows a red cross on many files",
		"Teams has no sound in meetings", "I get a blue screen after the update", "the battery drains in two hours", "Excel freezes when I open the budget workbook",
		"my account is locked", "I cannot find my files on the shared drive", "the Wi-Fi in the meeting room keeps dropping", "BitLocker asks for a recovery key",
		"the mailbox is full and I cannot send", "the headset microphone does not work", "the docking station does not charge the laptop",
		"the webcam picture is black", "the keyboard types wrong characters", "single sign-on loops back to the login page", "Windows Update fails with an error",
		"the scanner does not send the PDF to my email", "I lost my phone with the Authenticator app", "the intranet does not load from home"}
	fixes = []string{"I have reset your %s; please try again and let me know.", "Please restart the laptop and connect to the VPN before signing in.",
		"I reinstalled the %s remotely. It should work now.", "Could you send a screenshot of the error message?",
		"This is a known issue after the latest update; a fix is being deployed this week.", "I cleared the %s and the problem should be gone.",
		"Closing this ticket as the issue is resolved. Reply to reopen it if the problem comes back.",
		"Please try the steps in the knowledge base article and tell us whether they helped.", "The replacement has been ordered and will arrive at reception on %s."}
	notes = []string{"Checked the logs on %s: authentication failures from an old device.", "Escalating to L2: looks like a problem with the %s sync.",
		"User's mailbox at 49.8 GB, archive not enabled.", "Known issue with driver version %s; workaround in the KB.",
		"Called the user, no answer. Will try again after lunch.", "Remote session to %s: disk at 98%%, cleared temp files.",
		"Asset %s is out of warranty; replacement approved by the manager.", "Same problem reported by three users on floor %d."}
	fillers = []string{"It worked yesterday before the update.", "I already restarted the computer but it still does not work.",
		"This is urgent because I have a customer meeting at %s.", "My colleague %s has the same problem.", "Thanks for the quick help!",
		"It happens both in the office and at home.", "I am working from the %s office this week.", "Any update on this?",
		"The error code is %s.", "I can be reached on my mobile until %s."}
	syllables = []string{"ka", "lo", "mi", "tra", "ven", "sul", "dor", "pex", "qua", "rin", "zel", "bo", "nix", "ter", "gal", "fus", "wim", "ost"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func person(r *rand.Rand) string { return pick(r, firstNames) + " " + pick(r, lastNames) }

func host(r *rand.Rand) string {
	return fmt.Sprintf("%s-%s-%04d", pick(r, []string{"LT", "WS", "SRV", "VM"}), strings.ToUpper(pick(r, cities)[:3]), r.IntN(10000))
}

func errCode(r *rand.Rand) string {
	return fmt.Sprintf("0x%08X", 0x80070000+r.IntN(0x10000))
}

// rareWord makes up a word: product names, jargon and misspellings give a
// real ticket vocabulary its long tail.
func rareWord(r *rand.Rand) string {
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(pick(r, syllables))
	}
	return b.String()
}

// typo drops, doubles or swaps one letter of a word.
func typo(r *rand.Rand, w string) string {
	if len(w) < 4 {
		return w
	}
	i := 1 + r.IntN(len(w)-2)
	switch r.IntN(3) {
	case 0:
		return w[:i] + w[i+1:]
	case 1:
		return w[:i] + w[i:i+1] + w[i:]
	default:
		return w[:i] + w[i+1:i+2] + w[i:i+1] + w[i+2:]
	}
}

// sprinkle adds made-up words and typos to a sentence now and then.
func sprinkle(r *rand.Rand, s string) string {
	if r.IntN(4) == 0 {
		s += " (" + rareWord(r) + ")"
	}
	if r.IntN(20) == 0 {
		ws := strings.Fields(s)
		i := r.IntN(len(ws))
		ws[i] = typo(r, ws[i])
		s = strings.Join(ws, " ")
	}
	return s
}

func fill(r *rand.Rand, format string) string {
	n := strings.Count(format, "%") - 2*strings.Count(format, "%%")
	if n == 0 {
		return strings.ReplaceAll(format, "%%", "%")
	}
	var args []any
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		switch format[i+1] {
		case 's':
			args = append(args, pick(r, []func() string{
				func() string { return host(r) }, func() string { return pick(r, things) }, func() string { return errCode(r) },
				func() string { return person(r) }, func() string { return pick(r, cities) }, func() string { return fmt.Sprintf("%d:%02d", 8+r.IntN(10), 15*r.IntN(4)) },
			})())
		case 'd':
			args = append(args, 1+r.IntN(9))
		case '%':
			i++
		}
	}
	return fmt.Sprintf(format, args...)
}

func (c *Corpus) addTickets(r *rand.Rand, n int) {
	base := uint64(len(c.Tickets))
	commentID := uint64(0)
	for _, cs := range c.Comments {
		commentID += uint64(len(cs))
	}
	for i := range n {
		id := base + uint64(i) + 1
		prob := pick(r, problems)
		var subj string
		switch r.IntN(3) {
		case 0:
			subj = "Cannot " + pick(r, actions)
		case 1:
			subj = strings.ToUpper(prob[:1]) + prob[1:]
		default:
			subj = fmt.Sprintf("%s: %s", pick(r, depts), pick(r, actions)+" fails on "+host(r))
		}
		t := helpdesk.Ticket{ID: id, RemoteID: 10000 + id, Subject: subj, Requester: person(r),
			Status: pick(r, helpdesk.Statuses()), Priority: 0, Tier: helpdesk.Tier(r.IntN(4)),
			Queue: pick(r, depts), Created: epoch.Add(time.Duration(i) * time.Minute), Updated: epoch.Add(time.Duration(i) * time.Minute)}
		if !t.Status.Valid() {
			t.Status = helpdesk.StatusOpen
		}
		var cs []helpdesk.Comment
		first := fmt.Sprintf("Hi, since this morning %s on my laptop %s. When I try to %s I get the error %s.", prob, host(r), pick(r, actions), errCode(r))
		for range r.IntN(3) {
			first += " " + fill(r, pick(r, fillers))
		}
		cs = append(cs, helpdesk.Comment{Kind: helpdesk.Reply, Author: t.Requester, Body: sprinkle(r, first)})
		for range r.IntN(7) {
			var body string
			kind := helpdesk.Reply
			switch r.IntN(4) {
			case 0:
				kind = helpdesk.Note
				body = fill(r, pick(r, notes))
			case 1:
				body = fill(r, pick(r, fillers)) + " " + fill(r, pick(r, fillers))
			default:
				body = fill(r, pick(r, fixes)) + " " + fill(r, pick(r, fillers))
			}
			cs = append(cs, helpdesk.Comment{Kind: kind, Author: person(r), Body: sprinkle(r, body)})
		}
		for j := range cs {
			commentID++
			cs[j].ID, cs[j].TicketID, cs[j].Created = commentID, id, t.Created.Add(time.Duration(j)*time.Hour)
		}
		c.Tickets = append(c.Tickets, t)
		c.Comments = append(c.Comments, cs)
	}
}

// filler makes a longer generated article about a product and a task.
func filler(r *rand.Rand, id uint64) helpdesk.Article {
	app := pick(r, append(append([]string{}, apps...), systems...))
	task := pick(r, []string{"configure", "export data from", "troubleshoot", "migrate to the new version of", "automate reports in", "share results from", "set permissions in", "audit usage of"})
	os := pick(r, oses)
	title := fmt.Sprintf("%s %s (%s, %s)", strings.ToUpper(task[:1])+task[1:], app, os, rareWord(r))
	var body strings.Builder
	for range 12 + r.IntN(20) {
		body.WriteString(pick(r, []string{
			"Open " + app + " and go to the settings page.", "Choose the " + pick(r, depts) + " workspace and select the report.",
			"Make sure you are connected to the company network or the VPN.", "The change applies after you sign out and sign in again.",
			"Ask the " + pick(r, depts) + " team for the template.", "Keep a copy of the export in OneDrive.",
			"If the option is missing, your role does not include it: request access.", "Large exports can take several minutes.",
			"The " + rareWord(r) + " option controls the default format.", "Version " + fmt.Sprint(r.IntN(20)) + " changed the menu layout.",
			"Screenshots in this article show " + os + ".", "Contact the service desk if an error code such as " + errCode(r) + " appears.",
		}))
		body.WriteByte(' ')
	}
	cat := pick(r, []string{catSoftware, catCollab, catStorage, catAccounts, catHardware})
	return helpdesk.Article{ID: id, Title: title, Summary: "How to " + task + " " + app + ".", Body: body.String(), Category: cat, Updated: epoch}
}

// BenchQueries returns n search-box queries over the corpus vocabulary:
// one to four words, a quarter with a typo, a third still being typed.
func BenchQueries(n int) []string {
	r := rand.New(rand.NewPCG(5, 6))
	var words []string
	for _, t := range topics {
		for _, w := range strings.Fields(strings.ToLower(t.title)) {
			w = strings.Trim(w, "().,:\"")
			if len(w) > 3 {
				words = append(words, w)
			}
		}
	}
	for _, p := range problems {
		for _, w := range strings.Fields(p) {
			if len(w) > 3 {
				words = append(words, w)
			}
		}
	}
	out := make([]string, 0, n)
	for _, q := range qualityQueries {
		if len(out) == n/3 {
			break
		}
		out = append(out, q.text)
	}
	for len(out) < n {
		k := 1 + r.IntN(4)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pick(r, words)
		}
		if r.IntN(4) == 0 {
			i := r.IntN(k)
			ws[i] = typo(r, ws[i])
		}
		if r.IntN(3) == 0 {
			last := ws[k-1]
			ws[k-1] = last[:max(2, len(last)*2/3)]
		}
		out = append(out, strings.Join(ws, " "))
	}
	return out
}
