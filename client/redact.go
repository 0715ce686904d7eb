package client

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// noPrint is embedded in every internal type that can hold the API key. fmt
// (at any depth, through exported interface fields) and slog then print a
// placeholder instead of walking the fields by reflection.
type noPrint struct{}

const internalsPlaceholder = "[xisecrets internals]"

// Format prints the placeholder for every verb.
func (noPrint) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, internalsPlaceholder) }

// String returns the placeholder.
func (noPrint) String() string { return internalsPlaceholder }

// GoString returns the placeholder, so %#v is safe too.
func (noPrint) GoString() string { return internalsPlaceholder }

const redactedMark = "[REDACTED]"

// redactor removes known sensitive strings (the key, the secret value of the
// current call) from text that came from the server, in both their raw and
// JSON-escaped forms: a validation error may echo the request body. It is
// just the raw strings: the escaped forms are worked out in apply, which
// only error paths reach, so a successful call pays nothing for redaction.
type redactor []string

func (r redactor) apply(s string) string {
	for _, secret := range r {
		if secret == "" {
			continue
		}
		s = strings.ReplaceAll(s, secret, redactedMark)
		if esc := jsonEscaped(secret); esc != secret {
			s = strings.ReplaceAll(s, esc, redactedMark)
		}
	}
	return s
}

// dropPartialTail removes from a body cut at a length limit the last
// len(longest form of a secret)-1 bytes, the only place where a secret cut
// in two can leave a fragment that apply cannot recognise.
func (r redactor) dropPartialTail(b []byte) []byte {
	longest := 0
	for _, secret := range r {
		longest = max(longest, len(secret), len(jsonEscaped(secret)))
	}
	if longest <= 1 {
		return b
	}
	return b[:max(len(b)-(longest-1), 0)]
}

// jsonEscaped is s as it appears inside a JSON string literal.
func jsonEscaped(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return s
	}
	return string(b[1 : len(b)-1])
}

// snippet is server text made safe to show: redacted, printable, and at
// most n bytes plus an ellipsis. It redacts both before and after making
// the text printable (a secret may itself hold a control character, or be
// formed by one turning into a space), and cuts last, so that a cut can
// never leave half a secret behind and the bound holds whatever the input.
func (r redactor) snippet(s string, n int) string {
	return cut(r.apply(printable(r.apply(s))), n)
}

// printable replaces invalid UTF-8 and control characters but newline and
// tab, so an error body cannot garble a terminal or a log.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			return r
		}
		return ' '
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// cut bounds s to n bytes plus "…" without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) { // back off to the split rune's start
		n--
	}
	return s[:n] + "…"
}
