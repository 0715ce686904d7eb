package client

import (
	"fmt"
	"unicode/utf8"
)

// required returns an ErrInvalidArgument naming the field if v is empty or
// not UTF-8. Checks run before any request, so a bad call sends nothing.
// JSON can only carry UTF-8: encoding/json would silently replace the bad
// bytes with U+FFFD, storing a different secret than the caller's (a
// binary key file, a Latin-1 export) and one the redactor no longer knows.
func required(field, v string) error {
	if v == "" {
		return fmt.Errorf("xisecrets: %s must not be empty: %w", field, ErrInvalidArgument)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("xisecrets: %s is not valid UTF-8 text (the API stores text; encode binary secrets, e.g. base64): %w", field, ErrInvalidArgument)
	}
	return nil
}

// checkID validates a secret id. The generated client escapes it with
// url.PathEscape (so "/", "?", "#", "%", spaces and non-ASCII stay inside
// one path segment; we must not escape it again), but "." and ".." survive
// escaping and URL resolution would turn them into another endpoint; so
// would "..", "." or an empty part between slashes for a server or proxy
// that decodes %2F before routing. The host guard refuses such requests
// too; checking here names the argument.
func checkID(id string) error {
	if err := required("id", id); err != nil {
		return err
	}
	if dotOrEmptyPart(id) {
		return fmt.Errorf(`xisecrets: id %q is not a valid secret id (it is or has an empty, "." or ".." part between slashes): %w`, id, ErrInvalidArgument)
	}
	return nil
}

// checkKey refuses a key with spaces or control characters, most often a
// trailing newline from `export ELEVENLABS_API_KEY=$(cat file)`. net/http
// would refuse it later with a vaguer error; the key itself is never quoted.
func checkKey(key string) error {
	for i := 0; i < len(key); i++ {
		if b := key[i]; b < 0x21 || b > 0x7e {
			return fmt.Errorf("xisecrets: the API key contains a space, control or non-ASCII character at byte %d (a trailing newline?): %w", i, ErrInvalidArgument)
		}
	}
	return nil
}
