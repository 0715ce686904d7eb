package client

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// A typical error: a short key and value, a 422 that quotes the value.
func BenchmarkRedactTypical(b *testing.B) {
	body := []byte(`{"detail":[{"loc":["body","value"],"msg":"String should have at most 8 characters","type":"string_too_long","input":"sk-typical-value-0123"}]}`)
	resp := &http.Response{StatusCode: 422, Header: http.Header{"Request-Id": {"0123456789abcdef0123456789abcdef"}}}
	red := redact.Secrets{"sk-typical-value-0123", "xi-key-0123456789abcdef0123456789abcdef"}
	for b.Loop() {
		newAPIError(resp, body, red)
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
	red := redact.Secrets{value, "xi-key-0123456789abcdef"}
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
