package rt

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCheckTellsNotRTFromWrongPassword(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		isRT    bool
		want    string
	}{
		{"a web page", fixed(200, "<html><body>Welcome</body></html>"), false, "not as Request Tracker"},
		{"nothing there", fixed(404, "<h1>Not Found</h1>"), false, "not as Request Tracker"},
		{"a login proxy", fixed(401, "<html>Sign in with SSO</html>"), false, "proxy or single sign-on"},
		{"RT, wrong password", fixed(401, `{"message":"Unauthorized"}`), true, `password for "agent1"`},
		{"RT, broken", fixed(502, "Bad Gateway"), false, "internal error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := fake(t, 5*time.Second, tc.handler).Check(context.Background())
			if r.OK() || !r.Reachable || r.IsRT != tc.isRT || len(r.Problems) != 1 || !strings.Contains(r.Problems[0], tc.want) {
				t.Fatalf("%+v", r)
			}
		})
	}
}

func TestCheckWarnsAboutPlainHTTP(t *testing.T) {
	c, err := New(Config{URL: "http://rt.invalid", User: "a", Password: "b", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Check(context.Background())
	if r.Reachable || len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "rt.invalid") ||
		len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "unencrypted") {
		t.Fatalf("%+v", r)
	}
}
