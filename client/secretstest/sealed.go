package secretstest

import (
	"crypto/subtle"
	"fmt"
)

// sealed holds a secret (a stored value or the API key) where no printer
// can reach it. A method such as String is not enough: fmt skips methods of
// unexported fields, and a bad verb (%s of a struct) prints pointers'
// contents. But fmt, %#v and reflection-based dumpers all print a func as
// an address, and a closure's captured variables are invisible to
// reflection. Format still answers "[REDACTED]" where fmt does ask.
type sealed struct{ reveal func() string }

const redacted = "[REDACTED]"

func seal(s string) sealed { return sealed{func() string { return s }} }

// equal compares in constant time, so that timing reveals nothing about how
// much of a guess was right.
func (s sealed) equal(guess string) bool {
	return subtle.ConstantTimeCompare([]byte(s.reveal()), []byte(guess)) == 1
}

// Format prints "[REDACTED]" for every verb.
func (sealed) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, redacted) }
