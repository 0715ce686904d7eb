package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// escapeTerminal makes text from the server, a file or the command line
// safe to print for a person: every rune that unicode.IsPrint rejects is
// written as a Go escape instead. That covers C0 (ESC starts OSC 52
// clipboard writes and screen clears; \r overwrites a line; \n forges
// one; \t breaks a table's columns), DEL, C1 (U+009B is a CSI of its own),
// the bidi controls of "Trojan Source" (U+202A-U+202E, U+2066-U+2069) and
// other invisible format characters (U+200B, U+FEFF), line and paragraph
// separators, and every space but ASCII space (U+00A0 would make
// "ADMIN KEY" and "ADMIN\u00a0KEY" look alike). A byte that is not UTF-8
// is shown as \xNN (a lone 0x9b is a CSI to an 8-bit terminal), while a
// valid U+009B is \u009b, so the two stay apart. The backslash itself is
// doubled, so that what is shown reads back to exactly one text (as a Go
// string literal's contents would); ordinary names have none and print
// unchanged, without an allocation.
func escapeTerminal(s string) string {
	var b []byte
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		notUTF8 := r == utf8.RuneError && size == 1
		if notUTF8 || needsEscape(r) {
			b = append(b, s[done:i]...)
			switch {
			case notUTF8:
				b = fmt.Appendf(b, `\x%02x`, s[i])
			case r == '\\':
				b = append(b, `\\`...)
			case r == '\n':
				b = append(b, `\n`...)
			case r == '\r':
				b = append(b, `\r`...)
			case r == '\t':
				b = append(b, `\t`...)
			case r < utf8.RuneSelf:
				b = fmt.Appendf(b, `\x%02x`, r)
			case r <= 0xffff:
				b = fmt.Appendf(b, `\u%04x`, r)
			default:
				b = fmt.Appendf(b, `\U%08x`, r)
			}
			done = i + size
		}
		i += size
	}
	if done == 0 {
		return s
	}
	return string(append(b, s[done:]...))
}

// needsEscape reports whether escapeTerminal rewrites the rune r.
func needsEscape(r rune) bool { return r == '\\' || !unicode.IsPrint(r) }
