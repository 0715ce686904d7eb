package redact

import (
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Server text can quote a secret in an encoding: JSON, Python or Go string
// escapes, HTML entities, URL percent-encoding, or several nested (a
// request body re-encoded inside a JSON string). A Redactor looks for
// secrets in views of the text: the text itself and the text with escapes
// undone. Each byte of a view knows the span of the original text it came
// from, so that a match in a view redacts the escapes it was written as.

// escapes is a set of kinds of escape that a decoding round undoes.
type escapes uint8

const (
	escBackslash escapes = 1 << iota // \" \' \\ \/ \uXXXX \UXXXXXXXX \xNN \n ...
	escHTML                          // &amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;
	escPercent                       // %HH
	escPlus                          // '+' for a space, as in a URL query
	escLatin1                        // with escBackslash: \xNN is always U+00NN
	escAll       = escBackslash | escHTML | escPercent
)

// maxRounds bounds how many nested layers of escaping a view undoes: a
// value in a JSON body quoted inside a JSON error message inside a log
// line is three.
const maxRounds = 4

// view is server text, possibly decoded. For each byte i of text,
// [lo[i], hi[i]) is the span of the original it came from; nil lo means
// text is the original.
type view struct {
	text   string
	lo, hi []int32
}

// orig maps the bytes [i, j) of the view to a span of the original.
func (v view) orig(i, j int) (int, int) {
	if v.lo == nil {
		return i, j
	}
	return int(v.lo[i]), int(v.hi[j-1])
}

// escapeStarts are the characters that start an escape: text without any
// is its only view.
const escapeStarts = `\&%+`

// chains are the sequences of rounds views undoes, each up to maxRounds
// rounds, its last kinds repeated: each kind alone (exact when a secret
// holds characters that look like another kind's escapes), backslash
// escapes both ways of reading \xNN (see unhexBytes); every kind at
// once, with and without '+' as a space, and every kind but
// percent-encoding, the kind most easily formed by accident (a '%' in a
// secret followed by two hex digits in the text around it); and the
// nestings of two kinds seen in practice, outer layer first (HTML or a URL
// query inside a JSON string, JSON inside an HTML page or a URL), exact
// where undoing both kinds at once would also undo a backslash, '&' or
// '%' of the secret's own.
var chains = [][]escapes{
	{escBackslash}, {escBackslash | escLatin1}, {escHTML}, {escPercent}, {escPlus},
	{escAll}, {escAll | escPlus}, {escBackslash | escHTML},
	{escBackslash, escHTML}, {escBackslash, escPercent | escPlus},
	{escHTML, escBackslash}, {escPercent | escPlus, escBackslash},
}

// views returns s and its decodings along chains.
func views(s string) []view {
	out := []view{{text: s}}
	for _, chain := range chains {
		v := out[0]
		for round := range maxRounds {
			next, ok := decode(v, chain[min(round, len(chain)-1)])
			if !ok {
				break
			}
			if !slices.ContainsFunc(out, func(o view) bool { return o.text == next.text }) {
				out = append(out, next)
			}
			v = next
		}
	}
	return out
}

// decode undoes one round of the given escapes in v; ok is false if there
// were none.
func decode(v view, kinds escapes) (out view, ok bool) {
	s := v.text
	b := make([]byte, 0, len(s))
	lo, hi := make([]int32, 0, len(s)), make([]int32, 0, len(s))
	for i := 0; i < len(s); {
		dec, n := unescapeAt(s[i:], kinds)
		if n == 0 {
			dec, n = s[i:i+1], 1
		} else {
			ok = true
		}
		l, h := v.orig(i, i+n)
		for range len(dec) {
			lo, hi = append(lo, int32(l)), append(hi, int32(h))
		}
		b = append(b, dec...)
		i += n
	}
	if !ok {
		return view{}, false
	}
	return view{text: string(b), lo: lo, hi: hi}, true
}

// unescapeAt decodes the escape that starts s, if it is of one of kinds:
// the text it stands for and its length, or n == 0.
func unescapeAt(s string, kinds escapes) (dec string, n int) {
	switch c := s[0]; {
	case c == '\\' && kinds&escBackslash != 0:
		return unbackslash(s, kinds&escLatin1 != 0)
	case c == '&' && kinds&escHTML != 0:
		return unentity(s)
	case c == '%' && kinds&escPercent != 0:
		if b, ok := hexValue(s[1:], 2); ok {
			return string([]byte{byte(b)}), 3
		}
	case c == '+' && kinds&escPlus != 0:
		return " ", 1
	}
	return "", 0
}

// unbackslash decodes a JSON, Python or Go escape; s starts with '\'.
func unbackslash(s string, latin1 bool) (string, int) {
	if len(s) < 2 {
		return "", 0
	}
	switch c := s[1]; c {
	case 'u':
		r, ok := hexValue(s[2:], 4)
		if !ok {
			return "", 0
		}
		if utf16.IsSurrogate(rune(r)) {
			if rest, ok := strings.CutPrefix(s[6:], `\u`); ok {
				if r2, ok := hexValue(rest, 4); ok {
					if d := utf16.DecodeRune(rune(r), rune(r2)); d != utf8.RuneError {
						return string(d), 12
					}
				}
			}
			return string(utf8.RuneError), 6
		}
		return string(rune(r)), 6
	case 'U':
		if r, ok := hexValue(s[2:], 8); ok && utf8.ValidRune(rune(r)) {
			return string(rune(r)), 10
		}
		return "", 0
	case 'x':
		return unhexBytes(s, latin1)
	case 'n':
		return "\n", 2
	case 't':
		return "\t", 2
	case 'r':
		return "\r", 2
	case 'b':
		return "\b", 2
	case 'f':
		return "\f", 2
	case 'v':
		return "\v", 2
	case 'a':
		return "\a", 2
	case '0':
		return "\x00", 2
	case '"', '\'', '\\', '/':
		return s[1:2], 2
	}
	return "", 0
}

// unhexBytes decodes a run of consecutive \xNN; s starts with `\x`. If
// the run's bytes are valid UTF-8 and latin1 is false, they are bytes
// (Python's bytes repr, Go's %q of invalid text); otherwise each \xNN is
// the code point U+00NN (Python's str repr of Latin-1 text). The run is
// one unit: Latin-1 text can happen to be valid UTF-8 as a whole ("Î¶" is
// \xce\xb6, which as bytes is "ζ") or in part, so views read it both ways
// (see chains).
func unhexBytes(s string, latin1 bool) (string, int) {
	var run []byte
	for len(s) >= 4*(len(run)+1) && strings.HasPrefix(s[4*len(run):], `\x`) {
		b, ok := hexValue(s[4*len(run)+2:], 2)
		if !ok {
			break
		}
		run = append(run, byte(b))
	}
	if len(run) == 0 {
		return "", 0
	}
	if !latin1 && utf8.Valid(run) {
		return string(run), 4 * len(run)
	}
	var points strings.Builder
	for _, b := range run {
		points.WriteRune(rune(b))
	}
	return points.String(), 4 * len(run)
}

// maxEntity is the length of the longest entity unentity decodes,
// "&#x0010FFFF;".
const maxEntity = 12

// unentity decodes an HTML character reference: decimal or hex (the ';'
// optional, as browsers accept), or one of XML's five named ones. Other
// named entities (&auml;) are left alone. s starts with '&'.
func unentity(s string) (string, int) {
	s = s[:min(len(s), maxEntity)]
	if strings.HasPrefix(s, "&#") {
		digits, base := s[2:], 10
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base = digits[1:], 16
		}
		n := 0
		r := 0
		for n < len(digits) && n < 8 && digitValue(digits[n], base) >= 0 {
			r = r*base + digitValue(digits[n], base)
			n++
		}
		if n == 0 {
			return "", 0
		}
		end := len(s) - len(digits) + n
		if end < len(s) && s[end] == ';' {
			end++
		}
		if !utf8.ValidRune(rune(r)) {
			return string(utf8.RuneError), end
		}
		return string(rune(r)), end
	}
	name, _, ok := strings.Cut(s[1:], ";")
	if !ok {
		return "", 0
	}
	var dec string
	switch name { // the entities every HTML and XML escaper writes
	case "amp":
		dec = "&"
	case "lt":
		dec = "<"
	case "gt":
		dec = ">"
	case "quot":
		dec = `"`
	case "apos":
		dec = "'"
	default:
		return "", 0
	}
	return dec, len(name) + 2
}

// hexValue parses exactly n hex digits at the start of s.
func hexValue(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := range n {
		d := digitValue(s[i], 16)
		if d < 0 {
			return 0, false
		}
		v = v<<4 | d
	}
	return v, true
}

// digitValue is the value of c as a digit in base 10 or 16, or -1.
func digitValue(c byte, base int) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
