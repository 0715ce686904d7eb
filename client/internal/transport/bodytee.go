package transport

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

// keptBodyLimit bounds how much of a request body that cannot be read
// again is kept to learn the secret value from. JSON writes a byte of a
// value in at most 6 ("\u001f"), so a value of maxValue bytes (the most
// the facade sends) and its envelope fit; a bigger body is not one the
// facade would send, and is kept only in part (its value is then not
// known).
func keptBodyLimit(maxValue int) int { return 6*maxValue + 4<<10 }

// bodyTee passes a request body through to the transport and keeps a copy
// of what was read, up to limit (keptBodyLimit). The transport may read the body
// on its own goroutine while the retry layer already redacts an error, so
// the copy is guarded.
type bodyTee struct {
	body  io.ReadCloser
	limit int
	mu    sync.Mutex
	kept  []byte
}

// Read implements io.Reader.
func (t *bodyTee) Read(p []byte) (int, error) {
	n, err := t.body.Read(p)
	if n > 0 {
		t.mu.Lock()
		if room := t.limit - len(t.kept); room > 0 {
			t.kept = append(t.kept, p[:min(n, room)]...)
		}
		t.mu.Unlock()
	}
	return n, err
}

// Close implements io.Closer.
func (t *bodyTee) Close() error { return t.body.Close() }

// value returns the "value" member of the JSON read so far, or "". A
// body the transport stopped reading (the server answered first) may end
// inside the value: the server can only have seen what was read, so the
// part read is what to redact (cutValue).
func (t *bodyTee) value() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var v struct {
		Value string `json:"value"`
	}
	if json.Unmarshal(t.kept, &v) != nil {
		return cutValue(t.kept)
	}
	return v.Value
}

// cutValue returns the "value" string of a JSON body that does not parse
// (most often, one that ends inside the value), decoded as far as it
// goes, or "".
func cutValue(b []byte) string {
	// The first "value" followed by a colon is the key: an earlier one may
	// be a string, such as a name of "value".
	var rest []byte
	for {
		_, after, ok := bytes.Cut(b, []byte(`"value"`))
		if !ok {
			return ""
		}
		if r, isKey := bytes.CutPrefix(bytes.TrimLeft(after, " \t\r\n"), []byte(":")); isKey {
			rest = r
			break
		}
		b = after
	}
	rest, ok := bytes.CutPrefix(bytes.TrimLeft(rest, " \t\r\n"), []byte(`"`))
	if !ok {
		return ""
	}
	for i := 0; i < len(rest); i++ { // up to the closing quote, if any
		if rest[i] == '\\' {
			i++
		} else if rest[i] == '"' {
			rest = rest[:i]
			break
		}
	}
	// An escape cut short ("\u00") is at most 6 bytes at the end: drop
	// bytes until the rest decodes.
	for range 6 {
		var v string
		if json.Unmarshal(append(append([]byte(`"`), rest...), '"'), &v) == nil {
			return v
		}
		if len(rest) == 0 {
			break
		}
		rest = rest[:len(rest)-1]
	}
	return ""
}

// keepBody makes the redaction of req able to learn its secret value: a
// body with GetBody (any the facade sends) is read again when needed; any
// other (a Raw() call with a file, a pipe or a MultiReader) is sent
// through a bodyTee, on a copy of req, which is returned. maxValue is the
// largest value the facade sends (keptBodyLimit).
func (r *requestRedaction) keepBody(req *http.Request, maxValue int) *http.Request {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody != nil {
		return req
	}
	r.tee = &bodyTee{body: req.Body, limit: keptBodyLimit(maxValue)}
	req = req.WithContext(req.Context())
	req.Body = r.tee
	return req
}
