package client

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// Sentinel errors for errors.Is. An *APIError matches the status-based ones.
var (
	// ErrInvalidArgument: a bad argument or option; nothing was sent.
	ErrInvalidArgument = errors.New("xisecrets: invalid argument") // matched by errors.Is; its text is not repeated in theirs
	// ErrNoAPIKey: New found neither WithAPIKey nor ELEVENLABS_API_KEY.
	ErrNoAPIKey = errors.New("xisecrets: no API key: use client.WithAPIKey or set ELEVENLABS_API_KEY")
	// ErrNotFound: 404, the secret (or route) does not exist.
	ErrNotFound = errors.New("xisecrets: not found")
	// ErrUnauthorized: 401 or 403, a missing, wrong or underprivileged key.
	ErrUnauthorized = errors.New("xisecrets: unauthorized")
	// ErrRateLimited: 429, after the retries allowed, or at once when the
	// requested wait exceeds 60s or the caller's deadline.
	ErrRateLimited = errors.New("xisecrets: rate limited")
	// ErrValidation: 422, the server rejected the input; see APIError.Fields.
	ErrValidation = errors.New("xisecrets: validation failed")
	// ErrSecretInUse: deleting a secret that tools, agents, phone numbers
	// or MCP servers still use. The vendor documents no status for this;
	// we match Code "secret_in_use", or a 409/400 to DELETE whose message
	// says the secret is in use. Secrets.Get's UsedBy previews every kind;
	// Secrets.Dependencies lists all of one kind (not MCP servers, which
	// the API has no listing for).
	ErrSecretInUse = errors.New("xisecrets: secret in use")
	// ErrResponseTooLarge: a success body over 1 MiB (not retried), or a
	// listing past 10,000 pages or with a page cursor over 4 KiB.
	ErrResponseTooLarge = transport.ErrResponseTooLarge
	// ErrUnsafeRequest: the client refused a redirect (never followed: it
	// could carry the key or a secret value elsewhere, or reach another
	// endpoint), or a Raw() request edited to go to another host.
	ErrUnsafeRequest = transport.ErrUnsafeRequest
	// ErrUnexpectedResponse: a 2xx whose body is not what the API
	// documents (not JSON of the documented shape, or without a secret
	// id): a proxy's page, or an API change. The server may still have
	// acted: after a Create, check with FindByName before creating again.
	ErrUnexpectedResponse = errors.New("xisecrets: unexpected response")
)

// APIError is a non-2xx response. Its text is built from parsed, redacted
// fields only: the key and the call's secret value never appear, and the
// body is never printed wholesale.
type APIError struct {
	StatusCode int
	// Code is the vendor's machine-readable detail.status or detail.code,
	// e.g. "secret_in_use" or "too_many_concurrent_requests".
	Code string
	// Message is the vendor's human-readable message (or the status text).
	Message string
	// RequestID is the vendor's request id header, for support tickets.
	RequestID string
	// Fields lists per-field problems of a 422 validation error: the
	// first 100 (Error() counts the rest).
	Fields []FieldError
	// fieldsTotal is how many the server listed, when more than Fields.
	fieldsTotal int
	// Body is a redacted snippet of at most 1 KiB of the response body.
	Body string
	// Method and Path identify the request (the id is part of Path).
	Method, Path string
	// RetryAfter is the server's requested wait, if it sent Retry-After.
	RetryAfter time.Duration
}

// FieldError is one entry of a 422 validation error.
type FieldError struct {
	Loc  []string // e.g. ["body", "name"]
	Msg  string
	Type string // e.g. "missing", "string_too_short"
}

// String renders "body.name: Field required".
func (f FieldError) String() string {
	if len(f.Loc) == 0 {
		return f.Msg
	}
	return strings.Join(f.Loc, ".") + ": " + f.Msg
}

// Error implements error.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("xisecrets: ")
	if e.Method != "" {
		b.WriteString(e.Method + " " + e.Path + ": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Message != "" && e.Message != http.StatusText(e.StatusCode) {
		b.WriteString(": " + e.Message)
	}
	const maxFields = 3
	for i, f := range e.Fields {
		if i == maxFields {
			fmt.Fprintf(&b, "; and %d more", max(e.fieldsTotal, len(e.Fields))-maxFields)
			break
		}
		b.WriteString("; " + f.String())
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNotFound) and friends work.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrValidation:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrSecretInUse:
		return e.inUse()
	}
	return false
}

func (e *APIError) inUse() bool {
	if strings.EqualFold(e.Code, "secret_in_use") {
		return true
	}
	if e.Method != http.MethodDelete || (e.StatusCode != http.StatusConflict && e.StatusCode != http.StatusBadRequest) {
		return false
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "in use") || strings.Contains(m, "in_use") || strings.Contains(m, "is used by")
}

