package helpdesk

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestMergeArticleFieldByField(t *testing.T) {
	base := Article{Title: "T", Summary: "S", Body: "B", Category: "C"}
	mine := Article{Title: "T mine", Summary: "S", Body: "B mine", Category: "C"}
	server := Article{Title: "T", Summary: "S theirs", Body: "B theirs", Category: "C", Version: "9"}
	got, conflicts := MergeArticle(base, mine, server)
	if !slices.Equal(conflicts, []string{"text"}) {
		t.Fatalf("conflicts %v, want [text]", conflicts)
	}
	if got.Title != "T mine" || got.Summary != "S theirs" || got.Body != "B theirs" || got.Version != "9" {
		t.Fatalf("merged %+v", got)
	}
	// Both sides made the same change: no conflict.
	server.Body = "B mine"
	if _, conflicts := MergeArticle(base, mine, server); len(conflicts) != 0 {
		t.Fatalf("same change reported as conflict: %v", conflicts)
	}
}

func TestArticleMutationValidateAndDescribe(t *testing.T) {
	a := Article{Title: "VPN drops", Body: "Reinstall", Category: "Network"}
	m := Mutation{Kind: MutArticleCreate, ClientID: "c1", Author: "casey", Article: &a}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if d := m.Describe(); d != `New KB article "VPN drops"` {
		t.Fatalf("Describe = %q", d)
	}
	m.Kind = MutArticleEdit
	if err := m.Validate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("edit without an article id: %v", err)
	}
	m.ArticleID = 4
	if d := m.Describe(); !strings.HasPrefix(d, "Edit KB article") {
		t.Fatalf("Describe = %q", d)
	}
	for _, bad := range []Article{
		{Title: strings.Repeat("x", MaxArticleTitleLen+1), Body: "b", Category: "c"},
		{Title: "t", Summary: "a\nb", Body: "b", Category: "c"},
		{Title: "t", Body: strings.Repeat("x", MaxBodyLen+1), Category: "c"},
	} {
		m.Article = &bad
		if err := m.Validate(); !errors.Is(err, ErrInvalid) {
			t.Fatalf("Validate(%.40q...) = %v", bad.Title, err)
		}
	}
}

func TestEditApplyTakesOnlyChangedFields(t *testing.T) {
	from := Article{Title: "T", Body: "B", Category: "C"}
	edit := Article{Title: "T2", Body: "B", Category: "C"}
	m := Mutation{Kind: MutArticleEdit, ClientID: "c", Author: "a", ArticleID: 1, Article: &edit, FromArticle: &from}
	view := Article{ID: 1, RemoteID: 5, Title: "T", Body: "B from the server now", Category: "C"}
	if err := m.ApplyToArticle(&view); err != nil {
		t.Fatal(err)
	}
	if view.Title != "T2" || view.Body != "B from the server now" || !view.Pending || view.ID != 1 || view.RemoteID != 5 {
		t.Fatalf("view %+v", view)
	}
}
