package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// The helpers here look for a secret in text the way a reader would: in
// any run of at least minRun bytes, raw or in the encoding a server used.
// They never print the secret: a failure says which secret leaked where.

// minRun mirrors the client's rule: a run of 8 bytes of a secret is
// redacted wherever it appears.
const minRun = 8

// encoding is one way a server can echo text back.
type encoding struct {
	name string
	enc  func(string) string
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// uEscape writes every rune as \uXXXX (a surrogate pair above U+FFFF).
func uEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

// pythonASCII is Python's ascii()/repr with ensure_ascii: \xNN below 256,
// \uXXXX, \UXXXXXXXX above.
func pythonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '\'':
			b.WriteString(`\` + string(r))
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	return b.String()
}

func htmlNumeric(format string) func(string) string {
	return func(s string) string {
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, format, r)
		}
		return b.String()
	}
}

func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// echoEncodings are the encodings of issue 10, class 3, and a few more.
var echoEncodings = []encoding{
	{"raw", func(s string) string { return s }},
	{"JSON string", jsonString},
	{"JSON \\u every character", uEscape},
	{"JSON \\u first character", func(s string) string {
		_, n := utf8.DecodeRuneInString(s)
		return uEscape(s[:n]) + jsonString(s[n:])
	}},
	{"JSON \\/ and \\u002B", func(s string) string {
		return strings.NewReplacer("/", `\/`, "+", `\u002B`).Replace(jsonString(s))
	}},
	{"JSON inside a JSON string", func(s string) string { return jsonString(jsonString(s)) }},
	{"JSON inside JSON inside JSON", func(s string) string { return jsonString(jsonString(jsonString(s))) }},
	{"Python ASCII repr", pythonASCII},
	{"Go QuoteToASCII", func(s string) string { q := strconv.QuoteToASCII(s); return q[1 : len(q)-1] }},
	{"HTML escaped", html.EscapeString},
	{"HTML decimal entities", htmlNumeric("&#%d;")},
	{"HTML hex entities", htmlNumeric("&#x%x;")},
	{"HTML inside JSON", func(s string) string { return jsonString(html.EscapeString(s)) }},
	{"URL query", url.QueryEscape},
	{"URL path", url.PathEscape},
	{"percent every byte", percentAll},
	{"URL query inside JSON", func(s string) string { return jsonString(url.QueryEscape(s)) }},
}

// truncated echoes: a long prefix then "...", as Python reprs cut them, and
// pydantic's head...tail.
func truncatedPrefix(e encoding) encoding {
	return encoding{"truncated " + e.name, func(s string) string { return e.enc(prefixRunes(s, 14)) + "..." }}
}

func truncatedHeadTail(e encoding) encoding {
	return encoding{"head...tail " + e.name, func(s string) string {
		tail := s[len(s)-len(prefixRunes(reverse(s), 10)):]
		return e.enc(prefixRunes(s, 10)) + "..." + e.enc(tail)
	}}
}

func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// windows returns every substring of s that starts and ends on a rune
// boundary and is the shortest such one of at least minRun bytes, or s
// itself when it is shorter.
func windows(s string) []string {
	if len(s) < minRun {
		return []string{s}
	}
	var out []string
	for i := range s {
		j := i + minRun
		for j < len(s) && !utf8.RuneStart(s[j]) {
			j++
		}
		if j > len(s) {
			break
		}
		out = append(out, s[i:j])
	}
	return out
}

// leaks reports whether text holds a run of secret, raw or as any of encs
// writes it.
func leaks(text, secret string, encs ...func(string) string) bool {
	for _, w := range windows(secret) {
		if strings.Contains(text, w) {
			return true
		}
		for _, enc := range encs {
			// Checked also as quoted once more, as net/http's %q or a
			// JSON body would write it.
			if e := enc(w); containsEncoded(text, e) || containsEncoded(text, jsonString(e)) {
				return true
			}
		}
	}
	return false
}

// containsEncoded reports whether text holds enc where it can be read as
// written: not starting inside an escape of the text ("0%C3%A4" is not in
// "%10%C3%A4", whose 0 belongs to %10).
func containsEncoded(text, enc string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], enc)
		if i < 0 {
			return false
		}
		if !insideEscape(text[:from+i]) {
			return true
		}
		from += i + 1
	}
}

// insideEscape reports whether prefix ends in an unfinished escape: a
// '%' with fewer than 2 hex digits, a '\' alone or with fewer than the
// digits its \x, \u or \U needs, or an "&#" reference without its ';'.
func insideEscape(prefix string) bool {
	tail := prefix[max(len(prefix)-11, 0):]
	k := strings.LastIndexAny(tail, `%\&`)
	if k < 0 {
		return false
	}
	rest := tail[k+1:]
	if strings.Trim(rest, "0123456789abcdefABCDEFuUx#") != "" {
		return false
	}
	switch tail[k] {
	case '%':
		return len(rest) < 2
	case '&':
		return strings.HasPrefix(rest, "#")
	}
	need := map[byte]int{'x': 3, 'u': 5, 'U': 9}
	return rest == "" || len(rest) < need[rest[0]]
}

// checkNoLeak checks every text against every named secret and reports
// the names of the ones leaked, never their text.
func checkNoLeak(t *testing.T, where string, secrets map[string]string, texts []string, encs ...func(string) string) {
	t.Helper()
	for name, secret := range secrets {
		for i, text := range texts {
			if leaks(text, secret, encs...) {
				t.Errorf("%s: text %d leaked the %s", where, i, name)
			}
		}
	}
}

// captureHandler is a slog.Handler at every level that keeps every
// attribute of every record, WithAttrs and groups included, as text.
type captureHandler struct {
	mu     *sync.Mutex
	lines  *[]string
	prefix string
	attrs  []string
}

func newCapture() (*slog.Logger, func() []string) {
	h := &captureHandler{mu: &sync.Mutex{}, lines: &[]string{}}
	return slog.New(h), func() []string {
		h.mu.Lock()
		defer h.mu.Unlock()
		return append([]string(nil), *h.lines...)
	}
}

func (h *captureHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *captureHandler) Handle(_ context.Context, r slog.Record) error {
	line := append([]string{r.Level.String(), r.Message}, h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		line = append(line, flatten(h.prefix, a)...)
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.lines = append(*h.lines, strings.Join(line, " "))
	return nil
}

func (h *captureHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append([]string(nil), h.attrs...)
	for _, a := range as {
		c.attrs = append(c.attrs, flatten(h.prefix, a)...)
	}
	return &c
}

func (h *captureHandler) WithGroup(name string) slog.Handler {
	c := *h
	c.prefix = h.prefix + name + "."
	return &c
}

func flatten(prefix string, a slog.Attr) []string {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		var out []string
		for _, g := range v.Group() {
			out = append(out, flatten(prefix+a.Key+".", g)...)
		}
		return out
	}
	return []string{prefix + a.Key + "=" + v.String()}
}

// masked is text for a failure message: the test key and values replaced
// by placeholders, so a message about a leak does not repeat it.
func masked(text string) string {
	return strings.NewReplacer(hostileKey, "<key>", hostileValue, "<value>", echoValue, "<value>").Replace(text)
}
