package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
	"github.com/tierdesk/tierdesk/localdb/fts"
)

// kbSearchLimit is the number of ranked hits the search list shows.
const kbSearchLimit = 50

// Tree node ids: categories and articles live in one tree, told apart by a
// prefix.
const (
	catPrefix     = "c:"
	articlePrefix = "a:"
)

// kbView is the knowledge base: articles grouped by category in a tree, a
// search box above it and the selected article rendered from Markdown. The
// articles are read from the desk when the view is first opened (and again
// after a sync), then searched in memory.
type kbView struct {
	u *UI

	search *keyEntry
	tree   *widget.Tree
	count  *widget.Label
	note   *widget.Label // "the index is being built", while it is

	// hits are the ranked full-text results shown in results instead of
	// the tree while there is search text and the index is ready.
	hits    []fts.Hit
	results *widget.List
	waiting bool // a goroutine waits for the index to refresh the search

	articles []helpdesk.Article
	haystack []string // lower-cased title, summary, category and body per article
	cats     []string
	byCat    map[string][]int // category → indexes into articles, by title

	title   *widget.Label
	meta    *widget.Label
	body    *widget.RichText
	scroll  *container.Scroll
	shown   uint64
	reading fyne.CanvasObject
	hint    fyne.CanvasObject

	stale bool
	pane  fyne.CanvasObject
}

func newKBView(u *UI) *kbView {
	k := &kbView{u: u, stale: true}
	k.search = newKeyEntry()
	k.search.SetPlaceHolder("Search the knowledge base")
	k.search.OnChanged = func(string) { k.filter() }
	k.search.onEscape = func() { k.search.SetText("") }
	k.search.shortcut = u.runShortcut
	k.count = widget.NewLabel("")
	k.count.SizeName = theme.SizeNameCaptionText

	k.tree = widget.NewTree(k.childUIDs, k.isBranch, k.createNode, k.updateNode)
	k.tree.OnSelected = k.selected

	k.note = widget.NewLabel("Search index is being built…")
	k.note.SizeName = theme.SizeNameCaptionText
	k.note.Importance = widget.LowImportance
	k.note.Hide()
	k.results = widget.NewList(func() int { return len(k.hits) }, k.createHit, k.updateHit)
	k.results.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(k.hits) {
			k.open(k.hits[i].ID)
		}
	}
	k.results.Hide()

	k.title = widget.NewLabel("")
	k.title.TextStyle = fyne.TextStyle{Bold: true}
	k.title.SizeName = theme.SizeNameSubHeadingText
	k.title.Wrapping = fyne.TextWrapWord
	k.meta = widget.NewLabel("")
	k.meta.SizeName = theme.SizeNameCaptionText
	k.body = widget.NewRichText()
	k.body.Wrapping = fyne.TextWrapWord
	k.scroll = container.NewVScroll(k.body)
	k.reading = container.NewBorder(container.NewVBox(k.title, k.meta, widget.NewSeparator()), nil, nil, nil, k.scroll)
	k.reading.Hide()
	hint := widget.NewLabel("Choose an article.")
	hint.Importance = widget.LowImportance
	k.hint = container.NewCenter(hint)

	left := container.NewBorder(container.NewVBox(k.search, k.count, k.note), nil, nil, nil,
		container.NewStack(k.tree, k.results))
	split := container.NewHSplit(left, container.NewStack(k.hint, k.reading))
	split.Offset = 0.36
	k.pane = split
	k.pane.Hide()
	return k
}

// show is called when the view is opened.
func (k *kbView) show() {
	if k.stale {
		k.load()
	}
}

// invalidate marks the articles changed (a sync); they are read again now
// if the view is on screen, otherwise when it is next opened.
func (k *kbView) invalidate() {
	k.stale = true
	if k.pane.Visible() {
		k.load()
	}
}

// load reads every article from the desk.
func (k *kbView) load() {
	as, err := k.u.desk.Articles()
	k.stale = false
	if err != nil {
		k.u.report("Could not read the whole knowledge base", err)
	}
	k.articles = as
	k.haystack = make([]string, len(as))
	for i, a := range as {
		k.haystack[i] = strings.ToLower(a.Title + "\n" + a.Summary + "\n" + a.Category + "\n" + a.Body)
	}
	k.filter()
	if k.shown != 0 {
		k.open(k.shown)
	}
}

// filter shows the articles matching the search text: every article by
// category when there is none, ranked full-text hits when there is and the
// search index is ready, otherwise the articles containing the text.
func (k *kbView) filter() {
	text := strings.TrimSpace(k.search.Text)
	ready := text == "" || k.u.desk.SearchReady()
	if ready {
		k.note.Hide()
	} else {
		k.note.Show()
		k.awaitIndex()
	}
	if text != "" && ready {
		k.searchIndex(text)
		return
	}
	k.hits = nil
	k.results.UnselectAll()
	k.results.Hide()
	k.tree.Show()
	q := strings.ToLower(text)
	k.byCat = make(map[string][]int)
	k.cats = k.cats[:0]
	n := 0
	for i, a := range k.articles {
		if q != "" && !strings.Contains(k.haystack[i], q) {
			continue
		}
		cat := a.Category
		if cat == "" {
			cat = "Uncategorised"
		}
		if _, ok := k.byCat[cat]; !ok {
			k.cats = append(k.cats, cat)
		}
		k.byCat[cat] = append(k.byCat[cat], i)
		n++
	}
	slices.Sort(k.cats)
	for _, c := range k.cats {
		slices.SortFunc(k.byCat[c], func(a, b int) int {
			return cmp.Compare(strings.ToLower(k.articles[a].Title), strings.ToLower(k.articles[b].Title))
		})
	}
	k.count.SetText(plural(n, "article", "articles"))
	k.tree.Refresh()
	k.tree.OpenAllBranches()
}

