package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"OPENAI_API_KEY", "OPENAI_API_KEY"},
		{"Grüße 東京 🔑", "Grüße 東京 🔑"},
		{"a\x9bb", `a\x9bb`},               // a lone byte: CSI to an 8-bit terminal
		{"a\u009bb", `a\u009bb`},           // the rune U+009B, told apart from the byte
		{"tag\U000e0041", `tag\U000e0041`}, // an invisible tag character
		{"\ufeffBOM", `\ufeffBOM`},
		{`back\slash`, `back\\slash`},
		{"", ""},
	} {
		if got := escapeTerminal(tc.in); got != tc.want {
			t.Errorf("escapeTerminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzEscapeTerminal: whatever the text, the escaped form is one line of
// printable runes, reads back (as a Go string literal) to exactly the text,
// and is the text itself when there was nothing to escape; the JSON form
// is as safe and decodes to the text.
func FuzzEscapeTerminal(f *testing.F) {
	for _, h := range hostileTexts {
		f.Add(h.text)
	}
	f.Add("a\x9b\xff\"b\\\"")
	f.Fuzz(func(t *testing.T, s string) {
		got := escapeTerminal(s)
		assertTerminalSafe(t, "escaped", got)
		if strings.Contains(got, "\n") {
			t.Fatalf("escapeTerminal(%q) has a newline: %q", s, got)
		}
		back, err := strconv.Unquote(`"` + strings.ReplaceAll(got, `"`, `\"`) + `"`)
		if err != nil || back != s {
			t.Fatalf("escapeTerminal(%q) = %q reads back as %q (%v)", s, got, back, err)
		}
		if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) && got != s {
			t.Fatalf("escapeTerminal(%q) changed a printable text to %q", s, got)
		}
		if !utf8.ValidString(s) {
			return // JSON carries only UTF-8; the client never holds anything else
		}
		js := terminalJSON(map[string]any{"s": s})
		assertTerminalSafe(t, "JSON", string(js))
		var v struct{ S string }
		if err := json.Unmarshal(js, &v); err != nil || v.S != s {
			t.Fatalf("terminalJSON of %q = %s decodes to %q (%v)", s, js, v.S, err)
		}
	})
}
