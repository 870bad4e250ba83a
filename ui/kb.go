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

	// category narrows both the tree and the search; allCategories
	// means no narrowing.
	category *widget.Select

	title *widget.Label
	meta  *widget.Label
	body  *widget.RichText
	// related lists articles on the same subject below the one shown.
	related     []helpdesk.Article
	relatedHead *widget.Label
	relatedBox  *fyne.Container
	page        *fyne.Container // body and related, in the scroll
	// editB and newB are for authors (L2/L3) only.
	editB   *widget.Button
	newB    *widget.Button
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
	k.category = widget.NewSelect([]string{allCategories}, nil)
	k.category.SetSelected(allCategories)
	k.category.OnChanged = func(string) { k.filter() }

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
	k.relatedHead = widget.NewLabel("Related articles")
	k.relatedHead.TextStyle = fyne.TextStyle{Bold: true}
	k.relatedBox = container.NewVBox()
	k.page = container.NewVBox(k.body, k.relatedHead, k.relatedBox)
	k.scroll = container.NewVScroll(k.page)
	k.editB = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if a, ok := k.article(articlePrefix + strconv.FormatUint(k.shown, 10)); ok {
			u.editArticle(a)
		}
	})
	k.newB = widget.NewButtonWithIcon("New article", theme.ContentAddIcon(), u.newArticle)
	if !u.desk.CanAuthor() {
		k.editB.Hide()
		k.newB.Hide()
	}
	head := container.NewBorder(nil, nil, nil, k.editB, container.NewVBox(k.title, k.meta))
	k.reading = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, k.scroll)
	k.reading.Hide()
	hint := widget.NewLabel("Choose an article.")
	hint.Importance = widget.LowImportance
	k.hint = container.NewCenter(hint)

	left := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, k.newB, k.search), k.category, k.count, k.note), nil, nil, nil,
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
	cats := []string{allCategories}
	seen := map[string]bool{}
	for _, a := range as {
		if c := categoryOf(a); !seen[c] {
			seen[c] = true
			cats = append(cats, c)
		}
	}
	slices.Sort(cats[1:])
	k.category.SetOptions(cats)
	if !seen[k.category.Selected] {
		k.category.SetSelected(allCategories)
	}
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
	only := k.onlyCategory()
	for i, a := range k.articles {
		if q != "" && !strings.Contains(k.haystack[i], q) {
			continue
		}
		cat := categoryOf(a)
		if only != "" && cat != only {
			continue
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
	cat := k.onlyCategory()
	if cat == uncategorised {
		cat = ""
	}
	hits := k.u.desk.Search(text, app.SearchOptions{Kinds: []fts.Kind{fts.KindArticle}, Category: cat, Limit: kbSearchLimit})
	if k.onlyCategory() == uncategorised {
		// The index cannot ask for "no category"; filter the hits.
		hits = slices.DeleteFunc(hits, func(h fts.Hit) bool {
			a, ok := k.article(articlePrefix + strconv.FormatUint(h.ID, 10))
			return !ok || a.Category != ""
		})
	}
	for i := range hits {
		if hits[i].Title == "" {
			// The index had no source text; use the loaded article.
			if a, ok := k.article(articlePrefix + strconv.FormatUint(hits[i].ID, 10)); ok {
				hits[i].Title, hits[i].TitleHighlights = a.Title, nil
			}
		}
		hits[i].Snippet, hits[i].Highlights = afterTitle(hits[i].Snippet, hits[i].Highlights, hits[i].Title)
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

// hitTitleStyle and hitSnippetStyle are the two lines of a search hit;
// the matched words are emboldened within them.
var (
	hitTitleStyle   = widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameText, ColorName: theme.ColorNameForeground}
	hitSnippetStyle = widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNameForeground}
)

func (k *kbView) createHit() fyne.CanvasObject {
	title := widget.NewRichText(&widget.TextSegment{Text: "Template article title", Style: hitTitleStyle})
	title.Truncation = fyne.TextTruncateEllipsis
	snippet := widget.NewRichText(&widget.TextSegment{Text: "Template snippet", Style: hitSnippetStyle})
	snippet.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, snippet)
}

// updateHit fills a result row from the hits slice, the words the search
// matched in bold; it never reads the store.
func (k *kbView) updateHit(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(k.hits) {
		return
	}
	h := k.hits[i]
	box := o.(*fyne.Container)
	title := box.Objects[0].(*widget.RichText)
	title.Segments = highlighted(h.Title, h.TitleHighlights, hitTitleStyle)
	title.Refresh()
	snippet := box.Objects[1].(*widget.RichText)
	snippet.Segments = highlighted(h.Snippet, h.Highlights, hitSnippetStyle)
	snippet.Refresh()
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
	if a.Pending {
		// Written here: the helpdesk does not have this version yet.
		meta += " · not yet sent to the helpdesk"
	}
	k.meta.SetText(meta)
	k.body.ParseMarkdown(drawable(withoutTitle(a.Body, a.Title)))
	k.showRelated(a.ID)
	// The wrapped body's height depends on its width: lay the page out
	// again so the related list sits below it, not over it.
	k.scroll.Refresh()
	relayout(k.page)
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

// allCategories is the category choice that narrows nothing;
// uncategorised groups the articles without one.
const (
	allCategories = "All categories"
	uncategorised = "Uncategorised"
)

func categoryOf(a helpdesk.Article) string {
	if a.Category == "" {
		return uncategorised
	}
	return a.Category
}

// onlyCategory is the chosen category, "" for all.
func (k *kbView) onlyCategory() string {
	if c := k.category.Selected; c != allCategories {
		return c
	}
	return ""
}

// showRelated lists the articles on the same subject under the one shown;
// clicking one opens it.
func (k *kbView) showRelated(id uint64) {
	k.related = k.u.desk.Related(id, 5)
	k.relatedBox.RemoveAll()
	for _, r := range k.related {
		b := widget.NewButtonWithIcon(oneLine(r.Title), theme.DocumentIcon(), func() { k.open(r.ID) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		k.relatedBox.Add(b)
	}
	if len(k.related) == 0 {
		k.relatedHead.Hide()
	} else {
		k.relatedHead.Show()
	}
	k.relatedBox.Refresh()
}

// afterTitle drops the title from the start of a snippet (an article body
// that opens with its own heading), shifting the highlights with it: the
// row shows the title on the line above.
func afterTitle(snippet string, spans []fts.Span, title string) (string, []fts.Span) {
	trimmed := strings.TrimLeft(snippet, " \t\r\n#")
	if title == "" || !strings.HasPrefix(trimmed, title) {
		return snippet, spans
	}
	cut := len(snippet) - len(trimmed) + len(title)
	rest := strings.TrimLeft(snippet[cut:], " \t\r\n")
	cut = len(snippet) - len(rest)
	if rest == "" {
		return snippet, spans
	}
	var out []fts.Span
	for _, sp := range spans {
		if sp.Start >= cut {
			out = append(out, fts.Span{Start: sp.Start - cut, End: sp.End - cut})
		}
	}
	return rest, out
}
