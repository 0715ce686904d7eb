package transport

import (
	"net/http"
	"testing"
)

// RequestID takes the most specific request id header the response has,
// by any capitalisation, as sent; none is "".
func TestRequestID(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header http.Header
		want   string
	}{
		{"none", http.Header{}, ""},
		{"nil", nil, ""},
		{"the vendor's", http.Header{"Request-Id": {"req_1"}}, "req_1"},
		{"X-", http.Header{"X-Request-Id": {"req_2"}}, "req_2"},
		{"Xi-", http.Header{"Xi-Request-Id": {"req_3"}}, "req_3"},
		{"all three: the vendor's first", http.Header{"Xi-Request-Id": {"c"}, "X-Request-Id": {"b"}, "Request-Id": {"a"}}, "a"},
		{"X- before Xi-", http.Header{"Xi-Request-Id": {"c"}, "X-Request-Id": {"b"}}, "b"},
		{"an empty one is skipped", http.Header{"Request-Id": {""}, "X-Request-Id": {"b"}}, "b"},
		{"the first value", http.Header{"Request-Id": {"a", "z"}}, "a"},
		{"not redacted or escaped here", http.Header{"Request-Id": {"a\x1bb"}}, "a\x1bb"},
	} {
		if got := RequestID(tc.header); got != tc.want {
			t.Errorf("%s: RequestID = %q, want %q", tc.name, got, tc.want)
		}
	}
	// A header set by name in any case is found.
	h := http.Header{}
	h.Set("request-id", "lower")
	if got := RequestID(h); got != "lower" {
		t.Errorf("set as request-id: RequestID = %q", got)
	}
}
