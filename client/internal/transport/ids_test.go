package transport

import (
	"strings"
	"testing"
)

// UnsafeID refuses every id that some server, proxy or router on the way
// could resolve to another endpoint, and accepts ids that only look close.
func TestUnsafeID(t *testing.T) {
	unsafe := []string{
		"", ".", "..", "/", "a/", "/a", "a//b", "a/../b", "../x", "x/..", "a/./b",
		// Percent-encoded, for a proxy or router that decodes twice (or more).
		"%2e", "%2E", "%2e%2e", "%2E%2E%2F%2E%2E", "x%2F%2e%2e", "%2F", "a%2F%2Fb",
		"%252e", "%252e%252e", "%25252e%25252e", "%2E.",
		// An escape that does not decode (%zz, a bare %) leaves the rest
		// to a lenient decoder (nginx, Python's unquote), which decodes
		// the valid escapes around it: "../%zz", "..;%".
		"%2e%2e%2f%zz", "x%2F%2e%2e%2F%", "%2e%2e%3B%zz", "%252e%252e%252f%25zz", "%2e%2e%5C%",
		// Not settled within maxIDDecodings rounds (each checks, then
		// decodes): refused whatever it would become.
		"%25252541", "%2525252541",
		// A server or proxy that reads a backslash as a slash.
		`\`, `x\`, `\x`, `..\`, `a\..\b`, `a\.\b`, "%5C", "%5C..", "%2e%2e%5c",
		// A router that drops ";" path parameters.
		"..;", "..;x", ".;", ";x", ";", "a/..;/b", "%2e%2e%3B", "%2e%2e;x",
	}
	safe := []string{
		"sec_1", "a", "a.b", ".a", "a.", "...", "..a", "a..", "a b", "ä",
		"a;b", "a;..", // the parameter is dropped, the segment is "a"
		"a/b",                           // a decoded %2F: two plain parts
		"%", "100%", "%zz", "%2", "%25", // nothing (further) decodes to a dot or a slash
		"%41%42", "%2e%2e%2e", "%252e%252e%252e",
		"%252541", // three decodings to "A", then one check: within the bound
	}
	wantEach(t, "UnsafeID", UnsafeID, unsafe, true)
	wantEach(t, "UnsafeID", UnsafeID, safe, false)
}

// wantEach checks that f(in) is want for each of ins.
func wantEach(t *testing.T, name string, f func(string) bool, ins []string, want bool) {
	t.Helper()
	for _, in := range ins {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %v, want %v", name, in, got, want)
		}
	}
}

// The decoding bound is exact: a dot hidden under maxIDDecodings-1 layers
// of %25 is found by decoding, one under more layers by the bound.
func TestUnsafeIDDecodingDepth(t *testing.T) {
	dot, plain := "%2e", "%41"
	for layers := range maxIDDecodings + 2 {
		if !UnsafeID(dot) {
			t.Errorf("UnsafeID(%q) = false after %d layers of %%25", dot, layers)
		}
		// A plain letter is accepted while its decodings settle within
		// the bound (the last round's check sees no '%'), refused once
		// they do not.
		want := layers+1 >= maxIDDecodings
		if got := UnsafeID(plain); got != want {
			t.Errorf("UnsafeID(%q) = %v, want %v", plain, got, want)
		}
		dot = strings.ReplaceAll(dot, "%", "%25")
		plain = strings.ReplaceAll(plain, "%", "%25")
	}
}

// HasDotOrEmptySegment reads a whole decoded path: it must start with a
// slash and every segment must be an acceptable id.
func TestHasDotOrEmptySegment(t *testing.T) {
	for path, want := range map[string]bool{
		"/v1/convai":     false,
		"/a.b/c":         false,
		"/proxy/v2":      false,
		"":               true,
		"v1":             true, // no leading slash
		"/":              true,
		"//x":            true,
		"/x/":            true,
		"/a/../b":        true,
		"/./x":           true,
		"/%252e%252e/v1": true,
		`/a\..\b`:        true,
		"/a/..;/b":       true,
		"/a/b;c":         false,
	} {
		if got := HasDotOrEmptySegment(path); got != want {
			t.Errorf("HasDotOrEmptySegment(%q) = %v, want %v", path, got, want)
		}
	}
}
