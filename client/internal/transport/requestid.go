package transport

import "net/http"

// Request id headers, most specific first; the vendor's is request-id.
var requestIDHeaders = []string{"Request-Id", "X-Request-Id", "Xi-Request-Id"}

// RequestID returns the vendor's request id of a response, as the server
// sent it (not yet redacted), or "".
func RequestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}
