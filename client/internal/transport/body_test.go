package transport

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// closeRecorder is a response body that records whether it was closed.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// bufferResponse runs bufferBody on a response of status carrying body,
// its length declared (Content-Length) or not (-1, as for chunked).
func bufferResponse(t *testing.T, status int, body string, declared bool) (*http.Response, *closeRecorder, error) {
	t.Helper()
	rc := &closeRecorder{Reader: strings.NewReader(body)}
	resp := &http.Response{StatusCode: status, Body: rc, ContentLength: -1}
	if declared {
		resp.ContentLength = int64(len(body))
	}
	return resp, rc, bufferBody(resp)
}

// The byte bounds: a success body of exactly SuccessBodyLimit bytes is
// kept, one byte more is refused; an error body is cut at ErrorBodyLimit,
// never refused. Whether the server declares the length or not.
func TestBufferBodyByteBounds(t *testing.T) {
	for _, declared := range []bool{true, false} {
		for _, tc := range []struct {
			name    string
			status  int
			size    int
			wantLen int // -1: refused
		}{
			{"success at the limit", 200, SuccessBodyLimit, SuccessBodyLimit},
			{"success one over", 200, SuccessBodyLimit + 1, -1},
			{"empty success", 200, 0, 0},
			{"error at the limit", 500, ErrorBodyLimit, ErrorBodyLimit},
			{"error one over is cut", 500, ErrorBodyLimit + 1, ErrorBodyLimit},
			{"error far over is cut", 404, 4 * ErrorBodyLimit, ErrorBodyLimit},
			{"a 3xx is an error body", 302, ErrorBodyLimit + 1, ErrorBodyLimit},
		} {
			resp, rc, err := bufferResponse(t, tc.status, strings.Repeat("x", tc.size), declared)
			if !rc.closed {
				t.Errorf("%s (declared %v): the server's body was not closed", tc.name, declared)
			}
			if tc.wantLen < 0 {
				if !errors.Is(err, ErrResponseTooLarge) {
					t.Errorf("%s (declared %v): err = %v, want ErrResponseTooLarge", tc.name, declared, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s (declared %v): %v", tc.name, declared, err)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			if len(b) != tc.wantLen || resp.ContentLength != int64(tc.wantLen) {
				t.Errorf("%s (declared %v): kept %d bytes, ContentLength %d; want %d", tc.name, declared, len(b), resp.ContentLength, tc.wantLen)
			}
		}
	}
}

// A body shorter than its declared length is a failed read, not a short
// answer taken as whole.
func TestBufferBodyShortOfItsLength(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"a":1}`)), ContentLength: 100}
	if err := bufferBody(resp); err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want io.ErrUnexpectedEOF", err)
	}
}

// net/http's NoBody (a 204, a HEAD) is left as it is.
func TestBufferBodyLeavesNoBody(t *testing.T) {
	resp := &http.Response{StatusCode: 204, Body: http.NoBody}
	if err := bufferBody(resp); err != nil || resp.Body != http.NoBody {
		t.Errorf("err = %v, body %T; want NoBody untouched", err, resp.Body)
	}
}

// The element bound: exactly SuccessBodyElements array elements pass, one
// more is refused; an error body is never counted.
func TestBufferBodyElementBound(t *testing.T) {
	body := func(n int) string { return `{"a":[` + strings.TrimSuffix(strings.Repeat("0,", n), ",") + `]}` }
	if _, _, err := bufferResponse(t, 200, body(SuccessBodyElements), true); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, _, err := bufferResponse(t, 200, body(SuccessBodyElements+1), true); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("one over: err = %v, want ErrResponseTooLarge", err)
	}
	if _, _, err := bufferResponse(t, 422, body(SuccessBodyElements+1), true); err != nil {
		t.Errorf("an error body with many elements: %v", err)
	}
}

// arrayElements counts the values inside arrays: a first element follows
// '[' not a comma, commas of objects and inside strings (escaped quotes
// included) are not elements, and nesting is followed.
func TestArrayElements(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{``, 0},
		{`[]`, 0},
		{"[ \n\t\r]", 0},
		{`[1]`, 1},
		{`[ 1 , 2 ]`, 2},
		{`{"a":1,"b":2}`, 0},
		{`{"a":[1,2],"b":{"c":3,"d":4}}`, 2},
		{`[[1],[2]]`, 4},             // two outer, one in each inner
		{`[[],[]]`, 2},               // empty inner arrays hold nothing
		{`[{"a":[1,2,3]},{}]`, 5},    // 2 objects + 3 numbers
		{`["a,b","[c,d]"]`, 2},       // commas and brackets in strings
		{`["a\",b,c"]`, 1},           // an escaped quote does not end the string
		{`["a\\",b]`, 2},             // an escaped backslash does not escape the quote
		{`["\\\"],[",1]`, 2},         // both at once
		{`{"k,[":"v,]","l":[1]}`, 1}, // in keys too
		{`[1,2` + strings.Repeat(`,{"x":[9]}`, 2), 6},                 // cut short: counted as far as it goes
		{strings.Repeat("[", 40) + "1" + strings.Repeat("]", 40), 40}, // deeper than the stack buffer
		{`["\`, 1}, // a string cut inside an escape
	} {
		if got := arrayElements([]byte(tc.in), 1<<20); got != tc.want {
			t.Errorf("arrayElements(%.60q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// The count stops once it passes the limit: what matters is "over", and a
// hostile body of a million commas is not read to its end.
func TestArrayElementsStopsPastTheLimit(t *testing.T) {
	if got := arrayElements([]byte("["+strings.Repeat("0,", 1000)+"0]"), 10); got != 11 {
		t.Errorf("count = %d, want 11 (the limit plus one)", got)
	}
}

// Brackets, escaped quotes and commas inside a string, however many, are
// never elements: a name of SuccessBodyElements such runs is accepted.
func TestArrayElementsIgnoreStrings(t *testing.T) {
	name := strings.Repeat(`[,\"[`, SuccessBodyElements)
	body := `{"name":"` + name + `","used_by":{"tools":[ ],"agents":[` + "\n" + `{"id":"a","name":"x,y]"} , {"id":"b"}],"others":[]}}`
	if got := arrayElements([]byte(body), SuccessBodyElements); got != 2 {
		t.Errorf("count = %d, want 2", got)
	}
}

// An element that is the first of its array follows a '[', not a comma: a
// body of one-element arrays holds twice as many elements as commas, and
// is refused as such.
func TestArrayElementsCountsFirstElements(t *testing.T) {
	tool := `{"referenced_resource_ids":["a"]}` // two elements, no comma
	tools := func(n int) string {
		return `{"used_by":{"tools":[` + strings.TrimSuffix(strings.Repeat(tool+",", n), ",") + `]}}`
	}
	if _, _, err := bufferResponse(t, 200, tools(SuccessBodyElements/2), true); err != nil {
		t.Errorf("%d one-id tools: %v", SuccessBodyElements/2, err)
	}
	if _, _, err := bufferResponse(t, 200, tools(SuccessBodyElements/2+1), true); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("%d one-id tools: err = %v, want ErrResponseTooLarge", SuccessBodyElements/2+1, err)
	}
}

// ReadLimited reads one byte past the limit, so "exactly the limit" and
// "too large" differ, whether the length is declared, unknown or a lie
// larger than the limit.
func TestReadLimited(t *testing.T) {
	for _, tc := range []struct {
		name     string
		size     int
		declared int64
		want     int
	}{
		{"declared, within", 5, 5, 5},
		{"unknown, within", 5, -1, 5},
		{"unknown, at the limit", 10, -1, 10},
		{"unknown, over", 20, -1, 11},
		{"declared over the limit", 20, 20, 11},
		{"declared zero", 0, 0, 0},
	} {
		b, err := ReadLimited(strings.NewReader(strings.Repeat("x", tc.size)), tc.declared, 10)
		if err != nil || len(b) != tc.want {
			t.Errorf("%s: read %d bytes, err %v; want %d", tc.name, len(b), err, tc.want)
		}
	}
}
