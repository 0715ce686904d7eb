package redact

import (
	"errors"
	"strconv"
)

// Error is a failure whose text is built from redacted server text: a
// transport failure (net/http quotes server bytes in some errors: a
// malformed status line or header, a Location it cannot parse) or a 2xx
// body that does not decode. It has no Unwrap, so that code that walks an
// error chain and prints every link (error reporters do) meets only the
// redacted text; Is and As still reach the cause, so errors.Is(err,
// context.DeadlineExceeded) and errors.As(err, &netErr) work. A cause
// found with errors.As is the original, with the server's bytes in it.
type Error struct {
	// Msg is the whole text of the error, already redacted.
	Msg string
	// Cause is what Is and As match; nil when there is nothing to match.
	Cause error
}

// Error implements error.
func (e *Error) Error() string { return e.Msg }

// Is reports whether the cause matches target.
func (e *Error) Is(target error) bool { return e.Cause != nil && errors.Is(e.Cause, target) }

// As finds target in the cause's chain.
func (e *Error) As(target any) bool { return e.Cause != nil && errors.As(e.Cause, target) }

// GoString makes %#v print the redacted text, never the cause. It names
// the type as it was named when it lived in package client, so that %#v
// of a client error reads as it always has.
func (e *Error) GoString() string {
	return "&client.redactedError{" + strconv.Quote(e.Msg) + "}"
}
