package rt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// articlesPerPage bounds one page of the article pull: each item carries
// the article's whole text.
const articlesPerPage = 50

// articleFields are the article columns a pull asks for.
const articleFields = "Name,Summary,Class,LastUpdated,Disabled,CustomFields"

// articleJSON is the part of an RT article Tierdesk reads.
type articleJSON struct {
	ID           flexID     `json:"id"`
	Name         string     `json:"Name"`
	Summary      string     `json:"Summary"`
	Class        ref        `json:"Class"`
	LastUpdated  string     `json:"LastUpdated"`
	Disabled     flexString `json:"Disabled"`
	CustomFields []cfValues `json:"CustomFields"`
}

// rawValue returns a custom field's first text value as RT stores it
// (cfValues.first trims, which would change Markdown).
func rawValue(fields []cfValues, name string) (string, bool) {
	for _, f := range fields {
		if !strings.EqualFold(f.Name, name) {
			continue
		}
		for _, v := range f.Values {
			var s string
			if json.Unmarshal(v, &s) == nil {
				return s, true
			}
		}
		return "", true
	}
	return "", false
}

// articleFromRT maps an RT article onto helpdesk's. The version is
// LastUpdated: RT's article ETag is not in collections, and an edit is
// checked against a fresh read (see UpdateArticle).
func (c *Client) articleFromRT(ctx context.Context, aj articleJSON) (helpdesk.Article, error) {
	classID, err := strconv.ParseUint(string(aj.Class.ID), 10, 64)
	if err != nil {
		return helpdesk.Article{}, &tsync.ProtocolError{What: fmt.Sprintf("article %d", aj.ID), Err: fmt.Errorf("class %q: %w", aj.Class.ID, err)}
	}
	ci, err := c.classByID(ctx, classID)
	if err != nil {
		return helpdesk.Article{}, err
	}
	body, _ := rawValue(aj.CustomFields, ArticleContentField)
	if ci.html || looksLikeHTML(body) {
		// RT 5 can keep article text as HTML (a class set up in RT's web
		// editor): shown as readable text, never written back as such.
		body = htmlText(body)
	}
	ref, _ := rawValue(aj.CustomFields, c.cfg.RefField)
	return helpdesk.Article{
		RemoteID:  uint64(aj.ID),
		Title:     aj.Name,
		Summary:   aj.Summary,
		Body:      body,
		Category:  ci.name,
		Updated:   timeFromRT(aj.LastUpdated),
		Version:   aj.LastUpdated,
		ClientRef: strings.TrimSpace(ref),
	}, nil
}

// looksLikeHTML spots HTML text in a field declared as plain text.
func looksLikeHTML(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(t, "<") && (strings.Contains(t, "</p>") || strings.Contains(t, "<br") ||
		strings.Contains(t, "</div>") || strings.HasPrefix(t, "<html"))
}

// articleCursor is where an article pull stands: articles changed at or
// after since, above id after, in a pull that began at start (server
// time). Whole-second timestamps (trap 1) make "changed since" ambiguous
// within a second, so the next pull starts at the second this one began
// and re-reads what changed in it; the store skips unchanged copies.
type articleCursor struct {
	since, start string // "2006-01-02 15:04:05" (trap 2: not RFC 3339) or ""
	after        uint64
}

func parseArticleCursor(s string) articleCursor {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return articleCursor{} // none yet, or unreadable: read everything again
	}
	after, err := strconv.ParseUint(parts[1], 10, 64)
	if err != nil {
		return articleCursor{}
	}
	return articleCursor{since: parts[0], after: after, start: parts[2]}
}

func (c articleCursor) String() string {
	return c.since + "|" + strconv.FormatUint(c.after, 10) + "|" + c.start
}

