// Package sealed is the one way xisecrets keeps a secret (the API key, a
// stored value) in a struct: where no printer can reach it.
//
// A String or Format method is not enough on its own: fmt skips the methods
// of unexported fields and prints them by reflection, and dumpers such as
// go-spew read unexported fields too. But fmt, slog, encoding/json and
// reflection-based dumpers all print a func as an address (or skip it), and
// a closure's captured variables are invisible to reflection. So a Value
// holds its secret only inside a closure, and any struct holding Values
// prints safely at any depth with any verb, with no methods of its own.
package sealed

import (
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
)

// Value is a sealed secret. The zero Value reveals "".
type Value struct{ reveal func() string }

// Placeholder is what a Value prints as where a printer asks it.
const Placeholder = "[REDACTED]"

// Seal seals s.
func Seal(s string) Value { return Value{func() string { return s }} }

// Reveal returns the secret, for the one place that must send or compare it.
func (v Value) Reveal() string {
	if v.reveal == nil {
		return ""
	}
	return v.reveal()
}

// Equal reports whether guess is the secret, in constant time so that
// timing tells nothing about how much of a guess was right.
func (v Value) Equal(guess string) bool {
	return subtle.ConstantTimeCompare([]byte(v.Reveal()), []byte(guess)) == 1
}

// Format prints the placeholder for every verb, where fmt asks.
func (Value) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, Placeholder) }

// LogValue prints the placeholder in slog, where slog asks.
func (Value) LogValue() slog.Value { return slog.StringValue(Placeholder) }
