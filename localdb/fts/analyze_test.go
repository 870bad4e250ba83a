package fts

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type tok struct {
	start, end int
	word       string
}

func toks(text string) []tok {
	var out []tok
	tokenize(text, func(start, end int, lower []byte, h uint64) {
		if h != hashBytes(lower) {
			panic("hash of " + string(lower))
		}
		out = append(out, tok{start, end, string(lower)})
	})
	return out
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		text string
		want []tok
	}{
		{"Hello, World!", []tok{{0, 5, "hello"}, {7, 12, "world"}}},
		{"user's PC can't", []tok{{0, 6, "user's"}, {7, 9, "pc"}, {10, 15, "can't"}}},
		{"don’t", []tok{{0, 7, "don't"}}},
		{"'quoted' it'", []tok{{1, 7, "quoted"}, {9, 11, "it"}}},
		{"Wi-Fi e-mail", []tok{{0, 2, "wi"}, {3, 5, "fi"}, {0, 5, "wifi"}, {6, 7, "e"}, {8, 12, "mail"}, {6, 12, "email"}}},
		{"LT-LON-0423 down", []tok{{0, 2, "lt"}, {3, 6, "lon"}, {7, 11, "0423"}, {12, 16, "down"}}},
		{"re-sign-in-again-now", []tok{{0, 2, "re"}, {3, 7, "sign"}, {8, 10, "in"}, {11, 16, "again"}, {17, 20, "now"}}},
		{"Ärger Café", []tok{{0, 6, "ärger"}, {7, 12, "café"}}},
		{"0x80070005 win11", []tok{{0, 10, "0x80070005"}, {11, 16, "win11"}}},
		{strings.Repeat("x", 60) + " ok", []tok{{61, 63, "ok"}}},
		{"", nil},
		{" -- ", nil},
	} {
		if got := toks(c.text); !slices.Equal(got, c.want) {
			t.Errorf("tokenize(%q)\n got %v\nwant %v", c.text, got, c.want)
		}
	}
}

func TestStemWord(t *testing.T) {
	for w, want := range map[string]string{
		"printing": "print", "printed": "print", "printers": "printer", "passwords": "password",
		"disconnecting": "disconnect", "disconnected": "disconnect", "battery": "batteri", "batteries": "batteri",
		"user's": "user", "connection": "connect", "win11": "win11", "0x80070005": "0x80070005", "café": "café",
	} {
		if got := stemWord(w); got != want {
			t.Errorf("stemWord(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	type q struct {
		word, stem string
		prefix     bool
	}
	for _, c := range []struct {
		text  string
		exact bool
		want  []q
	}{
		{"the printers", false, []q{{"printers", "printer", true}}},
		{"the printers ", false, []q{{"printers", "printer", false}}},
		{"the printers", true, []q{{"printers", "printer", false}}},
		{"wi-fi drops", false, []q{{"wifi", "wifi", false}, {"drops", "drop", true}}},
		{"reset reset resets", false, []q{{"reset", "reset", false}, {"resets", "reset", true}}},
		{"how to", false, []q{{"to", "", true}}},
		{"a", false, nil},
	} {
		var got []q
		for _, qt := range parseQuery(c.text, c.exact) {
			got = append(got, q{qt.word, qt.stem, qt.prefix})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("parseQuery(%q, %v) = %v, want %v", c.text, c.exact, got, c.want)
		}
	}
}

func TestWordTable(t *testing.T) {
	var wt wordTable
	r := rand.New(rand.NewPCG(1, 1))
	want := map[string]int32{}
	for i := range 5000 {
		w := []byte(strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(3)) + string(rune('a'+i%26)) + strings.Repeat("z", i%7))
		h := hashBytes(w)
		if _, ok := want[string(w)]; ok {
			continue
		}
		if _, ok := wt.get(w, h); ok {
			t.Fatalf("%q found before it was added", w)
		}
		wt.put(w, h, int32(i))
		want[string(w)] = int32(i)
	}
	for w, v := range want {
		if got, ok := wt.get([]byte(w), hashBytes([]byte(w))); !ok || got != v {
			t.Fatalf("get(%q) = %d, %v; want %d", w, got, ok, v)
		}
	}
}
