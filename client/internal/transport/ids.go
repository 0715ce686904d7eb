package transport

import (
	"fmt"
	"strings"
)

// HasDotOrEmptySegment reports whether a decoded URL path is not of the
// form /seg/seg/...: it has an empty segment (//, a trailing slash, no
// path at all), or "." or "..", as it is or percent-decoded again
// (UnsafeID), which URL resolution, a proxy or the server's router could
// turn into another endpoint (DELETE /v1/convai/secrets/.. is DELETE
// /v1/convai/).
func HasDotOrEmptySegment(path string) bool {
	rest, ok := strings.CutPrefix(path, "/")
	return !ok || UnsafeID(rest)
}

// dotOrEmptyPart reports whether s, split at slashes and backslashes, has
// an empty, "." or ".." part, ignoring a ";" path parameter. For a decoded
// id this catches what a server or proxy that decodes %2F before routing
// would resolve, one that reads a backslash as a slash (IIS and some path
// normalisers do) and one that drops path parameters.
func dotOrEmptyPart(s string) bool {
	for {
		part, rest, more := s, "", false
		if i := strings.IndexAny(s, `/\`); i >= 0 {
			part, rest, more = s[:i], s[i+1:], true
		}
		// A router may drop a ";" path parameter (Tomcat, Spring):
		// "..;x" is ".." to it.
		part, _, _ = strings.Cut(part, ";")
		if part == "" || part == "." || part == ".." {
			return true
		}
		if !more {
			return false
		}
		s = rest
	}
}

// maxIDDecodings bounds how many times UnsafeID percent-decodes an id.
const maxIDDecodings = 4

// UnsafeID reports whether a decoded id could reach another endpoint: it
// has an empty, "." or ".." part (dotOrEmptyPart) as it is, or once
// percent-decoded again (leniently: decodeLeniently), up to maxIDDecodings
// times, as a proxy or router that decodes more than once would see it
// ("%2e%2e" arrives as %252e%252e and turns into ".." after two
// decodings). An id still changing after that many decodings is refused
// too. Vendor ids are plain tokens, so only a hostile or mistaken id pays
// for the loop.
func UnsafeID(id string) bool {
	for range maxIDDecodings {
		if dotOrEmptyPart(id) {
			return true
		}
		if !strings.Contains(id, "%") {
			return false
		}
		dec := decodeLeniently(id)
		if dec == id {
			return false // nothing further decodes it
		}
		id = dec
	}
	return true
}

// decodeLeniently percent-decodes s as the most lenient decoder on the way
// might (nginx, Python's unquote): every "%XX" of two hex digits, leaving
// any other "%" as it is. A strict decoder (url.PathUnescape) gives up on
// the whole id at one bad escape, which would let "%2e%2e%2f%zz" through,
// while a lenient proxy that decodes twice turns it into "../%zz".
func decodeLeniently(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// CheckPathParam is the check the client runs, through gen.CheckPathParams,
// on every path parameter before the generated client builds the URL:
// there "." and ".." would be resolved away and "" would leave an empty
// segment, turning one endpoint's path into another's, which the guard,
// seeing only the URL, could not tell apart. The value is as the generated
// client puts it into the path (escaped); UnsafeID decodes it. The error
// names the operation and the parameter, never the value: an id may be a
// pasted secret.
//
// The value must also be one segment: a styled parameter has "/", "?" and
// "#" escaped, but oapi-codegen puts one with content text/plain into the
// path as it is, and one with application/json as its JSON, where "x/tags"
// would reach another operation's path and "x#" cut the path short.
func CheckPathParam(operation, parameter, value string) error {
	if strings.ContainsAny(value, "/?#") {
		return fmt.Errorf(`%w: %s: path parameter %s is not one path segment: it goes into the path unescaped, and has a "/", "?" or "#"`, ErrUnsafeRequest, operation, parameter)
	}
	if UnsafeID(value) {
		return fmt.Errorf(`%w: %s: path parameter %s is empty, ".", ".." or has such a part between slashes or backslashes, as it is or percent-decoded`, ErrUnsafeRequest, operation, parameter)
	}
	return nil
}