// bodySnippetLimit bounds APIError.Body.
const bodySnippetLimit = 1 << 10

// newAPIError parses whichever envelope the vendor used: the object form
// {"detail":{"status"|"code","message"}}, FastAPI's 422 list form
// {"detail":[{"loc","msg","type"}]}, a plain {"detail":"..."}, or anything
// else (an HTML 502 from a proxy), which keeps the status text. The
// generated client cannot do this: it drops unexpected JSON and keeps a
// `content: {}` 422 as bytes, so we parse by status from the body ourselves.
func newAPIError(resp *http.Response, body []byte, red redact.Secrets) *APIError {
	m := red.Redactor()
	e := &APIError{
		StatusCode: resp.StatusCode,
		RequestID:  m.SafeHeaderCut(transport.RequestID(resp.Header), 128),
		RetryAfter: transport.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	if resp.Request != nil && resp.Request.URL != nil {
		e.Method, e.Path = resp.Request.Method, resp.Request.URL.EscapedPath()
	}
	if len(body) >= transport.ErrorBodyLimit {
		// The body was cut: a secret it echoed across the cut would
		// survive redaction as a fragment, so drop the tail it could be in.
		body = redact.DropCutTail(body)
	}
	parseEnvelope(e, body)
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	e.Code = m.SafeCut(e.Code, 128)
	e.Message = m.SafeCut(e.Message, 512)
	for i := range e.Fields {
		f := &e.Fields[i]
		f.Msg = m.SafeCut(f.Msg, 256)
		f.Type = m.SafeCut(f.Type, 128)
		for j := range f.Loc {
			f.Loc[j] = m.SafeCut(f.Loc[j], 128)
		}
	}
	e.Body = m.SafeCut(string(body), bodySnippetLimit)
	return e
}

func parseEnvelope(e *APIError, body []byte) {
	var env struct {
		Detail  json.RawMessage `json:"detail"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &env) != nil {
		return // not JSON: status text it is
	}
	e.Message = env.Message
	d := bytes.TrimSpace(env.Detail)
	if len(d) == 0 {
		return
	}
	switch d[0] {
	case '{':
		var obj struct {
			Status  string `json:"status"`
			Code    string `json:"code"`
			Message string `json:"message"`
			Msg     string `json:"msg"`
		}
		if json.Unmarshal(d, &obj) == nil {
			e.Code = cmp.Or(obj.Code, obj.Status)
			e.Message = cmp.Or(obj.Message, obj.Msg, e.Message)
		}
	case '[':
		var list []struct {
			Loc  []json.RawMessage `json:"loc"`
			Msg  string            `json:"msg"`
			Type string            `json:"type"`
		}
		if json.Unmarshal(d, &list) == nil {
			if len(list) > maxFieldErrors {
				// Every kept field is redacted, which is costly; a 64 KiB
				// body can list thousands, and no reader needs them all.
				e.fieldsTotal, list = len(list), list[:maxFieldErrors]
			}
			for _, it := range list {
				e.Fields = append(e.Fields, FieldError{Loc: locStrings(it.Loc), Msg: it.Msg, Type: it.Type})
			}
			if e.Message == "" {
				e.Message = "validation failed"
			}
		}
	case '"':
		var s string
		if json.Unmarshal(d, &s) == nil {
			e.Message = s
		}
	}
}

// maxFieldErrors bounds APIError.Fields, and with it the memory and time
// that redacting a hostile 422 of many fields takes.
const maxFieldErrors = 100

// maxLocItems bounds FieldError.Loc.
const maxLocItems = 32

// locStrings turns FastAPI's loc (strings and integer indexes) into strings.
// Anything else stays raw JSON, escapes and all: newAPIError's redaction
// reads through them.
// A loc longer than maxLocItems (FastAPI's are a handful deep) is cut,
// ending in "…", for the same reason as maxFieldErrors.
func locStrings(raw []json.RawMessage) []string {
	cutAt := len(raw)
	if cutAt > maxLocItems {
		cutAt = maxLocItems
	}
	out := make([]string, 0, cutAt+1)
	for _, r := range raw[:cutAt] {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, s)
		} else {
			out = append(out, string(bytes.TrimSpace(r)))
		}
	}
	if cutAt < len(raw) {
		out = append(out, "…")
	}
	return out
}

// unexpectedResponse is ErrUnexpectedResponse with prefix (ours) and the
// text of err, which quotes the server, redacted.
func unexpectedResponse(prefix string, err error, red redact.Secrets) error {
	return &redact.Error{Msg: prefix + red.Redactor().Safe(err.Error()), Cause: ErrUnexpectedResponse}
}
