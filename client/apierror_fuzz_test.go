package client

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// FuzzAPIErrorDecode: whatever status, content type and body a server
// sends, building the APIError never panics, no text of it holds the key or
// the call's secret value (raw or JSON-escaped) even when the body echoes
// them, and Body is a bounded, printable snippet. The seeds, here and in
// testdata/fuzz/FuzzAPIErrorDecode, echo both secrets in every envelope.
func FuzzAPIErrorDecode(f *testing.F) {
	// A quote and a backslash make the JSON-escaped form differ from the
	// raw one; neither secret overlaps itself or "[REDACTED]", so a
	// replacement can never assemble a new occurrence.
	const key, value = "xi-key-fuzz-4h2m", `sk"val\fuzz 8p3z`
	esc := `sk\"val\\fuzz 8p3z`
	for _, s := range []struct {
		status      int
		contentType string
		body        string
	}{
		{422, "application/json", `{"detail":[{"loc":["body","value",0],"msg":"bad ` + esc + `","type":"value_error","input":"` + esc + `"}]}`},
		{401, "application/json", `{"detail":{"status":"invalid_api_key","message":"key ` + key + ` is wrong"}}`},
		{404, "application/json", `{"detail":"` + esc + `"}`},
		{400, "application/json", `{"message":"` + key + `","detail":{"code":"` + esc + `","msg":"x"}}`},
		{502, "text/html", "<html><body>" + value + "</body></html>"},
		{500, "", strings.Repeat("\xff"+value, 300)},
		{429, "application/json", `{"detail":[{"loc":[{"k":"` + esc + `"},1.5e3,null],"msg":"","type":""}]}`},
		{0, "", ""},
	} {
		f.Add(s.status, s.contentType, []byte(s.body))
	}
	red := redact.Secrets{value, key}
	forms := []string{key, value, esc}
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		req, err := http.NewRequest(http.MethodPatch, "http://127.0.0.1/v1/convai/secrets/sec_1", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}}, Request: req}
		e := newAPIError(resp, body, red)

		texts := []string{e.Error(), e.Code, e.Message, e.Body, fmt.Sprintf("%+v", *e)}
		for _, fe := range e.Fields {
			texts = append(texts, fe.String(), fe.Type)
		}
		for _, text := range texts {
			for _, secret := range forms {
				if strings.Contains(text, secret) {
					t.Fatalf("secret %q survived in %q", secret, text)
				}
			}
		}
		if len(e.Body) > bodySnippetLimit+len("…") {
			t.Fatalf("Body is %d bytes, over the %d-byte snippet limit", len(e.Body), bodySnippetLimit)
		}
		if !utf8.ValidString(e.Body) || strings.ContainsFunc(e.Body, func(r rune) bool {
			return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f
		}) {
			t.Fatalf("Body is not printable UTF-8: %q", e.Body)
		}
	})
}
