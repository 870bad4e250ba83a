package rt

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	gosync "sync"

	tsync "github.com/tierdesk/tierdesk/sync"
)

// ArticleContentField is the article custom field RT keeps an article's
// text in; RT's initial data gives the class General one.
const ArticleContentField = "Content"

// classCache holds the article classes (Tierdesk's categories) and what
// each offers, learned on first use and again when an unknown class shows
// up.
type classCache struct {
	mu   gosync.Mutex
	byID map[uint64]classInfo
}

// classInfo is an article class and the custom fields Tierdesk relies on.
type classInfo struct {
	id      uint64
	name    string
	content bool // has the Content field
	html    bool // its Content field holds HTML, not text
	ref     bool // has the client reference field
}

// classJSON is a class as /class/:id describes it.
type classJSON struct {
	ID                  flexID     `json:"id"`
	Name                string     `json:"Name"`
	Disabled            flexString `json:"Disabled"`
	ArticleCustomFields []struct {
		ID   flexID `json:"id"`
		Name string `json:"name"`
	} `json:"ArticleCustomFields"`
}

// loadClasses returns the classes, reading them from RT when not cached or
// when refresh is set. A bare GET /classes answers an empty list (like
// /articles), so they are searched with a JSON query.
func (c *Client) loadClasses(ctx context.Context, refresh bool) (map[uint64]classInfo, error) {
	c.classes.mu.Lock()
	defer c.classes.mu.Unlock()
	if c.classes.byID != nil && !refresh {
		return c.classes.byID, nil
	}
	type item struct {
		ID flexID `json:"id"`
	}
	ids, err := collect[item](ctx, c, request{op: "list article classes", method: "POST", path: "/classes",
		body: []map[string]any{{"field": "id", "operator": ">", "value": 0}}}, 100, nil)
	if err != nil {
		return nil, err
	}
	out := map[uint64]classInfo{}
	for _, it := range ids {
		var cj classJSON
		id := uint64(it.ID)
		if _, err := c.get(ctx, fmt.Sprintf("read article class %d", id), "/class/"+strconv.FormatUint(id, 10), nil, &cj); err != nil {
			return nil, err
		}
		if cj.Disabled == "1" {
			continue
		}
		ci := classInfo{id: id, name: cj.Name}
		for _, cf := range cj.ArticleCustomFields {
			switch {
			case strings.EqualFold(cf.Name, ArticleContentField):
				ci.content = true
				var f struct {
					Type string `json:"Type"`
				}
				if _, err := c.get(ctx, "read the Content custom field", "/customfield/"+strconv.FormatUint(uint64(cf.ID), 10), nil, &f); err != nil {
					return nil, err
				}
				ci.html = strings.EqualFold(f.Type, "HTML")
			case strings.EqualFold(cf.Name, c.cfg.RefField):
				ci.ref = true
			}
		}
		out[id] = ci
	}
	c.classes.byID = out
	return out, nil
}

// classByID returns a class, re-reading the classes once if it is new.
func (c *Client) classByID(ctx context.Context, id uint64) (classInfo, error) {
	cs, err := c.loadClasses(ctx, false)
	if err != nil {
		return classInfo{}, err
	}
	if ci, ok := cs[id]; ok {
		return ci, nil
	}
	if cs, err = c.loadClasses(ctx, true); err != nil {
		return classInfo{}, err
	}
	if ci, ok := cs[id]; ok {
		return ci, nil
	}
	// A disabled class, or one the user may not see: the article still
	// shows, under the class id.
	return classInfo{id: id, name: "Class " + strconv.FormatUint(id, 10), content: true}, nil
}

// classByName finds the class for a category, case-insensitively, and
// checks it can hold Tierdesk's articles.
func (c *Client) classByName(ctx context.Context, name string) (classInfo, error) {
	find := func(cs map[uint64]classInfo) (classInfo, bool) {
		for _, ci := range cs {
			if strings.EqualFold(ci.name, strings.TrimSpace(name)) {
				return ci, true
			}
		}
		return classInfo{}, false
	}
	cs, err := c.loadClasses(ctx, false)
	if err != nil {
		return classInfo{}, err
	}
	ci, ok := find(cs)
	if !ok {
		if cs, err = c.loadClasses(ctx, true); err != nil {
			return classInfo{}, err
		}
		if ci, ok = find(cs); !ok {
			return classInfo{}, &tsync.RefusedError{Message: fmt.Sprintf(
				"RT has no article class %q (categories are RT's article classes; pick an existing one or create the class in RT)", name)}
		}
	}
	switch {
	case !ci.content:
		return ci, &tsync.RefusedError{Message: fmt.Sprintf(
			"RT's article class %q has no %q custom field, so an article there cannot hold text; add the field to the class in RT", ci.name, ArticleContentField)}
	case ci.html:
		return ci, &tsync.RefusedError{Message: fmt.Sprintf(
			"RT's article class %q keeps article text as HTML; Tierdesk writes Markdown text and does not overwrite it (edit this article in RT)", ci.name)}
	}
	return ci, nil
}
