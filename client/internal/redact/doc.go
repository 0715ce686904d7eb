// Package redact makes server text safe to show: it is the one place that
// decides what of a response may reach an error, a log line or a
// Response.
//
// The contract: given the sensitive strings of one call (Secrets: the API
// key and the call's secret value), a Redactor replaces every part of a
// text that shows one of them with Mark: a run of at least 8 bytes of a
// secret, or a shorter secret as a whole word, as written or under any of
// the escapes a server uses to quote text (JSON, Python and Go string
// escapes, HTML entities, URL percent-encoding, nested up to four
// layers: unescape.go). Safe also escapes every control, bidi and
// invisible character (internal/textsafe), so redacted text is one
// printable line that reads back to what the server sent. Headers are cut
// before they are redacted (SafeHeader), so neither their size nor their
// escapes can make the work grow without bound. Error carries redacted
// text in place of a cause that may quote the server.
//
// The limits (base64 and other re-encodings, fragments under 8 bytes) are
// listed in RELIABILITY.md. The package knows nothing of HTTP requests or
// of the client: its callers choose the secrets and the text.
package redact