// ArticleChanges returns one page of articles changed since cursor, in id
// order, with all their fields and text.
func (c *Client) ArticleChanges(ctx context.Context, cursor string) (tsync.ArticlePage, error) {
	cur := parseArticleCursor(cursor)
	query := []map[string]any{{"field": "id", "operator": ">", "value": cur.after}}
	if cur.since != "" {
		query = append(query, map[string]any{"field": "LastUpdated", "operator": ">=", "value": cur.since})
	}
	var p page[articleJSON]
	resp, err := c.do(ctx, request{op: "list changed articles", method: "POST", path: "/articles",
		query: map[string][]string{
			"fields": {articleFields}, "orderby": {"id"}, "order": {"ASC"},
			"per_page": {strconv.Itoa(articlesPerPage)}, "page": {"1"},
		},
		body: query, out: &p})
	if err != nil {
		return tsync.ArticlePage{}, err
	}
	if cur.after == 0 {
		// The first page of a pull: note when it began, by the server's clock.
		cur.start = serverTime(resp.Header().Get("Date"))
	}
	var out tsync.ArticlePage
	for _, aj := range p.Items {
		if aj.Disabled == "1" {
			out.Removed = append(out.Removed, uint64(aj.ID))
		} else {
			a, err := c.articleFromRT(ctx, aj)
			if err != nil {
				return tsync.ArticlePage{}, err
			}
			out.Articles = append(out.Articles, a)
		}
		cur.after = max(cur.after, uint64(aj.ID))
	}
	// RT drops rows the user may not see after paging, so a short page is
	// no proof of the end; pages (when given) or an empty page is.
	out.More = len(p.Items) > 0 && (p.Pages == nil || int(*p.Pages) > 1)
	if out.More {
		out.Cursor = cur.String()
	} else {
		out.Cursor = articleCursor{since: cur.start, start: cur.start}.String()
	}
	return out, nil
}

// serverTime turns an HTTP Date header into TicketSQL's time format; ""
// when missing, which makes the next pull read everything again (safe).
func serverTime(h string) string {
	t, err := http.ParseTime(h)
	if err != nil {
		return ""
	}
	return t.UTC().Format(time.DateTime)
}

// FetchArticle reads one article.
func (c *Client) FetchArticle(ctx context.Context, remoteID uint64) (helpdesk.Article, error) {
	aj, _, err := c.getArticle(ctx, remoteID)
	if err != nil {
		return helpdesk.Article{}, err
	}
	return c.articleFromRT(ctx, aj)
}

func (c *Client) getArticle(ctx context.Context, id uint64) (articleJSON, string, error) {
	var aj articleJSON
	op := fmt.Sprintf("read article %d", id)
	resp, err := c.get(ctx, op, "/article/"+strconv.FormatUint(id, 10), nil, &aj)
	if err != nil {
		return aj, "", err
	}
	if aj.ID == 0 {
		return aj, "", &tsync.ProtocolError{What: op, Err: errors.New("the answer has no article id")}
	}
	return aj, etagValue(resp.Header().Get("ETag")), nil
}

// CreateArticle files a in the class named by its category, the Markdown
// kept as-is in the Content field and ref in the reference field (when the
// class has one), then reads it back.
func (c *Client) CreateArticle(ctx context.Context, a helpdesk.Article, ref string) (helpdesk.Article, error) {
	ci, err := c.classByName(ctx, a.Category)
	if err != nil {
		return helpdesk.Article{}, err
	}
	cfs := map[string]string{ArticleContentField: a.Body}
	if ref != "" && ci.ref {
		cfs[c.cfg.RefField] = ref
	}
	body := map[string]any{"Class": ci.id, "Name": a.Title, "Summary": a.Summary, "CustomFields": cfs}
	var created struct {
		ID flexID `json:"id"`
	}
	if _, err := c.do(ctx, request{op: "create article", method: "POST", path: "/article", body: body, out: &created}); err != nil {
		return helpdesk.Article{}, err
	}
	if created.ID == 0 {
		return helpdesk.Article{}, &tsync.ProtocolError{What: "create article", Err: errors.New("the answer has no article id")}
	}
	id := uint64(created.ID)
	got, err := c.FetchArticle(ctx, id)
	if err != nil {
		return helpdesk.Article{RemoteID: id}, fmt.Errorf("rt: created article %d, but reading it back failed: %w", id, err)
	}
	if unmet := articleUnmet(a, got); len(unmet) > 0 {
		return got, &tsync.RefusedError{Status: http.StatusCreated, Message: fmt.Sprintf(
			"created article %d, but RT did not keep its %s", id, strings.Join(unmet, ", "))}
	}
	return got, nil
}

