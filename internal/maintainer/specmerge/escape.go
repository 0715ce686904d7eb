package specmerge

import "github.com/xisecrets/xisecrets/internal/textsafe"

// escapedError is an error as [Run] returns it: its text shows every
// control, bidi or invisible rune and every byte that is not UTF-8 as an
// escape (textsafe.EscapeHidden). Errors quote page text everywhere (a
// component's name in a pointer, a value, a file name, and yaml.v3's,
// kin-openapi's and oapi-codegen's messages quoting either), and go
// generate prints them to a terminal that a raw ESC or U+202E would
// drive; escaping where every error leaves the package covers the errors
// of future code too. Unwrap keeps the error itself for errors.As.
type escapedError struct{ err error }

func (e escapedError) Error() string { return textsafe.EscapeHidden(e.err.Error()) }

func (e escapedError) Unwrap() error { return e.err }
