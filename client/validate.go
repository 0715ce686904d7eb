package client

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// MaxValueBytes is the largest secret value this package sends, 64 KiB.
// The API documents no limit; API keys, tokens and PEM files fit many times
// over, and a bound means a mistaken `cat big.log | xisecrets create` is
// refused rather than stored as a secret. The CLI reads values up to this
// bound and no further.
const MaxValueBytes = 64 << 10

// MaxNameBytes is the longest secret name this package sends, 873 bytes,
// so that it never writes a secret no listing can return. The API documents
// no bound (the spec has no maxLength), and one long name breaks more than
// its own secret: every listing page that holds it, for everyone using
// the workspace (two 600 KiB names make every page pass the 1 MiB
// response bound, and list, apply and each by-name lookup then fail).
//
// The number comes from the listing: a page holds up to MaxPageSize (100)
// secrets and must fit the 1 MiB success-response bound; names may take
// half of it, leaving the rest to ids, framing and the used_by previews;
// and a name's JSON can be six times its bytes (a control byte is sent as
// \u00XX, as encoding/json also sends <, > and &). 1 MiB / 2 / 100 / 6 is
// 873. Real names (API_KEY, db-password) are tens of bytes.
const MaxNameBytes = transport.SuccessBodyLimit / 2 / MaxPageSize / maxJSONEscape

// maxJSONEscape is how many bytes of JSON one byte of a string can take:
// six, for \u00XX.
const maxJSONEscape = 6

// CheckName reports whether name is a secret name this package sends: not
// empty, not only white space, UTF-8 and at most MaxNameBytes. Create,
// Update, FindByName and Upsert apply it before sending anything, and the
// CLI applies the same rule to its arguments and to every line of an apply
// file before its first request. The error matches ErrInvalidArgument and
// never quotes the name (a long one is often a value pasted in its place).
func CheckName(name string) error {
	if err := required("name", name); err != nil {
		return err
	}
	if strings.TrimSpace(name) == "" {
		return invalidf("name must not be only white space")
	}
	return checkNameLength(name)
}

// checkNameLength refuses a name over MaxNameBytes: the one rule of
// CheckName that Raw() writes are held to as well, because breaking it
// breaks every listing, not only the caller's request.
func checkNameLength(name string) error {
	if len(name) > MaxNameBytes {
		return invalidf("name is %d bytes, over the %d-byte limit (a page of %d secrets must fit the %d MiB response bound, so that every listing stays readable); nothing was sent", len(name), MaxNameBytes, MaxPageSize, transport.SuccessBodyLimit>>20)
	}
	return nil
}

// CheckValue reports whether value is a secret value this package sends:
// not empty, UTF-8, and at most MaxValueBytes. The error matches
// ErrInvalidArgument and never quotes the value.
func CheckValue(value string) error {
	if err := required("value", value); err != nil {
		return err
	}
	if len(value) > MaxValueBytes {
		return invalidf("value is %d bytes, over the %d KiB limit", len(value), MaxValueBytes>>10)
	}
	return nil
}

// required returns an ErrInvalidArgument naming the field if v is empty or
// not UTF-8. Checks run before any request, so a bad call sends nothing.
// JSON can only carry UTF-8: encoding/json would silently replace the bad
// bytes with U+FFFD, storing a different secret than the caller's (a
// binary key file, a Latin-1 export) and one redaction no longer knows.
func required(field, v string) error {
	if v == "" {
		return invalidf("%s must not be empty", field)
	}
	if !utf8.ValidString(v) {
		return invalidf("%s is not valid UTF-8 text (the API stores text; encode binary secrets, e.g. base64)", field)
	}
	return nil
}

// argumentError is a bad argument or option. Its text says what was wrong
// and nothing more: it matches ErrInvalidArgument without appending that
// sentinel's words, so a message reads "xisecrets: name must not be empty",
// fit to show a person as is.
type argumentError struct{ msg string }

// Error implements error.
func (e *argumentError) Error() string { return e.msg }

// Is makes errors.Is(err, ErrInvalidArgument) true.
func (e *argumentError) Is(target error) bool { return target == ErrInvalidArgument }

// invalidf builds an argumentError from a message without the
// "xisecrets: " prefix, which it adds.
func invalidf(format string, a ...any) error {
	return &argumentError{"xisecrets: " + fmt.Sprintf(format, a...)}
}

// checkID validates a secret id. The generated client escapes it with
// url.PathEscape (so "/", "?", "#", "%", spaces and non-ASCII stay inside
// one path segment; we must not escape it again), but "." and ".." survive
// escaping and URL resolution would turn them into another endpoint; so
// would "..", "." or an empty part between slashes (or backslashes) for a
// server or proxy that decodes %2F (or reads a backslash as a slash)
// before routing, and the same written in percent-escapes ("%2e%2e") for
// one that decodes twice (transport.UnsafeID); so would "..;" for a router that
// drops path parameters. The host guard refuses
// such requests too; checking here names the argument.
func checkID(id string) error {
	if err := required("id", id); err != nil {
		return err
	}
	if transport.UnsafeID(id) {
		// The id is not quoted: a pasted secret value is a common wrong id.
		return invalidf(`the id is not a valid secret id (it is or has an empty, "." or ".." part between slashes or backslashes, or before a ";", as it is or percent-decoded)`)
	}
	return nil
}

// checkKey refuses a key with spaces or control characters, most often a
// trailing newline from `export ELEVENLABS_API_KEY=$(cat file)`. net/http
// would refuse it later with a vaguer error; the key itself is never quoted.
func checkKey(key string) error {
	for i := 0; i < len(key); i++ {
		if b := key[i]; b < 0x21 || b > 0x7e {
			return invalidf("the API key contains a space, control or non-ASCII character at byte %d (a trailing newline?)", i)
		}
	}
	return nil
}

// parseBaseURL validates a base URL and canonicalises its host (lower
// case) before anything is decided on it: net/http exempts only the exact
// name "localhost" from environment proxies, so "Localhost" must not mean
// something else to us than to it. Plain http is refused unless the host
// is loopback, so the key never crosses a network in clear text.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// Not even the scheme and host are known for sure: quote nothing.
		return nil, invalidf("base URL: not a URL")
	}
	bad := func(why string) error { return baseURLError(u, why) }
	if !strings.Contains(u.Host, "%") { // an IPv6 zone may be case-sensitive
		u.Host = strings.ToLower(u.Host)
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return nil, bad("no host")
	case u.User != nil:
		return nil, bad("user info is not allowed")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, bad("query and fragment are not allowed")
	case u.Scheme == "https":
	case u.Scheme == "http" && transport.IsLoopback(u.Hostname()):
	case u.Scheme == "http":
		return nil, bad("plain http is only allowed to a loopback host; use https")
	default:
		return nil, bad("scheme must be https")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if u.Path != "" && transport.HasDotOrEmptySegment(u.Path) {
		// The generated client would resolve it away, and every request
		// would then fail the host guard's path check.
		return nil, bad(`the path has an empty, "." or ".." segment`)
	}
	return u, nil
}

// baseURLError names a refused base URL by scheme and host only: a key
// pasted into it as user info, a query or a fragment (or in a URL that
// does not parse) must not be repeated in the error.
func baseURLError(u *url.URL, why string) error {
	if u.Host == "" {
		return invalidf("base URL: %s", why)
	}
	return invalidf("base URL %q: %s", u.Scheme+"://"+u.Host, why)
}
