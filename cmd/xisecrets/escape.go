package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// escapeTerminal makes text from the server, a file or the command line
// safe to print for a person: every rune a terminal could act on, or would
// not draw (see hidden), is written as a Go escape instead. That covers C0
// (ESC starts OSC 52 clipboard writes and screen clears; \r overwrites a
// line; \n forges one; \t breaks a table's columns), DEL, C1 (U+009B is a
// CSI of its own), the bidi controls of "Trojan Source" (U+202A-U+202E,
// U+2066-U+2069), zero-width and other invisible characters (U+200B,
// U+FEFF, the Hangul filler U+3164, variation selectors), line and
// paragraph separators, and every space but ASCII space (U+00A0 would make
// "ADMIN KEY" and "ADMIN\u00a0KEY" look alike). A byte that is not UTF-8 is
// shown as \xNN (a lone 0x9b is a CSI to an 8-bit terminal), while a valid
// U+009B is \u009b, so the two stay apart. The backslash itself is doubled,
// so that what is shown reads back to exactly one text (as a Go string
// literal's contents would); ordinary names have none and print unchanged.
// The price: an emoji sequence joined by U+200D or styled by U+FE0F shows
// those escapes.
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
func needsEscape(r rune) bool { return r == '\\' || hidden(r) }

// hidden reports whether a terminal could act on r or draw nothing for it:
// whatever unicode.IsPrint rejects (controls, format characters,
// separators, spaces but ASCII space, private use, unassigned), and the
// default-ignorable runes it accepts (U+034F, the Hangul fillers U+115F,
// U+1160, U+3164 and U+FFA0, variation selectors), which look like nothing
// and so make two names look the same.
func hidden(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	return !unicode.IsPrint(r) || unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// terminalJSON is v as JSON with every hidden rune written as a \u
// escape. encoding/json escapes C0 but leaves DEL, C1 and bidi controls
// raw, as JSON allows, and `list --json` on a terminal would
// then act on them. Outside its strings JSON is printable ASCII, so only
// string contents change, and they decode to exactly the server's text.
func terminalJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings, bools and slices get here
	}
	if !bytes.ContainsFunc(b, hidden) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b) // Marshal's output is valid UTF-8
		if hidden(r) {
			for _, u := range utf16.AppendRune(nil, r) {
				out = fmt.Appendf(out, `\u%04x`, u)
			}
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}
