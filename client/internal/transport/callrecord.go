package transport

import "context"

// CallRecord is what the Doer records about one facade call, for the
// caller's Response: it travels in the request context from the facade
// to the Doer. A call runs on one goroutine, so it needs no lock.
type CallRecord struct {
	// Attempts is how many times the last request was sent.
	Attempts int
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
