package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// TerminalJSON is v as JSON with every textsafe.Hidden rune written as a \u
// escape. encoding/json escapes C0 but leaves DEL, C1 and bidi controls
// raw, as JSON allows, and `list --json` on a terminal would
// then act on them. Outside its strings JSON is printable ASCII, so only
// string contents change, and they decode to exactly the server's text.
func TerminalJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only the shapes of shapes.go get here: strings, bools and slices
	}
	if !bytes.ContainsFunc(b, textsafe.Hidden) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b) // Marshal's output is valid UTF-8
		if textsafe.Hidden(r) {
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
