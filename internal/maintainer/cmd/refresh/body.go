package main

import (
	"fmt"
	"sort"
	"strings"
)

// maxPullRequestBody bounds the body of the pull request, in UTF-16 code
// units: create-pull-request (v8.1.1, src/main.ts) cuts a body whose
// JavaScript length passes 65,536, GitHub's own limit, and a cut there
// loses the end of the report and may leave a code block open. The margin
// leaves room for the action or GitHub counting otherwise; UTF-16 units
// are never fewer than the runes GitHub could count instead.
const maxPullRequestBody = 60000

// part is one block of the report: Markdown of its own (headings, a
// paragraph), then lines from outside the program, as a bulleted list or
// in a code block (fence).
type part struct {
	head  string
	lines []string
	fence bool
}

// render is the part with lines, a prefix of its own.
func (p part) render(lines []string) string {
	if len(lines) == 0 {
		return p.head
	}
	if p.fence {
		return p.head + fenced(lines)
	}
	var b strings.Builder
	b.WriteString(p.head)
	for _, l := range lines {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	return b.String()
}

// pullRequestBody is the report when it fits a pull request's body, or
// else its first parts, the verdict and client's result always among
// them: whole parts while they fit, then as many lines of the next as fit,
// then a line saying how much was left out. A notice under the verdict
// names the whole report, the file report, and the URL where the pull
// request's readers find it (the workflow run that uploaded it), if any.
func (o *outcome) pullRequestBody(report, url string) string {
	whole := o.markdown()
	total := utf16Len(whole)
	if total <= maxPullRequestBody {
		return whole
	}
	where := code(report)
	if url != "" {
		where += fmt.Sprintf(", attached to [the run that wrote it](%s)", url)
	}
	notice := fmt.Sprintf("\n**This body is cut to fit a pull request.** The whole report (%d characters) is %s.\n", total, where)
	tail := fmt.Sprintf("\n---\n\nThe rest of the report is left out here: it is in the whole report, %s.\n", where)
	parts := o.parts()
	budget := maxPullRequestBody - utf16Len(notice) - utf16Len(tail)
	var b strings.Builder
	for i, p := range parts {
		s := p.render(p.lines)
		if n := utf16Len(s); n <= budget {
			b.WriteString(s)
			budget -= n
			if i == 0 {
				b.WriteString(notice)
			}
			continue
		}
		// The lines of p that fit, with a line saying how many did not:
		// a longer prefix is never shorter, so the search finds the most.
		cut := func(k int) string {
			return p.render(append(p.lines[:k:k], fmt.Sprintf("... and %d more lines, in the whole report", len(p.lines)-k)))
		}
		k := sort.Search(len(p.lines)+1, func(k int) bool { return utf16Len(cut(k)) > budget }) - 1
		if k >= 0 && len(p.lines) > 0 {
			b.WriteString(cut(k))
		}
		b.WriteString(tail)
		break
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript's
// String.length counts it once read as UTF-8: a rune outside the Basic
// Multilingual Plane is two, and a byte that is not UTF-8 one (a reader
// makes one U+FFFD of it, or of a longer run).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
