package redact

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Mark is what replaces each part of server text that shows a secret.
const Mark = "[REDACTED]"

// minRun is the length in bytes of the shortest piece of a secret that is
// redacted wherever it appears, in any view of the text (see views): a
// truncated echo ('sk-abcdefgh...', as Python and pydantic cut reprs) is
// caught once 8 bytes of it survive. Shorter fragments are not, so that
// ordinary words a secret happens to share with a message survive: 8
// bytes is longer than most English words and path segments, and is
// one machine word, which gram relies on. Secrets shorter than minRun are
// matched only whole, as a word (see pattern.findWord).
const minRun = 8

// Secrets lists the sensitive strings of one call: the key and the call's
// secret value. It is just the raw strings, a literal the caller can keep
// on its stack: the work of redaction (Redactor) happens only on the paths
// that show server text, so a successful call pays nothing for it.
type Secrets []string

// pattern is one secret, ready to be found in text.
type pattern struct {
	secret string
	// grams holds, sorted, every minRun-byte window of secret; nil for a
	// secret shorter than minRun.
	grams []uint64
}

// Redactor finds and redacts a list of Secrets in server text: the
// engine, built from the list once for many texts.
type Redactor []pattern

// Redactor prepares the secrets for redacting; build it once for many texts.
func (secrets Secrets) Redactor() Redactor {
	m := make(Redactor, 0, len(secrets))
	for _, s := range secrets {
		if s == "" {
			continue
		}
		p := pattern{secret: s}
		if len(s) >= minRun {
			p.grams = make([]uint64, 0, len(s)-minRun+1)
			for i := 0; i+minRun <= len(s); i++ {
				p.grams = append(p.grams, gram(s[i:]))
			}
			slices.Sort(p.grams)
			p.grams = slices.Compact(p.grams)
		}
		m = append(m, p)
	}
	return m
}

// gram packs the first minRun bytes of s into an integer.
func gram(s string) uint64 {
	var g uint64
	for i := range minRun {
		g |= uint64(s[i]) << (8 * i)
	}
	return g
}

// Redact replaces every part of s that shows a secret with Mark, and
// changes nothing else (Safe also makes the text printable):
// a run of at least minRun bytes of a secret, or a short secret as a whole
// word, in s or in any decoding of s (views). Everything is found before
// anything is replaced, so one secret inside another (a value that is part
// of the key) cannot break the other's match, and overlapping or adjacent
// finds become one mark.
func (m Redactor) Redact(s string) string {
	if len(m) == 0 || s == "" {
		return s
	}
	var spans [][2]int
	if strings.ContainsAny(s, escapeStarts) {
		for _, v := range views(s) {
			spans = m.find(v, spans)
		}
	} else {
		spans = m.find(view{text: s}, spans) // the common case: one view, no allocation
	}
	if len(spans) == 0 {
		return s
	}
	return replaceSpans(s, spans)
}

// find appends the spans of the original text that v shows a secret in.
func (m Redactor) find(v view, spans [][2]int) [][2]int {
	for _, p := range m {
		for _, f := range p.find(v.text) {
			lo, hi := v.orig(f[0], f[1])
			spans = append(spans, [2]int{lo, hi})
		}
	}
	return spans
}

// find returns each stretch of text that shows the secret.
func (p pattern) find(text string) (found [][2]int) {
	if p.grams == nil {
		return p.findWord(text)
	}
	start, end := -1, -1
	for i := 0; i+minRun <= len(text); i++ {
		if _, ok := slices.BinarySearch(p.grams, gram(text[i:])); !ok {
			continue
		}
		if i > end {
			if end >= 0 {
				found = append(found, [2]int{start, end})
			}
			start = i
		}
		end = i + minRun
	}
	if end >= 0 {
		found = append(found, [2]int{start, end})
	}
	return found
}

// findWord finds a secret shorter than minRun only whole and as a word:
// where it starts or ends with a letter or digit, the text must not go on
// with one. A one-character value "v" or "1" then leaves "/v1/" and
// "127.0.0.1" alone but still hides "value 'v' rejected".
func (p pattern) findWord(text string) (found [][2]int) {
	first, _ := utf8.DecodeRuneInString(p.secret)
	last, _ := utf8.DecodeLastRuneInString(p.secret)
	for from := 0; ; {
		k := strings.Index(text[from:], p.secret)
		if k < 0 {
			return found
		}
		i, j := from+k, from+k+len(p.secret)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[j:])
		if !(isAlnum(first) && isAlnum(before)) && !(isAlnum(last) && isAlnum(after)) {
			found = append(found, [2]int{i, j})
		}
		from = i + 1
	}
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// byStart orders spans by where they start. It is a sort.Interface, not a
// slices.SortFunc comparison, for size: every program that imports client
// already links sort.Sort (net/http does), while slices.SortFunc on [2]int
// adds its own 7 KB instantiation (BENCHMARKS.md, "What a consumer links").
type byStart [][2]int

