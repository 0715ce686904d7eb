package client

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// noPrint is embedded in every internal type that can hold the API key. fmt
// (at any depth, through exported interface fields) and slog then print a
// placeholder instead of walking the fields by reflection.
type noPrint struct{}

const internalsPlaceholder = "[xisecrets internals]"

func (noPrint) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, internalsPlaceholder) }
func (noPrint) String() string             { return internalsPlaceholder }
func (noPrint) GoString() string           { return internalsPlaceholder }

const redactedMark = "[REDACTED]"

// redactor removes known sensitive strings (the key, the secret value of the
// current call) from text that came from the server, in both their raw and
// JSON-escaped forms: a validation error may echo the request body.
type redactor []string

func newRedactor(secrets ...string) redactor {
	var r redactor
	for _, s := range secrets {
		if len(s) < 1 {
			continue
		}
		r = append(r, s)
		if b, err := json.Marshal(s); err == nil {
			if esc := string(b[1 : len(b)-1]); esc != s {
				r = append(r, esc)
			}
		}
	}
	return r
}

func (r redactor) apply(s string) string {
	for _, secret := range r {
		s = strings.ReplaceAll(s, secret, redactedMark)
	}
	return s
}

// snippet bounds s to n bytes (callers redact first, so a cut can never
// leave half a secret behind) without splitting a UTF-8 sequence and
// replaces control characters, so an error body cannot flood or garble a log.
func snippet(s string, n int) string {
	cut := false
	if len(s) > n {
		s, cut = s[:n], true
		// Drop a rune the cut split in two.
		for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
			if r, size := utf8.DecodeLastRuneInString(s); r != utf8.RuneError || size != 1 {
				break
			}
			s = s[:len(s)-1]
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			return r
		}
		return ' '
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if cut {
		s += "…"
	}
	return s
}
