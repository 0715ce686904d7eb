package main

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDotenv(t *testing.T) {
	const file = "# a comment\n" +
		"\n" +
		"PLAIN=abc\n" +
		"export EXPORTED=x y  # trailing comment\n" +
		"  SPACED = v1\t\n" +
		"DOLLAR=\"a$HOME${X}\\$b\"\n" +
		"SINGLE='lit\\n$HOME # not a comment'\n" +
		"ESCAPES=\"tab\\tnl\\nq\\\"bs\\\\\"\n" +
		"PEM='-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n'\n" +
		"HASH=a#b\n" +
		"CRLF=crlf\r\n" +
		"db-password.v2=dotted\n" +
		"LAST=no newline at the end"
	want := []envEntry{
		{"PLAIN", "abc", 3},
		{"EXPORTED", "x y", 4},
		{"SPACED", "v1", 5},
		{"DOLLAR", "a$HOME${X}$b", 6},
		{"SINGLE", `lit\n$HOME # not a comment`, 7},
		{"ESCAPES", "tab\tnl\nq\"bs\\", 8},
		{"PEM", "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n", 9},
		{"HASH", "a#b", 13},
		{"CRLF", "crlf", 14},
		{"db-password.v2", "dotted", 15},
		{"LAST", "no newline at the end", 16},
	}
	got, err := parseDotenv([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name || g.line != w.line {
			t.Errorf("entry %d: %s on line %d, want %s on line %d", i, g.name, g.line, w.name, w.line)
		}
		if g.value != w.value {
			t.Errorf("entry %s: the value is not the file's bytes", w.name) // values are not printed, even here
		}
	}
}

func TestParseDotenvByteOrderMark(t *testing.T) {
	got, err := parseDotenv([]byte("\ufeffA=1\n"))
	if err != nil || len(got) != 1 || got[0].name != "A" {
		t.Errorf("a file starting with a byte order mark: %d entries, %v", len(got), err)
	}
}

func TestParseDotenvErrorsNameTheLine(t *testing.T) {
	const secret = "sk-LEAKCANARY-value"
	cases := []struct {
		what, file string
		line       int
	}{
		{"a bare value line", "A=1\n" + secret + "\n", 2},
		{"no name", "=" + secret + "\n", 1},
		{"name starting with a digit", "1A=" + secret + "\n", 1},
		{"duplicate name", "A=1\nB=2\nA=" + secret + "\n", 3},
		{"empty value", "A=\n", 1},
		{"empty quoted value", "A=''\n", 1},
		{"blank then comment", "A= # " + secret + "\n", 1},
		{"unclosed double quote", "A=1\nB=\"" + secret + "\nC=3\n", 2},
		{"unclosed single quote", "B='" + secret, 1},
		{"unknown escape", "A=1\nB=\"" + secret + "\\q\"\n", 2},
		{"text after the quote", "B='" + secret + "'x\n", 1},
		{"not UTF-8", "A=1\nB=2\nC=" + secret + "\xff\n", 3},
		{"value over the limit", "A=" + strings.Repeat("x", 64<<10+1) + "\n", 1},
		{"space in the name", "MY KEY=" + secret + "\n", 1},
		{"lone carriage return", "A=1\n\rB=" + secret + "\n", 2},
		{"NUL byte", "A=1\nB=2\n\x00", 3},
		{"name over the limit", "A=1\n" + strings.Repeat("N", maxEnvName+1) + "=" + secret + "\n", 2},
		{"pasted base64, one = of padding", "A=1\nc2stTEVBS0NBTkFSWQ=\n", 2},
		{"pasted base64, two = of padding", "A=1\nc2stTEVBS0NBTkFSWQ==\n", 2},
	}
	for _, tc := range cases {
		_, err := parseDotenv([]byte(tc.file))
		var ee *envError
		if !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want an *envError", tc.what, err)
			continue
		}
		if ee.line != tc.line {
			t.Errorf("%s: error on line %d, want line %d (%s)", tc.what, ee.line, tc.line, err)
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "LEAKCANARY") {
			t.Errorf("%s: the error quotes the value", tc.what)
		}
	}
}

// TestParseDotenvErrorsNeverQuoteTheName: a name followed by "=" may be a
// pasted base64 value, its padding read as the "=": no error quotes it.
func TestParseDotenvErrorsNeverQuoteTheName(t *testing.T) {
	const name = "c2VjcmV0TEVBS0NBTkFSWQ" // base64, of a secret: a valid name
	for _, file := range []string{
		name + "=\n",
		name + "==\n",
		name + "= # comment\n",
		name + "=1\n" + name + "=2\n",
		name + "='unclosed\n",
		name + "=\"unclosed\n",
		name + "=\"bad \\q escape\"\n",
		name + "='x'y\n",
		name + "=" + strings.Repeat("x", 64<<10+1) + "\n",
	} {
		_, err := parseDotenv([]byte(file))
		if err == nil {
			t.Errorf("a bad line was accepted: %s", strings.ReplaceAll(file, name, "<name>"))
		} else if strings.Contains(err.Error(), name) {
			t.Errorf("the error quotes the name: %s", strings.ReplaceAll(err.Error(), name, "<name>"))
		}
	}
}

// TestParseDotenvNameAndEqualsEdges: the name rule's bound is inclusive,
// and a value that really is "=" is taken when quoted.
func TestParseDotenvNameAndEqualsEdges(t *testing.T) {
	long := "N" + strings.Repeat("a", maxEnvName-1)
	got, err := parseDotenv([]byte(long + "=1\nEQ='='\nEQ2=\"==\"\nB64=c2VjcmV0==\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{long: "1", "EQ": "=", "EQ2": "==", "B64": "c2VjcmV0=="}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for _, e := range got {
		if want[e.name] != e.value {
			t.Errorf("line %d: the value is not the file's", e.line)
		}
	}
}

func FuzzParseDotenv(f *testing.F) {
	f.Add([]byte("A=1\nexport B='x'\nC=\"y\\n\" # c\n"))
	f.Add([]byte("A=\"unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseDotenv(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.value == "" || seen[e.name] || e.line < 1 {
				t.Fatalf("parseDotenv accepted an empty value, a duplicate name or line %d", e.line)
			}
			seen[e.name] = true
		}
	})
}
