package rt

import (
	"html"
	"regexp"
	"strings"
)

var (
	// htmlBreaks are the tags that end a line of text.
	htmlBreaks = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>`)
	// htmlHidden are elements whose content is not text to read.
	htmlHidden = regexp.MustCompile(`(?is)<\s*(script|style|head)\b.*?<\s*/\s*(script|style|head)\s*>`)
	htmlTags   = regexp.MustCompile(`(?s)<[^>]*>`)
	blankLines = regexp.MustCompile(`\n[ \t]*(\n[ \t]*)+\n`)
)

// htmlText makes an HTML-only message readable as plain text. It is a
// fallback for mail clients that send no text part, not a renderer: line
// breaks survive, markup and scripts do not.
func htmlText(s string) string {
	s = htmlHidden.ReplaceAllString(s, "")
	s = htmlBreaks.ReplaceAllString(s, "\n")
	s = htmlTags.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
