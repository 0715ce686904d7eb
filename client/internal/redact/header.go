package redact

import (
	"maps"
	"net/http"
	"slices"
	"unicode/utf8"
)

// Response headers are server text of a size the server picks: net/http
// accepts up to 10 MiB of them, and redacting 8 MiB of escapes took
// seconds and gigabytes. Our transports accept 64 KiB
// (MaxHeaderBytes); a caller's https transport is used as it is,
// so the redaction bounds what it reads as well: each name and value is
// cut to headerValueLimit, and a Response's headers to
// MaxHeaderBytes in all.
const headerValueLimit = 1 << 10

// MaxHeaderBytes is the MaxResponseHeaderBytes of the default
// transport, and of a caller's transport that the client clones (for
// plain http) unless it sets its own, and the budget of SafeHeader: the
// API's headers are a few hundred bytes.
const MaxHeaderBytes = 64 << 10

// headerText is a header name or value cut to headerValueLimit (with
// "…" after a cut), then Safe. Like any cut, it can leave a fragment of
// a secret shorter than minRun at its end, which is not recognised.
func (m Redactor) headerText(v string) string {
	if len(v) <= headerValueLimit {
		return m.Safe(v)
	}
	n := headerValueLimit
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return m.Safe(v[:n]) + "…"
}

// SafeHeaderCut is a header value cut to headerValueLimit (so a huge one
// costs no more than that to redact), Safe, then cut to at most n bytes
// plus "…".
func (m Redactor) SafeHeaderCut(v string, n int) string { return Cut(m.headerText(v), n) }

// SafeHeader returns a copy of h with every name and value Safe
// (headerText): a server or proxy that echoes the request headers would
// otherwise hand the key to whoever prints or logs a Response, and a
// control character in a value would reach their terminal. Past
// MaxHeaderBytes of (cut) headers in all, a value is only "…";
// names are taken in sorted order, so which ones is the same every time.
func (m Redactor) SafeHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	budget := MaxHeaderBytes
	for _, k := range slices.Sorted(maps.Keys(h)) {
		ck := m.headerText(k)
		for _, v := range h[k] {
			budget -= min(len(k), headerValueLimit) + min(len(v), headerValueLimit)
			if budget < 0 {
				out[ck] = append(out[ck], "…")
				continue
			}
			out[ck] = append(out[ck], m.headerText(v))
		}
	}
	return out
}
