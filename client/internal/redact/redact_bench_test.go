package redact

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// The worst a hostile server can make redaction do: a 64 KiB error body
// (the read limit) dense with escapes of every kind, nested, against a
// 1 MiB secret value. (A 422 with as many fields as fit in 64 KiB is
// BenchmarkRedactManyFields, in client: it goes through APIError.)
func BenchmarkRedactHostileBody(b *testing.B) {
	value := randomSecret(1 << 20)
	body := strings.Repeat(`\\u0041&amp;#x42;%2543+\x41\\\"`, (64<<10)/16)[:64<<10]
	red := Secrets{value, "xi-key-0123456789abcdef"}
	for b.Loop() {
		red.Redactor().SafeCut(body, 1<<10) // as for APIError.Body
	}
}

// randomSecret is n bytes of random text: every window distinct, the
// most work for the secret's index.
func randomSecret(n int) string {
	b := make([]byte, n*3/4)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// What WithResponseInto adds to a successful call: the headers of a
// typical answer, nothing to redact.
func BenchmarkRedactHeader(b *testing.B) {
	h := http.Header{"Content-Type": {"application/json"}, "Date": {"Mon, 23 Nov 2026 16:45:55 GMT"},
		"Request-Id": {"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}, "Current-Concurrent-Requests": {"1"},
		"Maximum-Concurrent-Requests": {"10"}, "Content-Length": {"52"}}
	red := Secrets{"sk-typical-value-0123", "xi-key-ZYXWVUTSRQPONMLKJIHGFEDCBA"}
	for b.Loop() {
		red.Redactor().SafeHeader(h)
	}
}

// The worst a hostile server can make header redaction do: 64 KiB of
// headers (what our transports accept, and the budget of a Response's
// headers through any transport), every value 1 KiB of nested escapes,
// for a WithResponseInto target and the request id of an error.
func BenchmarkRedactHostileHeaders(b *testing.B) {
	value := randomSecret(1 << 20)
	escapes := strings.Repeat(`\\u0041&amp;#x42;%2543+\x41\\\"`, 64)[:1<<10]
	h := http.Header{}
	for i := range 63 {
		h.Add(fmt.Sprintf("X-Echo-%d", i), escapes)
	}
	h.Set("Request-Id", strings.Repeat(escapes, 1<<10)) // a 1 MiB value, through a caller's transport
	red := Secrets{value, "xi-key-0123456789abcdef"}
	for b.Loop() {
		m := red.Redactor()
		m.SafeHeader(h)
		m.SafeHeaderCut(h.Get("Request-Id"), 128) // the request id, as an error takes it
	}
}
