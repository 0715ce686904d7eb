package dotenv

import (
	"slices"
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
	want := []Entry{
		{"PLAIN", "abc", 3, false},
		{"EXPORTED", "x y", 4, false},
		{"SPACED", "v1", 5, false},
		{"DOLLAR", "a$HOME${X}$b", 6, true},
		{"SINGLE", `lit\n$HOME # not a comment`, 7, false},
		{"ESCAPES", "tab\tnl\nq\"bs\\", 8, false},
		{"PEM", "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n", 9, false},
		{"HASH", "a#b", 13, false},
		{"CRLF", "crlf", 14, false},
		{"db-password.v2", "dotted", 15, false},
		{"LAST", "no newline at the end", 16, false},
	}
	got := mustParse(t, file)
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.Name || g.Line != w.Line || g.Expands != w.Expands {
			t.Errorf("entry %d: %s on line %d (expands %v), want %s on line %d (expands %v)", i, g.Name, g.Line, g.Expands, w.Name, w.Line, w.Expands)
		}
		if g.Value != w.Value {
			t.Errorf("entry %s: the value is not the file's bytes", w.Name) // values are not printed, even here
		}
	}
}

// mustParse parses a file that must have no problems.
func mustParse(t *testing.T, file string) []Entry {
	t.Helper()
	entries, problems := Parse([]byte(file))
	if len(problems) > 0 {
		t.Fatalf("want no problems, got %v", problems)
	}
	return entries
}

func TestParseDotenvByteOrderMark(t *testing.T) {
	got := mustParse(t, "\ufeffA=1\n")
	if len(got) != 1 || got[0].Name != "A" {
		t.Errorf("a file starting with a byte order mark: %d entries", len(got))
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
		{"line separator before the name", "A=1\n\u2028B=" + secret + "\n", 2},
		{"NUL byte", "A=1\nB=2\n\x00", 3},
		{"name over the limit", "A=1\n" + strings.Repeat("N", maxEnvName+1) + "=" + secret + "\n", 2},
		{"pasted base64, one = of padding", "A=1\nc2stTEVBS0NBTkFSWQ=\n", 2},
		{"pasted base64, two = of padding", "A=1\nc2stTEVBS0NBTkFSWQ==\n", 2},
	}
	for _, tc := range cases {
		entries, problems := Parse([]byte(tc.file))
		if len(problems) != 1 {
			t.Errorf("%s: %d problems, want 1", tc.what, len(problems))
			continue
		}
		if err := problems[0]; err.Line != tc.line {
			t.Errorf("%s: error on line %d, want line %d (%s)", tc.what, err.Line, tc.line, err)
		}
		if strings.Contains(problems[0].Error(), secret) || strings.Contains(problems[0].Error(), "LEAKCANARY") {
			t.Errorf("%s: the error quotes the value", tc.what)
		}
		for _, e := range entries {
			if e.Line == tc.line {
				t.Errorf("%s: the bad line still gave an entry", tc.what)
			}
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
		_, problems := Parse([]byte(file))
		if len(problems) == 0 {
			t.Errorf("a bad line was accepted: %s", strings.ReplaceAll(file, name, "<name>"))
		}
		for _, err := range problems {
			if strings.Contains(err.Error(), name) {
				t.Errorf("the error quotes the name: %s", strings.ReplaceAll(err.Error(), name, "<name>"))
			}
		}
	}
}

// TestParseDotenvNameAndEqualsEdges: the name rule's bound is inclusive,
// and a value that really is "=" is taken when quoted.
func TestParseDotenvNameAndEqualsEdges(t *testing.T) {
	long := "N" + strings.Repeat("a", maxEnvName-1)
	got := mustParse(t, long+"=1\nEQ='='\nEQ2=\"==\"\nB64=c2VjcmV0==\n")
	want := map[string]string{long: "1", "EQ": "=", "EQ2": "==", "B64": "c2VjcmV0=="}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for _, e := range got {
		if want[e.Name] != e.Value {
			t.Errorf("line %d: the value is not the file's", e.Line)
		}
	}
}

func FuzzParseDotenv(f *testing.F) {
	f.Add([]byte("A=1\nexport B='x'\nC=\"y\\n\" # c\n"))
	f.Add([]byte("A=\"unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, problems := Parse(data)
		if len(problems) > 0 {
			return
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Value == "" || seen[e.Name] || e.Line < 1 {
				t.Fatalf("parseDotenv accepted an empty value, a duplicate name or line %d", e.Line)
			}
			seen[e.Name] = true
		}
	})
}

// TestParseDotenvLineEnds: CRLF and a lone CR are line ends, as in Node's
// dotenv, inside quotes too: a value never holds a CR from a line end, and
// line numbers are an editor's. Only the \r escape makes a CR.
func TestParseDotenvLineEnds(t *testing.T) {
	cases := []struct {
		what, file string
		want       []Entry
	}{
		{"LF", "A=1\nB=2\n", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"CRLF", "A=1\r\nB=2\r\n", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"lone CR (old Mac)", "A=1\rB=2\r", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"lone CR, no final line end", "A=1\rB=2", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"mixed", "A=1\rB=2\r\nC=3\nD=4", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}, {"C", "3", 3, false}, {"D", "4", 4, false}}},
		{"CR CR is two line ends", "A=1\r\rB=2", []Entry{{"A", "1", 1, false}, {"B", "2", 3, false}}},
		{"LF CR is two line ends", "A=1\n\rB=2", []Entry{{"A", "1", 1, false}, {"B", "2", 3, false}}},
		{"comment ended by CR", "# c\rA=1 # c\rB=2", []Entry{{"A", "1", 2, false}, {"B", "2", 3, false}}},
		{"single quotes spanning CR lines", "P='a\rb\r\nc'\rB=2", []Entry{{"P", "a\nb\nc", 1, false}, {"B", "2", 4, false}}},
		{"double quotes spanning CR lines", "P=\"a\rb\r\nc\"\rB=2", []Entry{{"P", "a\nb\nc", 1, false}, {"B", "2", 4, false}}},
		{"the \\r escape is a CR, not a line end", `P="a\r\nb"` + "\rB=2", []Entry{{"P", "a\r\nb", 1, false}, {"B", "2", 2, false}}},
		{"\\r in single quotes is literal", `P='a\rb'`, []Entry{{"P", `a\rb`, 1, false}}},
		{"separators inside quotes are the value's", "P='a\u2028b\u0085'\nQ=\"\u2029\"", []Entry{{"P", "a\u2028b\u0085", 1, false}, {"Q", "\u2029", 2, false}}},
	}
	for _, tc := range cases {
		got := mustParse(t, tc.file)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d entries, want %d", tc.what, len(got), len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%s: entry %d is %s on line %d, want %s on line %d (or its value differs)", tc.what, i, got[i].Name, got[i].Line, w.Name, w.Line)
			}
		}
	}
}