// searchIndex lists the ranked full-text hits for text. The index is in
// memory, so this runs on the UI goroutine as the user types.
func (k *kbView) searchIndex(text string) {
	hits := k.u.desk.Search(text, app.SearchOptions{Kinds: []fts.Kind{fts.KindArticle}, Limit: kbSearchLimit})
	for i := range hits {
		if hits[i].Title == "" {
			// The index had no source text; use the loaded article.
			if a, ok := k.article(articlePrefix + strconv.FormatUint(hits[i].ID, 10)); ok {
				hits[i].Title = a.Title
			}
		}
		hits[i].Title = oneLine(hits[i].Title)
		hits[i].Snippet = oneLine(hits[i].Snippet)
	}
	k.hits = hits
	k.count.SetText(plural(len(hits), "article", "articles"))
	k.tree.Hide()
	k.results.UnselectAll()
	k.results.Show()
	k.results.Refresh()
	k.results.ScrollToTop()
}

// awaitIndex refreshes the search once the index is built, so the
// substring fallback gives way to ranked hits without another keystroke.
func (k *kbView) awaitIndex() {
	if k.waiting {
		return
	}
	k.waiting = true
	d := k.u.desk
	go func() {
		ok := d.WaitSearch(2 * time.Minute)
		k.u.deliver(func() {
			k.waiting = false
			if ok && k.note.Visible() {
				k.filter()
			}
		})
	}()
}

// oneLine folds text onto one line for a fixed-height row.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (k *kbView) createHit() fyne.CanvasObject {
	title := widget.NewLabel("Template article title")
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Truncation = fyne.TextTruncateEllipsis
	snippet := widget.NewLabel("Template snippet")
	snippet.SizeName = theme.SizeNameCaptionText
	snippet.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, snippet)
}

// updateHit fills a result row from the hits slice; it never reads the store.
func (k *kbView) updateHit(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(k.hits) {
		return
	}
	h := k.hits[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(h.Title)
	box.Objects[1].(*widget.Label).SetText(h.Snippet)
}

func (k *kbView) childUIDs(uid widget.TreeNodeID) []widget.TreeNodeID {
	if uid == "" {
		ids := make([]string, len(k.cats))
		for i, c := range k.cats {
			ids[i] = catPrefix + c
		}
		return ids
	}
	idx := k.byCat[strings.TrimPrefix(uid, catPrefix)]
	ids := make([]string, len(idx))
	for i, j := range idx {
		ids[i] = articlePrefix + strconv.FormatUint(k.articles[j].ID, 10)
	}
	return ids
}

func (k *kbView) isBranch(uid widget.TreeNodeID) bool {
	return uid == "" || strings.HasPrefix(uid, catPrefix)
}

func (k *kbView) createNode(bool) fyne.CanvasObject {
	l := widget.NewLabel("Template article title")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (k *kbView) updateNode(uid widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if branch {
		cat := strings.TrimPrefix(uid, catPrefix)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.SetText(cat + "  (" + strconv.Itoa(len(k.byCat[cat])) + ")")
		return
	}
	l.TextStyle = fyne.TextStyle{}
	if a, ok := k.article(uid); ok {
		l.SetText(a.Title)
	}
}

// article finds the article of a tree node in memory.
func (k *kbView) article(uid widget.TreeNodeID) (helpdesk.Article, bool) {
	id, err := strconv.ParseUint(strings.TrimPrefix(uid, articlePrefix), 10, 64)
	if err != nil {
		return helpdesk.Article{}, false
	}
	for _, a := range k.articles {
		if a.ID == id {
			return a, true
		}
	}
	return helpdesk.Article{}, false
}

func (k *kbView) selected(uid widget.TreeNodeID) {
	if k.isBranch(uid) {
		return
	}
	if a, ok := k.article(uid); ok {
		k.open(a.ID)
	}
}

// open renders one article.
func (k *kbView) open(id uint64) {
	a, ok := k.article(articlePrefix + strconv.FormatUint(id, 10))
	if !ok {
		// A hit the index has but the loaded articles lack (changed
		// since they were read): read it from the desk.
		var err error
		if a, err = k.u.desk.Article(id); err != nil {
			return
		}
	}
	k.shown = id
	k.title.SetText(a.Title)
	meta := a.Category
	if !a.Updated.IsZero() {
		meta += " · updated " + shortDate(k.u.desk.Now(), a.Updated)
	}
	k.meta.SetText(meta)
	k.body.ParseMarkdown(drawable(withoutTitle(a.Body, a.Title)))
	k.scroll.ScrollToTop()
	k.hint.Hide()
	k.reading.Show()
}

// withoutTitle drops a leading Markdown heading that repeats the title,
// which the view already shows above the article.
func withoutTitle(body, title string) string {
	trimmed := strings.TrimLeft(body, " \t\r\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	if strings.HasPrefix(first, "#") && strings.EqualFold(strings.TrimSpace(strings.TrimLeft(first, "#")), strings.TrimSpace(title)) {
		return rest
	}
	return body
}
