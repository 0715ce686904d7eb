package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// Body limits: this API's JSON is small, so anything bigger is a broken or
// hostile server, not data to buffer. Error bodies are only parsed for a
// message, so they are cut rather than refused.
const (
	successBodyLimit = 1 << 20
	errorBodyLimit   = 64 << 10
)

// bufferBody reads resp.Body within the limits, closes it and replaces it
// with an in-memory reader, so callers (the generated parsers, the facade)
// can read it after the attempt's context and timer are gone.
func bufferBody(resp *http.Response) error {
	limit := int64(successBodyLimit)
	if resp.StatusCode >= 300 {
		limit = errorBodyLimit
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	_ = resp.Body.Close()
	if err != nil {
		return fmt.Errorf("reading response body: %w", err)
	}
	if int64(len(b)) > limit {
		if resp.StatusCode < 300 {
			return fmt.Errorf("%w: over %d bytes", ErrResponseTooLarge, limit)
		}
		b = b[:limit]
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	return nil
}
