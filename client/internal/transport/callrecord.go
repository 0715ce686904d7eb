package transport

import (
	"context"
	"net/http"
)

// CallRecord is what the Doer records about one facade call, for the
// caller's Response: it travels in the request context from the facade
// to the Doer. A call runs on one goroutine, so it needs no lock.
type CallRecord struct {
	// Attempts is how many times the last request was sent.
	Attempts int
	// MayHaveActed reports that an attempt before the last one may have
	// been carried out by the server although its answer was a failure
	// (mayHaveActed): the last answer may describe the state that attempt
	// left.
	MayHaveActed bool
}

// AlreadyGone reports whether resp, the last answer of a call, is a 404
// to a DELETE retried after an attempt that may have acted: the goal of
// the call, no such resource, is met, most likely by that attempt. A 404
// to a first attempt, or after attempts the server certainly refused, is
// a real 404; so is one to any other method (a PATCH whose retry meets a
// 404 was deleted by someone else, and its change is lost).
func (rec *CallRecord) AlreadyGone(resp *http.Response) bool {
	return rec.MayHaveActed && resp.StatusCode == http.StatusNotFound &&
		resp.Request != nil && resp.Request.Method == http.MethodDelete
}

type callRecordKey struct{}

// WithCallRecord returns ctx carrying rec, for the Doer to fill.
func WithCallRecord(ctx context.Context, rec *CallRecord) context.Context {
	return context.WithValue(ctx, callRecordKey{}, rec)
}

func callRecordFrom(ctx context.Context) *CallRecord {
	rec, _ := ctx.Value(callRecordKey{}).(*CallRecord)
	return rec
}
