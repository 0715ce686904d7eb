package client

import (
	"errors"
	"strconv"
)

// Errors of the environment variable operations, for errors.Is.
var (
	// ErrDuplicateLabel: Create of a label another environment variable
	// has (the API's 409). The error is a *DuplicateLabelError.
	ErrDuplicateLabel = errors.New("xisecrets: an environment variable has this label")
	// ErrNoSuchLabel: GetByLabel (and Bind's and Unset's lookup) found no
	// environment variable of the label. It also matches ErrNotFound.
	ErrNoSuchLabel = errors.New("xisecrets: no environment variable has this label")
	// ErrNoProductionValue: Bind of an environment other than production
	// for a label that does not exist yet. The API creates a variable only
	// with its production value: bind production first. Nothing was sent
	// but the lookup.
	ErrNoProductionValue = errors.New("xisecrets: the environment variable has no production value yet")
)

// DuplicateLabelError is Create's error for a label in use: it matches
// ErrDuplicateLabel, and the *APIError of the 409 it wraps.
type DuplicateLabelError struct {
	Label string
	Err   *APIError
}

// Error implements error.
func (e *DuplicateLabelError) Error() string {
	return "xisecrets: create environment variable: the label " + strconv.Quote(e.Label) + " is already in use (GetByLabel finds it): " + e.Err.Error()
}

// Is makes errors.Is(err, ErrDuplicateLabel) true.
func (e *DuplicateLabelError) Is(target error) bool { return target == ErrDuplicateLabel }

// Unwrap returns the 409's *APIError.
func (e *DuplicateLabelError) Unwrap() error { return e.Err }

// labelError is an error about a label (quoted: CheckLabel has passed it,
// and it is the caller's to know), matching is.
type labelError struct {
	op, label, msg string
	is             error
}

// Error implements error.
func (e *labelError) Error() string {
	return "xisecrets: " + e.op + " " + strconv.Quote(e.label) + ": " + e.msg
}

// Is matches the sentinel; ErrNoSuchLabel also matches ErrNotFound.
func (e *labelError) Is(target error) bool {
	return target == e.is || (e.is == ErrNoSuchLabel && target == ErrNotFound)
}
