package textsafe

import (
	"strconv"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, escape, hidden string }{
		{"OPENAI_API_KEY", "OPENAI_API_KEY", "OPENAI_API_KEY"},
		{"Grüße 東京 🔑", "Grüße 東京 🔑", "Grüße 東京 🔑"},
		{"a\x9bb", `a\x9bb`, `a\x9bb`},                      // a lone byte: CSI to an 8-bit terminal
		{"a\u009bb", `a\u009bb`, `a\u009bb`},                // the rune U+009B, told apart from the byte
		{"tag\U000e0041", `tag\U000e0041`, `tag\U000e0041`}, // an invisible tag character
		{"\ufeffBOM", `\ufeffBOM`, `\ufeffBOM`},
		{"boom\nxisecrets: ok\r\t", `boom\nxisecrets: ok\r\t`, `boom\nxisecrets: ok\r\t`},
		{"\x1b]52;c;AAAA\x07", `\x1b]52;c;AAAA\x07`, `\x1b]52;c;AAAA\x07`},
		{"KEY\u202etxt\u2066 one\u2028two", `KEY\u202etxt\u2066 one\u2028two`, `KEY\u202etxt\u2066 one\u2028two`},
		{`back\slash`, `back\\slash`, `back\slash`},
		{"", "", ""},
	} {
		if got := Escape(tc.in); got != tc.escape {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.escape)
		}
		if got := EscapeHidden(tc.in); got != tc.hidden {
			t.Errorf("EscapeHidden(%q) = %q, want %q", tc.in, got, tc.hidden)
		}
	}
}

// FuzzEscape: whatever the text, both forms are one line with no hidden
// rune; Escape reads back (as a Go string literal) to exactly the text;
// EscapeHidden changes nothing the second time, so a message escaped by
// the library and again by the CLI is escaped once.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\x9b\xff\"b\\\"", "x\x1b]52;c;AAAA\x07\n\r\u009b\u202e", `C:\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{Escape(s), EscapeHidden(s)} {
			if strings.ContainsFunc(got, Hidden) {
				t.Fatalf("escaped %q still has a hidden rune: %q", s, got)
			}
		}
		back, err := strconv.Unquote(`"` + strings.ReplaceAll(Escape(s), `"`, `\"`) + `"`)
		if err != nil || back != s {
			t.Fatalf("Escape(%q) = %q reads back as %q (%v)", s, Escape(s), back, err)
		}
		if once := EscapeHidden(s); EscapeHidden(once) != once {
			t.Fatalf("EscapeHidden is not idempotent on %q", s)
		}
	})
}
