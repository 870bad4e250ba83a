package rt

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tierdesk/tierdesk/helpdesk"
	tsync "github.com/tierdesk/tierdesk/sync"
)

// kbFake stands in for an RT whose knowledge base has the traps the live
// server's seed does not: a class without the Content field ("Bare") and
// one whose Content field holds HTML ("Wiki"), plus an article of each.
// It is fault injection beside the live tests, which use a real RT.
func kbFake(t *testing.T) *Client {
	routes := map[string]string{
		"POST /REST/2.0/classes":      `{"page":1,"pages":1,"total":3,"items":[{"id":"1"},{"id":"2"},{"id":"3"}]}`,
		"GET /REST/2.0/class/1":       `{"id":1,"Name":"General","Disabled":"0","ArticleCustomFields":[{"id":"1","name":"Content"},{"id":"5","name":"Tierdesk Ref"}]}`,
		"GET /REST/2.0/class/2":       `{"id":2,"Name":"Bare","Disabled":"0","ArticleCustomFields":[]}`,
		"GET /REST/2.0/class/3":       `{"id":3,"Name":"Wiki","Disabled":"0","ArticleCustomFields":[{"id":"7","name":"Content"}]}`,
		"GET /REST/2.0/customfield/1": `{"id":1,"Name":"Content","Type":"Text"}`,
		"GET /REST/2.0/customfield/7": `{"id":7,"Name":"Content","Type":"HTML"}`,
		"POST /REST/2.0/articles": `{"page":1,"pages":1,"total":2,"items":[
			{"id":"10","Name":"Old wiki page","Summary":"","Class":{"id":"3","type":"class"},"LastUpdated":"2026-11-20T10:00:00Z","Disabled":"0",
			 "CustomFields":[{"id":"7","name":"Content","values":["<p>Restart the <b>spooler</b>.</p><p>Then print.</p>"]}]},
			{"id":"11","Name":"No text","Summary":"s","Class":{"id":"2","type":"class"},"LastUpdated":"2026-11-21T10:00:00Z","Disabled":"0","CustomFields":[]}]}`,
	}
	return fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
		body, ok := routes[r.Method+" "+r.URL.Path]
		if !ok {
			http.Error(w, `{"message":"not here"}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Date", "Sun, 22 Nov 2026 10:00:05 GMT")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	})
}

func TestArticleClassTraps(t *testing.T) {
	c := kbFake(t)
	ctx := context.Background()
	var refused *tsync.RefusedError
	_, err := c.CreateArticle(ctx, helpdesk.Article{Title: "t", Body: "b", Category: "bare"}, "ref")
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, `"Bare" has no "Content" custom field`) {
		t.Fatalf("create in a class without Content: %v", err)
	}
	_, err = c.CreateArticle(ctx, helpdesk.Article{Title: "t", Body: "b", Category: "Wiki"}, "ref")
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, "HTML") {
		t.Fatalf("create in an HTML class: %v", err)
	}
	_, err = c.CreateArticle(ctx, helpdesk.Article{Title: "t", Body: "b", Category: "Nope"}, "ref")
	if !errors.As(err, &refused) || !strings.Contains(refused.Message, `no article class "Nope"`) {
		t.Fatalf("create in an unknown class: %v", err)
	}

	p, err := c.ArticleChanges(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Articles) != 2 || p.More || p.Cursor != "2026-11-22 10:00:05|0|2026-11-22 10:00:05" {
		t.Fatalf("page %+v", p)
	}
	wiki, bare := p.Articles[0], p.Articles[1]
	if wiki.Category != "Wiki" || wiki.Body != "Restart the spooler.\nThen print." || wiki.Version != "2026-11-20T10:00:00Z" {
		t.Fatalf("HTML article read as %+v", wiki)
	}
	if bare.Category != "Bare" || bare.Body != "" || bare.Summary != "s" {
		t.Fatalf("article without Content read as %+v", bare)
	}
}

func TestArticleCursorRoundTrip(t *testing.T) {
	for _, s := range []string{"", "garbage", "a|b", "x|notanumber|y"} {
		if c := parseArticleCursor(s); c != (articleCursor{}) {
			t.Fatalf("parseArticleCursor(%q) = %+v, want a fresh start", s, c)
		}
	}
	c := articleCursor{since: "2026-11-22 10:00:05", after: 42, start: "2026-11-22 10:00:09"}
	if got := parseArticleCursor(c.String()); got != c {
		t.Fatalf("round trip %+v → %+v", c, got)
	}
}