func (s byStart) Len() int           { return len(s) }
func (s byStart) Less(i, j int) bool { return s[i][0] < s[j][0] }
func (s byStart) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// replaceSpans replaces the spans of s, widened to whole characters and
// merged where they overlap or touch, with one Mark each.
func replaceSpans(s string, spans [][2]int) string {
	for k := range spans {
		lo, hi := spans[k][0], spans[k][1]
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo--
		}
		for hi < len(s) && !utf8.RuneStart(s[hi]) {
			hi++
		}
		spans[k] = [2]int{lo, hi}
	}
	sort.Sort(byStart(spans))
	var b strings.Builder
	done := 0
	for k := 0; k < len(spans); {
		lo, hi := spans[k][0], spans[k][1]
		for k++; k < len(spans) && spans[k][0] <= hi; k++ {
			hi = max(hi, spans[k][1])
		}
		b.WriteString(s[done:lo])
		b.WriteString(Mark)
		done = hi
	}
	b.WriteString(s[done:])
	return b.String()
}

// Safe is server text made safe to show: redacted and printable. It
// redacts both before and after making the text printable (a secret may
// itself hold a control character, or be formed by one turning into a
// space); the second time only if printing changed something.
func (m Redactor) Safe(s string) string {
	s = m.Redact(s)
	if p := Printable(s); p != s {
		s = m.Redact(p)
	}
	return s
}

// SafeCut is Safe text of at most n bytes plus an ellipsis. It cuts
// last, so that a cut can never leave half a secret behind and the bound
// holds whatever the input.
func (m Redactor) SafeCut(s string, n int) string {
	return Cut(m.Safe(s), n)
}

// cutTail is how much of a body cut at the size limit is dropped from its
// end: a secret cut there can leave a fragment shorter than minRun, which
// Redact does not recognise, written in escapes of up to a dozen bytes per
// byte, nested. The body snippet shows the first KiB of 64, so nothing of
// use is lost.
const cutTail = 1 << 10

// DropCutTail removes the last cutTail bytes of a body cut at a limit.
func DropCutTail(b []byte) []byte {
	return b[:max(len(b)-cutTail, 0)]
}

// ErrText is err's text, Safe. The operation of a *url.Error in it is
// ours. Its URL is too, but only in part: the retry layer names the
// request sent (never a redirect target) by scheme, host and path only
// (ErrorURL), since the query holds the server's page cursors; and a
// path holds ids that a caller may have taken from the server (a listing,
// then Dependencies). So the URL is cut at any query (a url.Error made
// elsewhere) and searched for runs of a secret, but not for short secrets
// as words (forPaths), which would garble "/v1/" for a value "v1". The
// rest is server text or may quote it.
func (m Redactor) ErrText(err error) string {
	text := err.Error()
	var ue *url.Error
	if !errors.As(err, &ue) || ue.Err == nil {
		return m.Safe(text)
	}
	before, after, ok := strings.Cut(text, ue.Error())
	if !ok {
		return m.Safe(text)
	}
	u, _, _ := strings.Cut(ue.URL, "?")
	u, _, _ = strings.Cut(u, "#")
	return m.Safe(before) + fmt.Sprintf("%s %q: ", ue.Op, m.forPaths().Safe(u)) + m.Safe(ue.Err.Error()) + m.Safe(after)
}

// forPaths is m without the secrets shorter than minRun, for text of ours
// that may hold an id (a request's path): the rule for short secrets finds
// them as words, which our own path segments are.
func (m Redactor) forPaths() Redactor {
	return slices.DeleteFunc(slices.Clone(m), func(p pattern) bool { return p.grams == nil })
}

// ErrorURL names a request in a transport error: scheme, host and escaped
// path, never the query (it carries the server's page cursors), the
// fragment or user info.
func ErrorURL(u *url.URL) string {
	return u.Scheme + "://" + u.Host + u.EscapedPath()
}

// Printable makes server text safe to show a person or write to a log
// line: every rune a terminal could act on or would not draw (newline and
// tab included), and every byte that is not UTF-8, is written as a Go
// escape, and a backslash is doubled (see textsafe.Escape). So an error
// built from server text is always one line that reads back to exactly
// what the server sent, whoever prints it.
func Printable(s string) string { return textsafe.Escape(s) }

// Cut bounds s to n bytes plus "…" without splitting a UTF-8 sequence.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) { // back off to the split rune's start
		n--
	}
	return s[:n] + "…"
}
