// Package textsafe makes text from a server, a file or the command line
// safe to show a person: on a terminal, in a log line, in an error message.
// The client library and the CLI share it, so both escape the same runes
// the same way.
package textsafe

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Escape writes every rune a terminal could act on, or would not draw (see
// Hidden), as a Go escape, and doubles the backslash, so that what is shown
// reads back to exactly one text (as a Go string literal's contents
// would). Ordinary text has none of these and is returned unchanged. Use it
// for data shown as data, such as a name in a table.
//
// Hidden runes include C0 (ESC starts OSC 52 clipboard writes and screen
// clears; \r overwrites a line; \n forges one; \t breaks a table's
// columns), DEL, C1 (U+009B is a CSI of its own), the bidi controls of
// "Trojan Source" (U+202A-U+202E, U+2066-U+2069), zero-width and other
// invisible characters, line and paragraph separators, and every space but
// ASCII space (U+00A0 would make "ADMIN KEY" and "ADMIN\u00a0KEY" look
// alike). A byte that is not UTF-8 is shown as \xNN (a lone 0x9b is a CSI
// to an 8-bit terminal), while a valid U+009B is \u009b, so the two stay
// apart. The price: an emoji sequence joined by U+200D or styled by U+FE0F
// shows those escapes.
func Escape(s string) string { return escape(s, true) }

// EscapeHidden is Escape without doubling the backslash: every hidden rune
// and invalid byte is escaped, so the text is one safe line, but a
// backslash already in it stays one. Use it for messages (an error's
// text), where text that was escaped once, such as the library's errors,
// must not be escaped again; applying it twice changes nothing.
func EscapeHidden(s string) string { return escape(s, false) }

func escape(s string, doubleBackslash bool) string {
	var b []byte
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		notUTF8 := r == utf8.RuneError && size == 1
		if notUTF8 || Hidden(r) || doubleBackslash && r == '\\' {
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

// Hidden reports whether a terminal could act on r or draw nothing for it:
// whatever unicode.IsPrint rejects (controls, format characters,
// separators, spaces but ASCII space, private use, unassigned), and the
// default-ignorable runes it accepts (U+034F, the Hangul fillers U+115F,
// U+1160, U+3164 and U+FFA0, variation selectors), which look like nothing
// and so make two names look the same.
func Hidden(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	return !unicode.IsPrint(r) || unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}
