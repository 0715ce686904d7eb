package secretstest

import "fmt"

// sealed holds a secret value. Every fmt verb prints "[REDACTED]", so a
// stored value cannot reach a log line or test failure through %v of a
// struct that holds it; the only way out is the explicit string conversion
// that ValueIs makes.
type sealed string

const redacted = "[REDACTED]"

func (sealed) String() string   { return redacted }
func (sealed) GoString() string { return redacted }

// Format overrides all verbs, %q and %x included.
func (sealed) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, redacted) }