// FindArticle looks for the article created with ref, by the reference
// custom field. Without that field nobody can tell, and saying "not found"
// could file a duplicate, so that is an error.
func (c *Client) FindArticle(ctx context.Context, ref string) (helpdesk.Article, bool, error) {
	if ref == "" {
		return helpdesk.Article{}, false, errors.New("rt: FindArticle needs a client reference")
	}
	cs, err := c.loadClasses(ctx, false)
	if err != nil {
		return helpdesk.Article{}, false, err
	}
	hasRef := false
	for _, ci := range cs {
		hasRef = hasRef || ci.ref
	}
	if !hasRef {
		return helpdesk.Article{}, false, &tsync.RefusedError{Message: fmt.Sprintf(
			"RT has no article custom field %q, so an article whose creation was not confirmed cannot be looked up; check in RT before creating it again", c.cfg.RefField)}
	}
	var p page[struct {
		ID flexID `json:"id"`
	}]
	// The oldest match is the one to keep if duplicates exist already.
	if _, err := c.do(ctx, request{op: "look up created article", method: "POST", path: "/articles",
		query: map[string][]string{"orderby": {"id"}, "order": {"ASC"}, "per_page": {"1"}},
		body:  []map[string]any{{"field": "CustomField.{" + c.cfg.RefField + "}", "operator": "=", "value": ref}},
		out:   &p}); err != nil {
		return helpdesk.Article{}, false, err
	}
	if len(p.Items) == 0 {
		return helpdesk.Article{}, false, nil
	}
	got, err := c.FetchArticle(ctx, uint64(p.Items[0].ID))
	if errors.Is(err, tsync.ErrNotFound) {
		return helpdesk.Article{}, false, nil
	}
	if err != nil {
		return helpdesk.Article{}, false, err
	}
	if got.ClientRef != ref {
		// RT's custom-field search matched something else: not ours.
		return helpdesk.Article{}, false, &tsync.ProtocolError{What: "look up created article",
			Err: fmt.Errorf("article %d does not carry the reference asked for", got.RemoteID)}
	}
	return got, true, nil
}

// UpdateArticle sets the article's title, summary, text and class if it
// is still at baseVersion (its LastUpdated). RT has no If-Match on
// LastUpdated, so the article is read first, compared, and the write sent
// with that read's ETag as If-Match: a change in between is a 412. RT
// reports refusals in a 200 answer (trap 4), so the outcome is read back
// and compared field by field.
func (c *Client) UpdateArticle(ctx context.Context, remoteID uint64, baseVersion string, a helpdesk.Article) (helpdesk.Article, error) {
	aj, etag, err := c.getArticle(ctx, remoteID)
	if err != nil {
		return helpdesk.Article{}, err
	}
	if baseVersion != "" && aj.LastUpdated != baseVersion {
		return helpdesk.Article{}, fmt.Errorf("update article %d: %w", remoteID, tsync.ErrConflict)
	}
	current, err := c.articleFromRT(ctx, aj)
	if err != nil {
		return helpdesk.Article{}, err
	}
	body := map[string]any{}
	if a.Title != current.Title {
		body["Name"] = a.Title
	}
	if a.Summary != current.Summary {
		body["Summary"] = a.Summary
	}
	if a.Body != current.Body || !strings.EqualFold(a.Category, current.Category) {
		// The class is checked even when only the text changes: writing
		// Markdown over HTML text would garble it.
		ci, err := c.classByName(ctx, a.Category)
		if err != nil {
			return helpdesk.Article{}, err
		}
		if ci.id != 0 && !strings.EqualFold(a.Category, current.Category) {
			body["Class"] = ci.id
		}
		if a.Body != current.Body {
			body["CustomFields"] = map[string]string{ArticleContentField: a.Body}
		}
	}
	if len(body) == 0 {
		return current, nil
	}
	op := fmt.Sprintf("update article %d", remoteID)
	r := request{op: op, method: "PUT", path: "/article/" + strconv.FormatUint(remoteID, 10), body: body}
	if etag != "" {
		r.header = map[string]string{"If-Match": `"` + etag + `"`}
	}
	var msgs []string
	r.out = &msgs
	if _, err := c.do(ctx, r); err != nil {
		return helpdesk.Article{}, err
	}
	got, err := c.FetchArticle(ctx, remoteID)
	if err != nil {
		return helpdesk.Article{}, fmt.Errorf("rt: %s: reading the outcome: %w", op, err)
	}
	if unmet := articleUnmet(a, got); len(unmet) > 0 {
		msg := fmt.Sprintf("RT did not change the article's %s", strings.Join(unmet, ", "))
		if len(msgs) > 0 {
			msg += ": " + strings.Join(msgs, "; ")
		}
		return got, &tsync.RefusedError{Status: http.StatusOK, Message: msg, Details: msgs}
	}
	return got, nil
}

// articleUnmet names the fields of want that got does not have. RT keeps
// text as given, but trailing white space is not worth a refusal.
func articleUnmet(want, got helpdesk.Article) []string {
	var out []string
	if strings.TrimSpace(want.Title) != strings.TrimSpace(got.Title) {
		out = append(out, "title")
	}
	if strings.TrimSpace(want.Summary) != strings.TrimSpace(got.Summary) {
		out = append(out, "summary")
	}
	if strings.TrimRight(want.Body, " \t\r\n") != strings.TrimRight(got.Body, " \t\r\n") {
		out = append(out, "text")
	}
	if !strings.EqualFold(want.Category, got.Category) {
		out = append(out, "category")
	}
	return out
}
