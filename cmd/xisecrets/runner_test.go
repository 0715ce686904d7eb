package main

import (
	"strings"
	"testing"
)

// The transcript runner's own tests: parsing, the names it gives ids, and
// that a wrong status, a differing output or a leaked secret fails.

func TestParseArchive(t *testing.T) {
	a, err := parseArchive("exec xisecrets version\n-- a --\none\n-- b --\ntwo\nlines\n")
	if err != nil {
		t.Fatal(err)
	}
	if a.script != "exec xisecrets version\n" || a.files["a"] != "one\n" || a.files["b"] != "two\nlines\n" {
		t.Fatalf("parsed %+v", a)
	}
	if got := a.format(); got != "exec xisecrets version\n-- a --\none\n-- b --\ntwo\nlines\n" {
		t.Fatalf("format gave %q", got)
	}
	if _, err := parseArchive("-- a --\n-- a --\n"); err == nil {
		t.Fatal("a section twice was accepted")
	}
}

func TestNormalizeNamesIDsInOrder(t *testing.T) {
	r := &runner{work: "/tmp/w", url: "http://127.0.0.1:1"}
	got := r.normalize("sec_0123456789abcdef01234567 tool_0123456789abcdef0123 sec_0123456789abcdef01234567 " +
		"(request id 0123456789abcdef0123456789abcdef) 2026-12-07T17:46:41Z http://127.0.0.1:1 /tmp/w/x")
	want := "$ID1 $ID2 $ID1 (request id $REQ) $TIME $URL $WORK/x"
	if got != want {
		t.Fatalf("normalize gave\n%s\nwant\n%s", got, want)
	}
	if got := r.expand("get $ID2 $ID1"); got != "get tool_0123456789abcdef0123 sec_0123456789abcdef01234567" {
		t.Fatalf("expand gave %s", got)
	}
}

// fakeRun is a runner whose last exec printed out and exited code.
func fakeRun(out string, code int, files map[string]string) *runner {
	return &runner{files: files, ran: true, stdout: out, code: code}
}

func TestStepsFailOnMismatch(t *testing.T) {
	files := map[string]string{"want": "hello\n"}
	for _, c := range []struct {
		line  string
		out   string
		code  int
		fails bool
	}{
		{"stdout want", "hello\n", 0, false},
		{"stdout want", "hello\nmore\n", 0, true},
		{"stdout -prefix want", "hello there\n", 0, false},
		{"stdout -prefix want", "bye\n", 0, true},
		{"stdout -empty", "", 0, false},
		{"stdout -empty", "x", 0, true},
		{"stdout missing", "", 0, true},
		{"status 2", "", 2, false},
		{"status 1", "", 2, true},
		{"! stdout want", "hello\n", 0, true},
		{"frobnicate", "", 0, true},
	} {
		err := fakeRun(c.out, c.code, files).step(c.line)
		if (err != nil) != c.fails {
			t.Errorf("%q on %q (exit %d): error %v, want failure %v", c.line, c.out, c.code, err, c.fails)
		}
	}
}

func TestEnvReplacesAndUnsets(t *testing.T) {
	r := &runner{env: []string{"A=1", "B=2"}}
	for _, line := range []string{"env A=3", "unset B"} {
		if err := r.step(line); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(r.env, " ") != "A=3" {
		t.Fatalf("env is %v", r.env)
	}
}

func TestLeaksFindsKeyAndPipedValues(t *testing.T) {
	r := &runner{piped: []string{"plain-value-123\n", "# c\nNAME=dotenv-value-456\n"}}
	r.execs = []result{
		{line: "exec a", stdout: "ok"},
		{line: "exec b", stderr: "oops " + fakeKey},
		{line: "exec c", stdout: "got plain-value-123"},
		{line: "exec d", stdout: "got dotenv-value-456"},
	}
	got := leaks(r)
	if len(got) != 3 || !strings.HasPrefix(got[0], "exec b") || !strings.HasPrefix(got[2], "exec d") {
		t.Fatalf("leaks gave %q", got)
	}
	for _, l := range got {
		if strings.Contains(l, "value") || strings.Contains(l, fakeKey) {
			t.Fatalf("a leak report quotes the secret: %s", l)
		}
	}
}
