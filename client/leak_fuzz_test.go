package client_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client"
)

// FuzzRedact: whatever a secret of at least 8 bytes and the text around
// it, an echo of the secret in any of echoEncodings, whole or cut short,
// leaves no run of 8 bytes of it in the redacted text, raw or encoded; and
// text with nothing to decode and no such run comes out unchanged.
func FuzzRedact(f *testing.F) {
	for _, s := range []struct {
		secret, before, after string
		enc, keep             uint8
	}{
		{echoValue, "bad value '", "'", 0, 255},
		{hostileKey, `{"detail":"`, `"}`, 2, 40},
		{"pässwörd-ünïcode-geheim", "input_value='", "...'", 7, 9},
		{"sk+/abc def&<x>", "q=", "&x=1", 13, 255},
		{"aaaaaaaaaaaa", "aaaa", "aaaa", 1, 255},
		{`\u0041\u0042\u0043\u0044`, `\`, `\`, 5, 255},
	} {
		f.Add(s.secret, s.before, s.after, s.enc, s.keep)
	}
	f.Fuzz(func(t *testing.T, secret, before, after string, encIndex, keep uint8) {
		if len(secret) < 8 || !utf8.ValidString(secret) {
			return
		}
		// A '\', '&' or '%' just before the echo can start an escape
		// that swallows its first characters: the text is then not the
		// secret in one encoding, which no server writes.
		if strings.ContainsAny(before[max(len(before)-12, 0):], `\&%`) {
			return
		}
		e := echoEncodings[int(encIndex)%len(echoEncodings)]
		echo := secret
		if int(keep) < utf8.RuneCountInString(secret) {
			echo = prefixRunes(secret, int(keep))
		}
		text := before + e.enc(echo) + after
		out := client.RedactForTest([]string{secret}, text)
		// Each stretch of server text left between marks, on its own: a
		// mark's own "]" next to a secret's "]]]]]00" is not a leak.
		for _, piece := range strings.Split(out, "[REDACTED]") {
			if leaks(piece, secret, e.enc) {
				t.Fatalf("encoding %s: a run of the secret survived", e.name)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("valid UTF-8 in, invalid out")
		}
		if clean := before + after; !strings.ContainsAny(clean, `\&%+`) && !leaks(clean, secret) {
			if got := client.RedactForTest([]string{secret}, clean); got != clean {
				t.Fatalf("text without the secret was changed")
			}
		}
	})
}
