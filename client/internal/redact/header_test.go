package redact

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const headerSecret = "xi-header-key-0123456789"

// A header value is cut to headerValueLimit bytes, on a rune boundary,
// before it is redacted and escaped: the work is bounded by the cut, and
// an escape the cut would split is written whole.
func TestHeaderTextCutsBeforeRedacting(t *testing.T) {
	m := Secrets{headerSecret}.Redactor()
	a := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct{ name, in, want string }{
		{"short", "plain", "plain"},
		{"at the limit", a(headerValueLimit), a(headerValueLimit)},
		{"one over", a(headerValueLimit + 1), a(headerValueLimit) + "…"},
		// Cut first, escaped after: four raw controls before the cut become
		// four whole escapes, none is split by it.
		{"controls at the cut", a(headerValueLimit-4) + strings.Repeat("\x01", 10), a(headerValueLimit-4) + strings.Repeat(`\x01`, 4) + "…"},
		{"a rune across the cut", a(headerValueLimit-1) + "é", a(headerValueLimit-1) + "…"},
		{"a secret before the cut", "k=" + headerSecret + a(headerValueLimit), "k=[REDACTED]" + a(headerValueLimit-2-len(headerSecret)) + "…"},
		{"a secret past the cut is dropped with it", a(headerValueLimit) + headerSecret, a(headerValueLimit) + "…"},
		{"escaped", "a\x1b[2Jb\u202e", `a\x1b[2Jb\u202e`},
		{"redacted in an escape", `\u0078i-header-key-0123456789`, "[REDACTED]"},
	} {
		if got := m.headerText(tc.in); got != tc.want {
			t.Errorf("%s: headerText = %.80q…, want %.80q…", tc.name, got, tc.want)
		}
	}
	// However the server escapes its 1 KiB, the result is a bounded
	// multiple of it.
	huge := strings.Repeat("\x01\u202e\\", 1<<20)
	if got := m.headerText(huge); len(got) > 8*headerValueLimit {
		t.Errorf("a 4 MiB value of escapes gave %d bytes", len(got))
	}
}

// SafeHeaderCut is the cut, cleaned value, cut again to n bytes.
func TestSafeHeaderCut(t *testing.T) {
	m := Secrets{headerSecret}.Redactor()
	if got := m.SafeHeaderCut("req-"+headerSecret, 128); got != "req-[REDACTED]" {
		t.Errorf("SafeHeaderCut = %q", got)
	}
	// Escaped first, then cut: the bound holds on what is shown.
	if got, want := m.SafeHeaderCut(strings.Repeat("\x1b", 100), 10), `\x1b\x1b\x`+"…"; got != want {
		t.Errorf("SafeHeaderCut = %q, want %q", got, want)
	}
}

// SafeHeader cleans names and values alike into a new header (the
// server's is untouched), and past MaxHeaderBytes in all, counted in cut
// sizes and taken in sorted order, shows only "…".
func TestSafeHeader(t *testing.T) {
	m := Secrets{headerSecret}.Redactor()
	in := http.Header{
		"Echo-Xi-Api-Key":      {headerSecret},
		"Echo-" + headerSecret: {"name"},
		"Request-Id":           {"a\nb", "second"},
		"Content-Type":         {"application/json"},
	}
	out := m.SafeHeader(in)
	want := http.Header{
		"Echo-Xi-Api-Key": {"[REDACTED]"},
		"Echo-[REDACTED]": {"name"},
		"Request-Id":      {`a\nb`, "second"},
		"Content-Type":    {"application/json"},
	}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("SafeHeader =\n%v\nwant\n%v", out, want)
	}
	out["Content-Type"][0] = "changed"
	if in["Content-Type"][0] != "application/json" || in["Echo-Xi-Api-Key"][0] != headerSecret {
		t.Error("the server's header was changed")
	}

	// 100 values of 1 KiB + 4-byte names: 63 fit in 64 KiB, the rest are "…".
	big := http.Header{}
	for i := range 100 {
		big[fmt.Sprintf("H%03d", i)] = []string{strings.Repeat("v", 2*headerValueLimit)} // counted as cut
	}
	budgeted := m.SafeHeader(big)
	fits := MaxHeaderBytes / (4 + headerValueLimit)
	for i := range 100 {
		v := budgeted.Get(fmt.Sprintf("H%03d", i))
		if kept := v != "…"; kept != (i < fits) {
			t.Errorf("H%03d: kept %v, want %v (the first %d in sorted order)", i, kept, i < fits, fits)
		}
	}
}
