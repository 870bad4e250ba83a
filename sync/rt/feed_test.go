package rt

import (
	"context"
	"net/http"
	gosync "sync"
	"testing"
	"time"
)

// head looks at a few transactions first and reads pages of 100 only when
// none of those is visible to the user (RT drops hidden rows after paging).
func TestHeadProbesAFewTransactionsFirst(t *testing.T) {
	cases := []struct {
		name string
		// answer by per_page and page
		answer map[string]string
		want   uint64
		asked  []string
	}{
		{
			name:   "visible among the first few",
			answer: map[string]string{"10/1": `{"pages":null,"items":[{"id":"907","type":"transaction"},{"id":"905","type":"transaction"}]}`},
			want:   907,
			asked:  []string{"10/1"},
		},
		{
			name: "the first few hidden",
			answer: map[string]string{
				"10/1":  `{"pages":null,"items":[]}`,
				"100/1": `{"pages":null,"items":[]}`,
				"100/2": `{"pages":null,"items":[{"id":"640","type":"transaction"}]}`,
			},
			want:  640,
			asked: []string{"10/1", "100/1", "100/2"},
		},
		{
			name:   "no transactions at all",
			answer: map[string]string{"10/1": `{"pages":"0.0","total":0,"items":[]}`},
			want:   0,
			asked:  []string{"10/1"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var mu gosync.Mutex
			var asked []string
			c := fake(t, 5*time.Second, func(w http.ResponseWriter, r *http.Request) {
				key := r.URL.Query().Get("per_page") + "/" + r.URL.Query().Get("page")
				mu.Lock()
				asked = append(asked, key)
				mu.Unlock()
				body, ok := tc.answer[key]
				if !ok {
					body = `{"pages":null,"items":[]}`
				}
				w.Write([]byte(body))
			})
			got, err := c.head(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if got != tc.want || len(asked) != len(tc.asked) {
				t.Fatalf("head %d after %v; want %d after %v", got, asked, tc.want, tc.asked)
			}
			for i := range asked {
				if asked[i] != tc.asked[i] {
					t.Fatalf("asked %v, want %v", asked, tc.asked)
				}
			}
		})
	}
}
