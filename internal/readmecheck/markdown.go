package readmecheck

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// link is one link of a Markdown file to a place in the repository.
type link struct {
	line   int    // from 1
	target string // as written: a path, path#anchor or #anchor
}

var (
	// inlineLink is [text](target) or [text](target "title"), images too.
	inlineLink = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// refDefinition is a reference-style link's definition: [name]: target.
	refDefinition = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?`)
	// codeSpan is inline code, whose brackets are not links.
	codeSpan = regexp.MustCompile("``[^`]*``|`[^`]*`")
	// heading is an ATX heading: # Title, with optional closing #s.
	heading = regexp.MustCompile(`^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$`)
	// linkInHeading is a link in a heading, whose text alone makes the anchor.
	linkInHeading = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// proseLines calls f with each line of md that is not inside a fenced code
// block, and its number from 1.
func proseLines(md string, f func(n int, line string)) {
	fence := ""
	for i, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence = t[:3]
		case fence != "" && strings.HasPrefix(t, fence):
			fence = ""
		case fence == "":
			f(i+1, line)
		}
	}
}

// links returns the links of a Markdown text that point into the
// repository (no scheme), outside code blocks and code spans.
func links(md string) []link {
	var out []link
	proseLines(md, func(n int, line string) {
		line = codeSpan.ReplaceAllString(line, "")
		var targets []string
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			targets = append(targets, m[1])
		}
		if m := refDefinition.FindStringSubmatch(line); m != nil {
			targets = append(targets, m[1])
		}
		for _, t := range targets {
			if !strings.Contains(t, "://") && !strings.HasPrefix(t, "mailto:") {
				out = append(out, link{line: n, target: t})
			}
		}
	})
	return out
}

// anchors returns the anchors GitHub gives the headings of a Markdown
// text: lower case, spaces as hyphens, punctuation dropped, a repeated
// heading's anchor numbered from -1.
func anchors(md string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	proseLines(md, func(_ int, line string) {
		m := heading.FindStringSubmatch(line)
		if m == nil {
			return
		}
		a := slug(linkInHeading.ReplaceAllString(m[1], "$1"))
		if k := seen[a]; k > 0 {
			out[fmt.Sprintf("%s-%d", a, k)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	})
	return out
}

// slug is GitHub's anchor of a heading's text.
func slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
