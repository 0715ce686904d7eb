package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unprintable returns, quoted, the first line of out that holds anything
// but printable UTF-8, or "". The CLI escapes what it prints; the demo
// checks it did, and never passes along what a terminal would act on.
func unprintable(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return !unicode.IsPrint(r) }) {
			return strconv.Quote(line)
		}
	}
	return ""
}

// shellQuote shows an argument as a shell would take it: as is when plain,
// else in bash's $'...' quoting, which reads the escapes strconv.Quote
// writes, so that the shown command neither acts on the terminal nor
// misleads.
func shellQuote(a string) string {
	if a != "" && !strings.ContainsFunc(a, func(r rune) bool {
		return !(r == '_' || r == '-' || r == '.' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return a
	}
	q := strconv.Quote(a)
	q = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "$'" + strings.ReplaceAll(q, "'", `\'`) + "'"
}
