package redact

import (
	"slices"
	"strings"
	"testing"
)

// unescapeAt decodes one escape of the kinds asked for, and reports its
// length in the original; anything else, or an escape of another kind,
// is n == 0.
func TestUnescapeAt(t *testing.T) {
	bs, latin1 := escBackslash, escBackslash|escLatin1
	for _, tc := range []struct {
		in    string
		kinds escapes
		dec   string
		n     int
	}{
		// JSON, Python and Go backslash escapes.
		{`\n`, bs, "\n", 2}, {`\t`, bs, "\t", 2}, {`\r`, bs, "\r", 2}, {`\b`, bs, "\b", 2},
		{`\f`, bs, "\f", 2}, {`\v`, bs, "\v", 2}, {`\a`, bs, "\a", 2}, {`\0`, bs, "\x00", 2},
		{`\"x`, bs, `"`, 2}, {`\'`, bs, "'", 2}, {`\\`, bs, `\`, 2}, {`\/`, bs, "/", 2},
		{`\u0041rest`, bs, "A", 6}, {`\u00e9`, bs, "é", 6}, {`\u00E9`, bs, "é", 6},
		{`\ud83d\ude00`, bs, "😀", 12},     // a surrogate pair is one rune
		{`\ud83dx`, bs, "\uFFFD", 6},      // a lone surrogate
		{`\ud83d\u0041`, bs, "\uFFFD", 6}, // a high surrogate not followed by a low one
		{`\U0001F600`, bs, "😀", 10},
		{`\U00110000`, bs, "", 0}, // not a rune
		{`\x41`, bs, "A", 4},
		{`\xc3\xa4`, bs, "ä", 8},      // a UTF-8 run: bytes
		{`\xc3\xa4`, latin1, "Ã¤", 8}, // or Latin-1 code points
		{`\xe4\x41`, bs, "äA", 8},     // not UTF-8: code points
		{`\x4`, bs, "", 0}, {`\u004`, bs, "", 0}, {`\U0001F60`, bs, "", 0}, {`\q`, bs, "", 0}, {`\`, bs, "", 0},
		{`\n`, escHTML | escPercent, "", 0}, // not asked for
		// HTML entities.
		{"&amp;", escHTML, "&", 5}, {"&lt;", escHTML, "<", 4}, {"&gt;", escHTML, ">", 4},
		{"&quot;", escHTML, `"`, 6}, {"&apos;", escHTML, "'", 6},
		{"&#65;", escHTML, "A", 5}, {"&#65x", escHTML, "A", 4}, // the ';' is optional
		{"&#x41;", escHTML, "A", 6}, {"&#X41;", escHTML, "A", 6}, {"&#x1F600;", escHTML, "😀", 9},
		{"&#x110000;", escHTML, "\uFFFD", 10}, {"&#xD800;", escHTML, "\uFFFD", 8},
		{"&#;", escHTML, "", 0}, {"&#x;", escHTML, "", 0}, {"&auml;", escHTML, "", 0}, {"&amp", escHTML, "", 0},
		{"&" + strings.Repeat("a", 20) + ";", escHTML, "", 0},
		{"&amp;", escBackslash | escPercent, "", 0},
		// Percent-encoding and '+'.
		{"%41", escPercent, "A", 3}, {"%2b", escPercent, "+", 3}, {"%2B", escPercent, "+", 3},
		{"%4", escPercent, "", 0}, {"%zz", escPercent, "", 0}, {"%41", escBackslash, "", 0},
		{"+", escPlus, " ", 1}, {"+", escPercent, "", 0},
	} {
		dec, n := unescapeAt(tc.in, tc.kinds)
		if dec != tc.dec || n != tc.n {
			t.Errorf("unescapeAt(%q, %b) = %q, %d; want %q, %d", tc.in, tc.kinds, dec, n, tc.dec, tc.n)
		}
	}
}

// decode undoes one round and maps each byte of the result to the span of
// the original it came from: a match in a view redacts the escape it was
// written as.
func TestDecodeMapsBytesToTheirEscape(t *testing.T) {
	v, ok := decode(view{text: `a\u00e9%41b`}, escAll)
	if !ok || v.text != "aéAb" {
		t.Fatalf("decode = %q, %v", v.text, ok)
	}
	for _, tc := range []struct{ i, j, lo, hi int }{
		{0, 1, 0, 1},  // a
		{1, 3, 1, 7},  // both bytes of é: the \u00e9
		{2, 3, 1, 7},  // the second byte alone: still the whole escape
		{3, 4, 7, 10}, // A: %41
		{4, 5, 10, 11},
	} {
		if lo, hi := v.orig(tc.i, tc.j); lo != tc.lo || hi != tc.hi {
			t.Errorf("orig(%d, %d) = %d, %d; want %d, %d", tc.i, tc.j, lo, hi, tc.lo, tc.hi)
		}
	}
	// A second round maps through the first, to the original.
	w, ok := decode(view{text: `%2541`}, escPercent)
	if !ok || w.text != "%41" {
		t.Fatalf("first round: %q", w.text)
	}
	w, ok = decode(w, escPercent)
	if lo, hi := w.orig(0, 1); !ok || w.text != "A" || lo != 0 || hi != 5 {
		t.Errorf("second round: %q maps to [%d, %d), want \"A\" to [0, 5)", w.text, lo, hi)
	}
	if _, ok := decode(view{text: "plain text"}, escAll|escPlus); ok {
		t.Error("decode of text without escapes reported a change")
	}
}

// views holds the text and each distinct decoding along the chains: each
// kind alone, all at once, nested (HTML or a URL inside JSON, JSON inside
// HTML or a URL), up to maxRounds layers.
func TestViews(t *testing.T) {
	texts := func(s string) []string {
		var out []string
		for _, v := range views(s) {
			out = append(out, v.text)
		}
		return out
	}
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"JSON", `\u0041\"`, []string{`A"`}},
		{"Python bytes and Latin-1", `\xc3\xa4`, []string{"ä", "Ã¤"}},
		{"HTML", "&lt;&#65;", []string{"<A"}},
		{"percent", "%41%42", []string{"AB"}},
		{"plus as a space, and not", "a+b%2B", []string{"a b+", "a+b+"}},
		{"HTML inside JSON", `\u0026lt;`, []string{"&lt;", "<"}},
		// Exactly: one JSON round, then HTML only, so a backslash of the
		// text's own survives (undoing both kinds at once would not).
		{"HTML inside JSON, exactly", `pass\\nword\u0026amp;more`, []string{`pass\nword&more`}},
		{"a URL query inside JSON", `\u002541+`, []string{"%41+", "A "}},
		{"JSON inside HTML", `&#92;u0041`, []string{`\u0041`, "A"}},
		{"JSON inside a URL", `%5Cu0041`, []string{`\u0041`, "A"}},
		{"JSON inside JSON", `\\u0041`, []string{`\u0041`, "A"}},
		{"four layers", "%25252541", []string{"%252541", "%2541", "%41", "A"}},
	} {
		got := texts(tc.in)
		if got[0] != tc.in {
			t.Errorf("%s: the first view is %q, not the text", tc.name, got[0])
		}
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: views(%q) = %q, want %q among them", tc.name, tc.in, got, w)
			}
		}
		seen := map[string]bool{}
		for _, s := range got {
			if seen[s] {
				t.Errorf("%s: view %q twice", tc.name, s)
			}
			seen[s] = true
		}
	}
	// Text without an escape start is its only view.
	if got := texts("plain text; 100 percent"); len(got) != 1 {
		t.Errorf("views of plain text = %q", got)
	}
	// maxRounds layers are undone, one more is not.
	layered := func(n int) string { // "A" under n layers of percent-encoding
		s := "%41"
		for range n - 1 {
			s = strings.ReplaceAll(s, "%", "%25")
		}
		return s
	}
	if got := texts(layered(maxRounds)); !slices.Contains(got, "A") {
		t.Errorf("%d layers: views = %q, want \"A\" among them", maxRounds, got)
	}
	if got := texts(layered(maxRounds + 1)); slices.Contains(got, "A") {
		t.Errorf("%d layers: views = %q, want no \"A\"", maxRounds+1, got)
	}
}
