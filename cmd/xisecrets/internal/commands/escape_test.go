package commands

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// FuzzEscapeTerminal: whatever the text, the escaped form is one line of
// printable runes, reads back (as a Go string literal) to exactly the text,
// and is the text itself when there was nothing to escape; a table cell
// reads back too and neither starts nor ends with a space; the JSON form
// is as safe and decodes to the text.
func FuzzEscapeTerminal(f *testing.F) {
	for _, h := range hostileTexts {
		f.Add(h.text)
	}
	f.Add("a\x9b\xff\"b\\\"")
	f.Add("  KEY \\x20 ")
	f.Fuzz(func(t *testing.T, s string) {
		got := textsafe.Escape(s)
		assertTerminalSafe(t, "escaped", got)
		if strings.Contains(got, "\n") {
			t.Fatalf("textsafe.Escape(%q) has a newline: %q", s, got)
		}
		back, err := strconv.Unquote(`"` + strings.ReplaceAll(got, `"`, `\"`) + `"`)
		if err != nil || back != s {
			t.Fatalf("textsafe.Escape(%q) = %q reads back as %q (%v)", s, got, back, err)
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return r == '\\' || textsafe.Hidden(r) }) && utf8.ValidString(s) && got != s {
			t.Fatalf("textsafe.Escape(%q) changed a printable text to %q", s, got)
		}
		c := output.Cell(s)
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") {
			t.Fatalf("cell(%q) = %q starts or ends with a space a table would hide", s, c)
		}
		if back, err := strconv.Unquote(`"` + strings.ReplaceAll(c, `"`, `\"`) + `"`); err != nil || back != s {
			t.Fatalf("cell(%q) = %q reads back as %q (%v)", s, c, back, err)
		}
		if !utf8.ValidString(s) {
			return // JSON carries only UTF-8; the client never holds anything else
		}
		js := output.TerminalJSON(map[string]any{"s": s})
		assertTerminalSafe(t, "JSON", string(js))
		var v struct{ S string }
		if err := json.Unmarshal(js, &v); err != nil || v.S != s {
			t.Fatalf("terminalJSON of %q = %s decodes to %q (%v)", s, js, v.S, err)
		}
	})
}
