package secretstest

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

const (
	// maxConcurrentRequests is what the fake reports in the
	// maximum-concurrent-requests header. It does not enforce it; use
	// Inject with a 429 to test a client's reaction to the limit.
	maxConcurrentRequests = 10
	// maxBodyBytes bounds what the fake reads of a request body.
	maxBodyBytes = 1 << 20
)

// exchange is one request and its response on their way through the fake.
type exchange struct {
	s    *Server
	w    http.ResponseWriter
	r    *http.Request
	body []byte                                 // the request body, read in full
	rec  record                                 // the request as received, redacted
	in   *openapi3filter.RequestValidationInput // set once the request is routed; responses are then validated
	// dropAnswer makes write close the connection instead of answering
	// (DropAfterApply): the request was served, its answer is lost.
	dropAnswer bool
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	// Headers every vendor response carries, faults' included.
	h := w.Header()
	h.Set("request-id", randomHex(16))
	h.Set("current-concurrent-requests", strconv.FormatInt(n, 10))
	h.Set("maximum-concurrent-requests", strconv.Itoa(maxConcurrentRequests))

	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	x := &exchange{s: s, w: w, r: r, body: body, rec: newRecord(r, body)}
	if f, ok := s.faults.take(r); ok && x.fault(f) {
		return
	}
	if readErr != nil {
		x.sendJSON(http.StatusRequestEntityTooLarge, newAPIError("request_too_large", "Request body too large or unreadable"))
		return
	}
	in, err := s.spec.validateRequest(r, body)
	if in == nil {
		x.routeFailed(err)
		return
	}
	x.in = in
	switch {
	case errors.Is(err, errMissingKey):
		x.sendJSON(http.StatusUnauthorized, errBodyMissingKey)
	case errors.Is(err, errInvalidKey):
		x.sendJSON(http.StatusUnauthorized, errBodyInvalidKey)
	case err != nil:
		x.sendJSON(http.StatusUnprocessableEntity, validationError{details(err)})
	default:
		op, ok := operations[in.Route.Operation.OperationID]
		if !ok {
			// The spec has an operation the fake does not implement:
			// a bug here, after the spec gained an operation.
			s.cfg.report("secretstest: operation %s is in the spec but not implemented", in.Route.Operation.OperationID)
			x.sendJSON(http.StatusNotImplemented, newAPIError("not_implemented", "The fake does not implement this operation"))
			return
		}
		status, v := op(x)
		x.sendJSON(status, v)
	}
}

// routeFailed answers a request that matches no operation as FastAPI does.
func (x *exchange) routeFailed(err error) {
	var re *routers.RouteError
	if errors.As(err, &re) && re.Reason == routers.ErrMethodNotAllowed.Error() || x.s.spec.pathExists(x.r) {
		x.sendJSON(http.StatusMethodNotAllowed, routeError{"Method Not Allowed"})
		return
	}
	x.sendJSON(http.StatusNotFound, routeError{"Not Found"})
}

// sendJSON answers with v as JSON, or with no body and no Content-Type if v
// is nil. A routed request's response is first validated against the
// spec; if it does not match, that is a bug in the fake (or a spec it has
// not caught up with): it is reported, and the client gets a 500 so that
// it cannot pass a test by accident on a response the vendor would not send.
func (x *exchange) sendJSON(status int, v any) {
	header := http.Header{}
	var body []byte
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			panic(err) // only the fake's own types get here
		}
		header.Set("Content-Type", "application/json")
	}
	if x.in != nil {
		opID := x.in.Route.Operation.OperationID
		if x.s.cfg.tamper != nil {
			body = x.s.cfg.tamper(opID, body)
		}
		if err := x.s.spec.validateResponse(x.in, status, header, body); err != nil {
			x.s.cfg.report("secretstest: the fake's %d response to %s %s (%s) does not match the spec: %v",
				status, x.r.Method, x.r.URL.EscapedPath(), opID, err)
			status, body = http.StatusInternalServerError, mustJSON(newAPIError("fake_response_invalid",
				"The fake's response did not match the OpenAPI spec; see the test log"))
			header.Set("Content-Type", "application/json")
		}
	}
	x.write(status, header, body)
}

// write records the exchange and sends the response. Recording comes first
// so that a client that has its response always finds its request in
// Requests.
func (x *exchange) write(status int, header http.Header, body []byte) {
	if x.dropAnswer {
		x.hijack(func(*bufio.ReadWriter) {})
		return
	}
	h := x.w.Header()
	for k, v := range header {
		h[k] = v
	}
	if status != http.StatusNoContent && status != http.StatusNotModified {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	x.s.records.add(x.rec, status)
	x.w.WriteHeader(status)
	_, _ = x.w.Write(body)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
