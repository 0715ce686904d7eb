package transport

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// Body limits: this API's JSON is small, so anything bigger is a broken or
// hostile server, not data to buffer. Error bodies are only parsed for a
// message, so they are cut rather than refused.
//
// The byte bound alone does not bound memory: a 3-byte element "{}," of
// a dependents list decodes into a struct many times its size.
// SuccessBodyElements bounds the number of array elements in a success
// body, whatever decodes it (the facade or Raw()'s generated parsers),
// which with the facade's one-pass decoding keeps a call's heap a small
// multiple of the byte bound (BenchmarkDecodeAmplification measures it).
// 8,192 is far above what the API sends: a Get previews at most 100
// dependents per kind, a Dependencies page holds at most 100, and a List
// page of 100 secrets would need over 80 users per secret (most of a MiB,
// near the byte bound anyway) to reach it.
const (
	SuccessBodyLimit    = 1 << 20
	ErrorBodyLimit      = 64 << 10
	SuccessBodyElements = 8 << 10
)

// bufferBody reads resp.Body within the limits, closes it and replaces it
// with an in-memory reader whose size is resp.ContentLength, so callers
// (the generated parsers, the facade) can read it after the attempt's
// context and timer are gone. An empty body (net/http's NoBody, as for a
// 204) is left as it is: there is nothing to read or to keep.
func bufferBody(resp *http.Response) error {
	if resp.Body == http.NoBody {
		return nil
	}
	limit := int64(SuccessBodyLimit)
	if resp.StatusCode >= 300 {
		limit = ErrorBodyLimit
	}
	b, err := ReadLimited(resp.Body, resp.ContentLength, limit)
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
	if resp.StatusCode < 300 && arrayElements(b, SuccessBodyElements) > SuccessBodyElements {
		return fmt.Errorf("%w: over %d JSON array elements", ErrResponseTooLarge, SuccessBodyElements)
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	return nil
}

// ReadLimited reads r up to limit+1 bytes (one more than allowed, so the
// caller can tell "too large" from "exactly the limit"). A declared length
// within the limit is read into a buffer of exactly that size: io.ReadAll
// would start at 512 bytes and grow, most of a small call's allocation.
// net/http never gives a body longer than its Content-Length.
func ReadLimited(r io.Reader, declared, limit int64) ([]byte, error) {
	if declared < 0 || declared > limit {
		return io.ReadAll(io.LimitReader(r, limit+1))
	}
	b := make([]byte, declared)
	_, err := io.ReadFull(r, b)
	return b, err
}

// arrayElements counts the values inside the JSON arrays of b, stopping
// as soon as the count passes limit. b need not be valid JSON: a
// malformed body can only be counted wrong, and then fails to decode.
func arrayElements(b []byte, limit int) int {
	var inArrayBuf [32]bool // one entry per open bracket: is it an array?
	inArray := inArrayBuf[:0]
	n := 0
	for i := 0; i < len(b) && n <= limit; i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '[':
			inArray = append(inArray, true)
			if j := skipSpace(b, i+1); j < len(b) && b[j] != ']' {
				n++ // the first element
			}
		case '{':
			inArray = append(inArray, false)
		case ']', '}':
			if len(inArray) > 0 {
				inArray = inArray[:len(inArray)-1]
			}
		case ',':
			if len(inArray) > 0 && inArray[len(inArray)-1] {
				n++
			}
		}
	}
	return n
}

// skipSpace returns the index of the first byte at or after i that is
// not JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
