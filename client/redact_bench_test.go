package client

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
// 1 MiB secret value, and a 422 with as many fields as fit in 64 KiB.
func BenchmarkRedactHostileBody(b *testing.B) {
	value := randomSecret(1 << 20)
	body := strings.Repeat(`\\u0041&amp;#x42;%2543+\x41\\\"`, (64<<10)/16)[:64<<10]
	red := redactor{value, "xi-key-0123456789abcdef"}
	for b.Loop() {
		red.matcher().snippet(body, bodySnippetLimit)
	}
}

func BenchmarkRedactManyFields(b *testing.B) {
	value := randomSecret(1 << 20)
	var sb strings.Builder
	sb.WriteString(`{"detail":[`)
	for i := 0; sb.Len() < 63<<10; i++ {
		fmt.Fprintf(&sb, `{"loc":["body","v%d"],"msg":"m\u0041","type":"t"},`, i)
	}
	body := []byte(strings.TrimSuffix(sb.String(), ",") + "]}")
	resp := &http.Response{StatusCode: 422, Header: http.Header{}}
	red := redactor{value, "xi-key-0123456789abcdef"}
	for b.Loop() {
		newAPIError(resp, body, red)
	}
}

// randomSecret is n bytes of random text: every window distinct, the
// most work for the secret's index.
func randomSecret(n int) string {
	b := make([]byte, n*3/4)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// A typical error: a short key and value, a 422 that quotes the value.
func BenchmarkRedactTypical(b *testing.B) {
	body := []byte(`{"detail":[{"loc":["body","value"],"msg":"String should have at most 8 characters","type":"string_too_long","input":"sk-typical-value-0123"}]}`)
	resp := &http.Response{StatusCode: 422, Header: http.Header{"Request-Id": {"0123456789abcdef0123456789abcdef"}}}
	red := redactor{"sk-typical-value-0123", "xi-key-0123456789abcdef0123456789abcdef"}
	for b.Loop() {
		newAPIError(resp, body, red)
	}
}

// What WithResponseInto adds to a successful call: the headers of a
// typical answer, nothing to redact.
func BenchmarkRedactHeader(b *testing.B) {
	h := http.Header{"Content-Type": {"application/json"}, "Date": {"Mon, 23 Nov 2026 16:45:55 GMT"},
		"Request-Id": {"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}, "Current-Concurrent-Requests": {"1"},
		"Maximum-Concurrent-Requests": {"10"}, "Content-Length": {"52"}}
	red := redactor{"sk-typical-value-0123", "xi-key-ZYXWVUTSRQPONMLKJIHGFEDCBA"}
	for b.Loop() {
		red.matcher().header(h)
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
	red := redactor{value, "xi-key-0123456789abcdef"}
	for b.Loop() {
		m := red.matcher()
		m.header(h)
		m.headerSnippet(requestID(h), 128)
	}
}
