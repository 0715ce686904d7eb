package secretstest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
)

// RecordedRequest is a request the fake received, for assertions on what a
// client sent. Credentials and secret values are replaced by "[REDACTED]"
// before it is stored: the xi-api-key (and Authorization) header, and every
// "value" field of a JSON body. Body is nil unless the body was a JSON
// object. Status is the status the fake answered, 0 if it answered none (a
// dropped connection, or a client that went away during injected latency).
type RecordedRequest struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   map[string]any
	Status                 int
}

// maxRecords bounds the memory a long-running fake (Start) spends on
// records; the oldest are forgotten first.
const maxRecords = 10_000

// recorder keeps redacted requests. Bodies are kept as redacted JSON and
// decoded afresh for each Requests call, so callers get deep copies.
type recorder struct {
	mu   sync.Mutex
	list []record
}

type record struct {
	req  RecordedRequest // Body unset
	body []byte          // redacted JSON object, or nil
}

// newRecord captures r as the client sent it, redacted, before validation
// or a handler can change it.
func newRecord(r *http.Request, body []byte) record {
	h := r.Header.Clone()
	for _, k := range []string{"Xi-Api-Key", "Authorization"} {
		if _, ok := h[k]; ok {
			h[k] = []string{sealed.Placeholder}
		}
	}
	return record{
		req:  RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h},
		body: redactBody(body),
	}
}

func (rc *recorder) add(rec record, status int) {
	rec.req.Status = status
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.list) == maxRecords {
		rc.list = append(rc.list[:0], rc.list[1:]...)
	}
	rc.list = append(rc.list, rec)
}

func (rc *recorder) all() []RecordedRequest {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := make([]RecordedRequest, len(rc.list))
	for i, rec := range rc.list {
		out[i] = rec.req
		out[i].Header = rec.req.Header.Clone()
		if rec.body != nil {
			_ = json.Unmarshal(rec.body, &out[i].Body)
		}
	}
	return out
}

// redactBody returns body with every "value" field, at any depth, replaced,
// or nil if body is not a JSON object: a raw body is never kept, since it
// could hold a value in a form redaction does not understand.
func redactBody(body []byte) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || m == nil {
		return nil
	}
	redactValues(m)
	return mustJSON(m)
}

func redactValues(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			// encoding/json matches keys case-insensitively, so "VALUE"
			// is as much the value as "value" is.
			if strings.EqualFold(k, "value") {
				v[k] = sealed.Placeholder
			} else {
				redactValues(e)
			}
		}
	case []any:
		for _, e := range v {
			redactValues(e)
		}
	}
}

// Requests returns a copy of the requests the fake has received, oldest
// first (at most the latest 10,000), redacted as RecordedRequest says. A
// request is recorded before its response is sent, so once a client has a
// response its request is here.
func (s *Server) Requests() []RecordedRequest { return s.records.all() }
