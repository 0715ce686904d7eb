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
// object of at most 64 KiB once redacted (an API request's body, value
// redacted, is a few hundred bytes). Status is the status the fake
// answered, 0 if it answered none (a dropped connection, or a client that
// went away during injected latency).
type RecordedRequest struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   map[string]any
	Status                 int
}

// Records are bounded in number and in bytes, so a long-running fake
// (Start) that any local process can send requests to, with or without
// the key, cannot be made to hold more than about maxRecordBytes: the
// oldest records are forgotten first.
const (
	maxRecords = 10_000
	// maxRecordBytes bounds the recorded headers, bodies, paths and
	// queries together; 10,000 ordinary requests take a third of it.
	maxRecordBytes = 16 << 20
	// maxRecordBodyBytes bounds one record's body: a larger one is not
	// an API request, and it is dropped rather than cut, which would
	// leave it undecodable.
	maxRecordBodyBytes = 64 << 10
	// recordOverhead is what a record costs beyond its bytes (the struct,
	// the header map), so that many empty requests count too.
	recordOverhead = 512
)

// recorder keeps redacted requests. Bodies are kept as redacted JSON and
// decoded afresh for each Requests call, so callers get deep copies.
type recorder struct {
	mu    sync.Mutex
	list  []record
	bytes int // the sum of the records' size
}

type record struct {
	req  RecordedRequest // Body unset
	body []byte          // redacted JSON object, or nil
	size int             // what the record holds, in bytes, overhead included
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
	rec := record{
		req:  RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h},
		body: redactBody(body),
	}
	if len(rec.body) > maxRecordBodyBytes {
		rec.body = nil
	}
	rec.size = recordOverhead + len(rec.req.Method) + len(rec.req.Path) + len(rec.req.RawQuery) + len(rec.body)
	for k, vs := range h {
		rec.size += len(k)
		for _, v := range vs {
			rec.size += len(v) + 16 // a string header per value
		}
	}
	return rec
}

// add keeps rec, forgetting the oldest records until the bounds hold. A
// single record is always kept: net/http bounds a request's headers to
// about 1 MiB, far below maxRecordBytes.
func (rc *recorder) add(rec record, status int) {
	rec.req.Status = status
	rc.mu.Lock()
	defer rc.mu.Unlock()
	drop := 0
	for len(rc.list)-drop > 0 && (len(rc.list)-drop >= maxRecords || rc.bytes+rec.size > maxRecordBytes) {
		rc.bytes -= rc.list[drop].size
		drop++
	}
	// Clear the dropped records, so that the backing array, which append
	// keeps reusing until it grows, does not keep them alive.
	clear(rc.list[:drop])
	rc.list = append(rc.list[drop:], rec)
	rc.bytes += rec.size
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
// first, redacted as RecordedRequest says: at most the latest 10,000, and
// fewer once they hold over 16 MiB of headers and bodies. A
// request is recorded before its response is sent, so once a client has a
// response its request is here.
func (s *Server) Requests() []RecordedRequest { return s.records.all() }
