package secretstest

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Drop says whether and when a Fault breaks the connection.
type Drop int

const (
	// DropNone keeps the connection.
	DropNone Drop = iota
	// DropBeforeResponse closes the connection without sending anything,
	// like a proxy or server that dies after reading the request. The fake
	// does not carry the request out, but the client cannot know that.
	DropBeforeResponse
	// DropMidBody sends the status line and headers, with a Content-Length
	// for the whole body, then half the body, then closes the connection:
	// the client's read of the body fails.
	DropMidBody
	// DropAfterApply serves the request as the fake normally would (its
	// key and body are checked, a write is carried out), then closes the
	// connection instead of sending the answer: the server acted, and the
	// client cannot know it. A retry then meets the new state, such as a
	// 404 for a secret it deleted. Status, Header, Body and RedirectTo are
	// ignored; the request is recorded with Status 0.
	DropAfterApply
)

// Fault is one misbehaviour for the fake to show, queued with Inject.
// Faults act before authentication and validation, like a proxy in front of
// the API, and their responses are not validated: they are meant to be
// wrong. Each keeps the vendor's request-id and concurrency headers unless
// Header overrides them.
//
// In order: Latency is waited first; then Drop, if set, wins (with
// DropAfterApply the request is then served, and the answer dropped); else
// RedirectTo; else Status. A Fault with only Latency then serves normally.
type Fault struct {
	Method string // "" matches any method; else the exact method, e.g. "POST"
	Path   string // "" matches any; else the exact escaped URL path (r.URL.EscapedPath())

	// Status, Header and Body answer the request instead of the normal
	// handler, e.g. 429 with a Retry-After header, 503, an HTML error page,
	// or 204 with Content-Type: application/json and an empty Body. Header
	// values are sent as given; without a Content-Type, Go sniffs Body.
	Status int
	Header http.Header
	Body   string

	// Latency is waited before anything else, capped at 10s so a mistaken
	// fault cannot hang a test suite. It ends early if the client goes away
	// (the request is then recorded with Status 0 and not served) or the
	// server closes.
	Latency time.Duration

	// Drop breaks the connection; see the Drop constants. With
	// DropMidBody, Status (default 200), Header and Body (default a JSON
	// secrets list) make up the response that is cut short.
	Drop Drop

	// RedirectTo answers 307 Temporary Redirect with Location: RedirectTo,
	// e.g. another host, to test that a client does not follow it with its
	// API key.
	RedirectTo string
}

const (
	maxLatency = 10 * time.Second
	// maxFaults bounds the queue: a test that queues more than this is
	// more likely looping by mistake than testing anything.
	maxFaults = 1000
)

// defaultCutBody is what DropMidBody cuts short when the Fault has no Body.
const defaultCutBody = `{"secrets":[{"type":"stored","secret_id":"sec_cut","name":"cut","used_by":{"tools":[],"agents":[],"others":[]}}],"next_cursor":null}`

// faultQueue is the FIFO of injected faults.
type faultQueue struct {
	mu sync.Mutex
	q  []Fault
}

// Inject queues faults, in order. Each request takes the first queued fault
// that matches it (FIFO), and a fault is used once: so a test can script,
// say, "the first POST gets a 429, the retry succeeds" and get exactly
// that, whatever else the client does. A Fault the fake cannot act out (an
// unknown Drop, a Status outside 200..599, a full queue) is reported like
// the fake's other failures (t.Errorf or logf) and ignored.
func (s *Server) Inject(faults ...Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for _, f := range faults {
		switch {
		case f.Drop < DropNone || f.Drop > DropAfterApply:
			s.cfg.report("secretstest: Inject: unknown Drop %d", int(f.Drop))
		case f.Status != 0 && (f.Status < 200 || f.Status > 599):
			s.cfg.report("secretstest: Inject: Status %d is outside 200..599", f.Status)
		case len(s.faults.q) == maxFaults:
			s.cfg.report("secretstest: Inject: more than %d faults queued", maxFaults)
		default:
			f.Header = f.Header.Clone() // the caller may reuse its map
			s.faults.q = append(s.faults.q, f)
		}
	}
}

// take removes and returns the first queued fault that matches r.
func (fq *faultQueue) take(r *http.Request) (Fault, bool) {
	fq.mu.Lock()
	defer fq.mu.Unlock()
	for i, f := range fq.q {
		if (f.Method == "" || f.Method == r.Method) && (f.Path == "" || f.Path == r.URL.EscapedPath()) {
			fq.q = append(fq.q[:i], fq.q[i+1:]...)
			return f, true
		}
	}
	return Fault{}, false
}

// fault acts out f and reports whether it answered the request; if not,
// the request is to be served normally.
func (x *exchange) fault(f Fault) bool {
	if f.Latency > 0 && !x.wait(min(f.Latency, maxLatency)) {
		x.s.records.add(x.rec, 0)
		return true
	}
	h := x.w.Header()
	switch {
	case f.Drop == DropBeforeResponse:
		x.hijack(func(*bufio.ReadWriter) {})
	case f.Drop == DropMidBody:
		x.hijack(func(rw *bufio.ReadWriter) { x.writeCut(rw, f) })
	case f.Drop == DropAfterApply:
		x.dropAnswer = true
		return false
	case f.RedirectTo != "":
		h.Set("Location", f.RedirectTo)
		x.write(http.StatusTemporaryRedirect, nil, nil)
	case f.Status != 0:
		x.write(f.Status, f.Header, []byte(f.Body))
	default:
		return false
	}
	return true
}

// wait sleeps for d, and reports false if the client went away meanwhile.
// The server closing ends the wait early too, but the request is then
// served: Close waits for it anyway.
func (x *exchange) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-x.s.done:
	case <-x.r.Context().Done():
		return false
	}
	return true
}

// hijack records the request with status 0, takes over the connection,
// lets send write to it, and closes it.
func (x *exchange) hijack(send func(*bufio.ReadWriter)) {
	x.s.records.add(x.rec, 0)
	conn, rw, err := http.NewResponseController(x.w).Hijack()
	if err != nil {
		// Not HTTP/1 (the fake does not enable HTTP/2, but a wrapper
		// might): aborting the handler is the closest thing.
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	send(rw)
	_ = rw.Flush()
}

// writeCut writes f's response by hand on a hijacked connection, promising
// the whole body in Content-Length but sending half of it.
func (x *exchange) writeCut(rw *bufio.ReadWriter, f Fault) {
	status, body := f.Status, f.Body
	if status == 0 {
		status = http.StatusOK
	}
	if body == "" {
		body = defaultCutBody
	}
	h := x.w.Header().Clone()
	h.Set("Content-Type", "application/json")
	for k, v := range f.Header {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	_, _ = fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	_ = h.Write(rw)
	_, _ = rw.WriteString("\r\n" + body[:len(body)/2])
}