// TestParseDotenvLineSeparatorsOutsideQuotes: U+2028, U+2029 and U+0085
// outside quotes may show as line breaks in an editor: each is an error
// naming its line, wherever it is (a comment too: it could hide a line
// that looks like an entry).
func TestParseDotenvLineSeparatorsOutsideQuotes(t *testing.T) {
	for _, sep := range []string{"\u2028", "\u2029", "\u0085"} {
		for _, file := range []string{
			"A=1\nB=x" + sep + "C=2\n",
			"A=1\nB=1 # c" + sep + "C=2\n",
			"A=1\n# c" + sep + "C=2\n",
			"A=1\n" + sep + "C=2\n",
			"A=1\nB='x'" + sep + "C=2\n",
			"A=1\nB" + sep + "=2\n",
			"A=1\nB=" + sep + "\n",
		} {
			entries, problems := Parse([]byte(file))
			if len(problems) != 1 || problems[0].Line != 2 || !strings.Contains(problems[0].msg, "line separator") {
				t.Errorf("%q: problems %v, want one naming line 2 and the separator", file, problems)
			}
			if len(entries) != 1 || entries[0].Name != "A" {
				t.Errorf("%q: %d entries, want only A", file, len(entries))
			}
		}
	}
}

// TestParseDotenvEveryProblem: one pass names every bad line, in order,
// and the good lines between them are still checked.
func TestParseDotenvEveryProblem(t *testing.T) {
	const secret = "sk-LEAKCANARY-value"
	file := "A=1\n" + // 1
		secret + "\n" + // 2: no =
		"B=\n" + // 3: empty
		"C=\"x\\q\n" + // 4: bad escape, in a value spanning lines
		"\\z\"\n" + // 5: another bad escape
		"A=" + secret + "\n" + // 6: duplicate
		"D=ok\xff\n" + // 7: not UTF-8
		"E=" + secret + "\u2028\n" + // 8: separator
		"F=fine\n" + // 9
		"G='" + secret + "\n" + // 10: unclosed: parsing resumes on line 11
		"1H=" + secret + "\n" // 11: bad name
	entries, problems := Parse([]byte(file))
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
		if strings.Contains(p.Error(), "LEAKCANARY") {
			t.Errorf("a problem quotes the file: %s", strings.ReplaceAll(p.Error(), secret, "<value>"))
		}
	}
	if want := []int{2, 3, 4, 5, 6, 7, 8, 10, 11}; !slices.Equal(lines, want) {
		t.Errorf("problems on lines %v, want %v", lines, want)
	}
	if len(entries) != 2 || entries[0].Name != "A" || entries[1].Name != "F" {
		t.Errorf("want the good entries A and F, got %d entries", len(entries))
	}
}

// TestParseDotenvExpands: $NAME and ${...} outside single quotes are
// marked (apply warns), stored as written; single quotes and \$ are the
// ways to say a $ is meant.
func TestParseDotenvExpands(t *testing.T) {
	cases := []struct {
		line, value string
		expands     bool
	}{
		{`A=$HOME`, "$HOME", true},
		{`A=pa${X}ss`, "pa${X}ss", true},
		{`A=p$_x`, "p$_x", true},
		{`A="$HOME"`, "$HOME", true},
		{`A="a\\$HOME"`, `a\$HOME`, true}, // the backslash is escaped, the $ is not
		{`A="\$HOME"`, "$HOME", false},
		{`A='$HOME ${X}'`, "$HOME ${X}", false},
		{`A=pa$$1$`, "pa$$1$", false},
		{`A="a$ b$"`, "a$ b$", false},
	}
	for _, tc := range cases {
		got := mustParse(t, tc.line+"\n")
		if len(got) != 1 || got[0].Value != tc.value || got[0].Expands != tc.expands {
			t.Errorf("%s: expands %v (or the value differs), want %v", tc.line, len(got) == 1 && got[0].Expands, tc.expands)
		}
	}
}
