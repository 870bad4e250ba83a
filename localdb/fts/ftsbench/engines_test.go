//go:build ftsbench

package ftsbench

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	_ "modernc.org/sqlite"

	"github.com/tierdesk/tierdesk/localdb/fts"
	"github.com/tierdesk/tierdesk/localdb/fts/internal/ftscorpus"
)

// hitID names a result.
type hitID struct {
	kind fts.Kind
	id   uint64
}

// engine is one full-text search implementation under test.
type engine interface {
	build(c *ftscorpus.Corpus) error
	search(text string, articlesOnly bool, limit int) ([]hitID, error)
}

// words splits a query the way a search box would: lower-cased runs of
// letters and digits; prefix reports whether the last word is still being
// typed (no space after it).
func words(text string) (ws []string, prefix bool) {
	ws = strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	prefix = len(ws) > 0 && len(text) > 0 && !unicode.IsSpace(rune(text[len(text)-1]))
	return ws, prefix
}

// fuzziness is the typo budget Tierdesk uses, applied to the peers too.
func fuzziness(w string) int {
	switch n := len([]rune(w)); {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// --- Tierdesk ---

type ftsEngine struct {
	ix       *fts.Index
	snippets bool
}

func (e *ftsEngine) build(c *ftscorpus.Corpus) error {
	var src fts.Source
	if e.snippets {
		src = ftscorpus.NewSource(c)
	}
	e.ix = fts.New(src)
	return e.ix.Rebuild(corpusDocs(c))
}

func (e *ftsEngine) search(text string, articlesOnly bool, limit int) ([]hitID, error) {
	q := fts.Query{Text: text, Limit: limit}
	if articlesOnly {
		q.Kinds = []fts.Kind{fts.KindArticle}
	}
	var out []hitID
	for _, h := range e.ix.Search(q) {
		out = append(out, hitID{h.Kind, h.ID})
	}
	return out, nil
}

// --- Bleve ---

// bleveEngine is Bleve v2 in memory (scorch without a path), with the
// English analyser (stop words, Porter stemming), title weighted 3, the
// same typo budget and the last word also matched as a prefix.
type bleveEngine struct{ ix bleve.Index }

type bleveDoc struct {
	Kind     string `json:"kind"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	Body     string `json:"body"`
	Notes    string `json:"notes"`
	Category string `json:"category"`
	Tier     string `json:"tier"`
	Status   string `json:"status"`
}

func (bleveDoc) BleveType() string { return "doc" }

func (e *bleveEngine) build(c *ftscorpus.Corpus) error {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = false
		f.IncludeTermVectors = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, n := range []string{"title", "summary", "body", "notes", "category"} {
		dm.AddFieldMappingsAt(n, text())
	}
	for _, n := range []string{"kind", "tier", "status"} {
		dm.AddFieldMappingsAt(n, kw())
	}
	m := bleve.NewIndexMapping()
	m.AddDocumentMapping("doc", dm)
	m.DefaultAnalyzer = en.AnalyzerName
	ix, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return err
	}
	e.ix = ix
	b := ix.NewBatch()
	flush := func() error {
		if err := ix.Batch(b); err != nil {
			return err
		}
		b = ix.NewBatch()
		return nil
	}
	for d, _ := range corpusDocs(c) {
		bd := bleveDoc{Kind: d.Kind.String(), Title: d.Title, Summary: d.Summary, Body: d.Body, Notes: d.Notes, Category: d.Category,
			Tier: d.Tier.String(), Status: string(d.Status)}
		if err := b.Index(docKey(d.Kind, d.ID), bd); err != nil {
			return err
		}
		if b.Size() == 10000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func docKey(k fts.Kind, id uint64) string { return k.String()[:1] + strconv.FormatUint(id, 10) }

func parseKey(s string) hitID {
	id, _ := strconv.ParseUint(s[1:], 10, 64)
	k := fts.KindTicket
	if s[0] == 'a' {
		k = fts.KindArticle
	}
	return hitID{k, id}
}

func (e *bleveEngine) search(text string, articlesOnly bool, limit int) ([]hitID, error) {
	ws, prefix := words(text)
	if len(ws) == 0 {
		return nil, nil
	}
	var qs []query.Query
	for i, w := range ws {
		all := bleve.NewMatchQuery(w)
		all.SetField("_all")
		all.SetFuzziness(fuzziness(w))
		title := bleve.NewMatchQuery(w)
		title.SetField("title")
		title.SetFuzziness(fuzziness(w))
		title.SetBoost(3)
		qs = append(qs, all, title)
		if prefix && i == len(ws)-1 && len(w) >= 2 {
			p := bleve.NewPrefixQuery(w)
			p.SetField("_all")
			qs = append(qs, p)
		}
	}
	var q query.Query = bleve.NewDisjunctionQuery(qs...)
	if articlesOnly {
		k := bleve.NewTermQuery("article")
		k.SetField("kind")
		q = bleve.NewConjunctionQuery(q, k)
	}
	res, err := e.ix.Search(bleve.NewSearchRequestOptions(q, limit, 0, false))
	if err != nil {
		return nil, err
	}
	out := make([]hitID, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, parseKey(h.ID))
	}
	return out, nil
}

// --- SQLite FTS5 ---

// fts5Engine is SQLite FTS5 in memory with the porter tokenizer, the same
// field weights in bm25(), the query words OR-ed (stop words dropped) and
// the last word also as a prefix. FTS5 has no typo tolerance.
type fts5Engine struct {
	db     *sql.DB
	stmt   *sql.Stmt
	stmtKB *sql.Stmt
}

func (e *fts5Engine) build(c *ftscorpus.Corpus) error {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1) // one connection: each would have its own :memory: database
	e.db = db
	if _, err := db.Exec(`CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, notes, category, kind UNINDEXED, tokenize='porter unicode61')`); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	ins, err := tx.Prepare(`INSERT INTO docs(rowid, title, summary, body, notes, category, kind) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for d, _ := range corpusDocs(c) {
		if _, err := ins.Exec(int64(d.Kind)<<40|int64(d.ID), d.Title, d.Summary, d.Body, d.Notes, d.Category, int(d.Kind)); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	const sel = `SELECT rowid FROM docs WHERE docs MATCH ? %s ORDER BY bm25(docs, 3.0, 1.5, 1.0, 0.8, 1.5) LIMIT ?`
	if e.stmt, err = db.Prepare(fmt.Sprintf(sel, "")); err != nil {
		return err
	}
	e.stmtKB, err = db.Prepare(fmt.Sprintf(sel, "AND kind = 0"))
	return err
}

func (e *fts5Engine) search(text string, articlesOnly bool, limit int) ([]hitID, error) {
	ws, prefix := words(text)
	var terms []string
	for i, w := range ws {
		last := prefix && i == len(ws)-1
		if stopword[w] && !last {
			continue
		}
		t := `"` + w + `"`
		if last && len(w) >= 2 {
			t += "*"
		}
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		return nil, nil
	}
	st := e.stmt
	if articlesOnly {
		st = e.stmtKB
	}
	rows, err := st.Query(strings.Join(terms, " OR "), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hitID
	for rows.Next() {
		var rowid int64
		if err := rows.Scan(&rowid); err != nil {
			return nil, err
		}
		out = append(out, hitID{fts.Kind(rowid >> 40), uint64(rowid & (1<<40 - 1))})
	}
	return out, rows.Err()
}

// dbBytes returns the size of the in-memory database.
func (e *fts5Engine) dbBytes() int64 {
	var pages, size int64
	e.db.QueryRow(`PRAGMA page_count`).Scan(&pages)
	e.db.QueryRow(`PRAGMA page_size`).Scan(&size)
	return pages * size
}

// stopword is the English stop list Tierdesk and Bleve's "en" analyser
// drop, for the FTS5 queries.
var stopword = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about after again all also am an and any are as at be been before being both but by
		can cannot could did do does doing each either for from had has have having he her here hers him his how i if in into is it its
		just me more most my myself no nor not of on once only or other our ours she should so some such than that the their theirs
		them then there these they this those to too very was we were what when where which while who whom why will with would you your yours`) {
		m[w] = true
	}
	return m
}()
