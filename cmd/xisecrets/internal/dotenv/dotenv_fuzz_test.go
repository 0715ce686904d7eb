package dotenv

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// personLineEnd is a line end as editors show one: CRLF, LF, or a lone CR.
var personLineEnd = regexp.MustCompile("\r\n|\r|\n")

// FuzzDotenvLineEnds is issue 17's guarantee: no input makes the parser
// give a value that spans what a person sees as two lines without the
// file saying so. The oracle splits the file into lines as an editor does,
// independently of the parser, and checks every entry the parser gives
// (apply refuses a file with problems, but the entries of its good lines
// must hold too):
//   - no value holds a CR: only the \r escape may put one there, and the
//     escapes that make line ends are neutralised first;
//   - an entry is on the line the parser says, NAME= first on it, so the
//     parser's line numbers are the editor's;
//   - a value that is not quoted is text of that one line, without U+2028,
//     U+2029 or U+0085: only quotes, which a person sees, span lines;
//   - a quoted value's line ends are lines of the file: the next entry
//     starts below all of them.
func FuzzDotenvLineEnds(f *testing.F) {
	for _, seed := range []string{
		"A=1\rB=2\r",
		"A=1\r\nB=2\r\n",
		"A=1\rB=2\r\nC=3\nD=4",
		"A=1\r\rB=2\n\rC=3",
		"P='a\rb\r\nc'\rB=2",
		"P=\"a\rb\r\nc\"\rB=2",
		"P=\"x\\r\\ny\"\nB=2",
		"A='unclosed\rB=2\rC=3",
		"A=\"unclosed\r\nB=2",
		"A=x\u2028B=2\n",
		"# c\u0085B=2\nA=1\u2029\n",
		"Q='\u2028'\nR=\"\u0085\"\n",
		"\ufeffexport A=1 # c\rexport=2\r  B = 3\t\r",
		"A=a#b\rB= # c\rC=\"a\\$b$c\"\r",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// \r and \n in double quotes are the only ways to ask for a line
		// end character; \t is as valid an escape there, and elsewhere a
		// backslash is literal, so the file stays as good or bad.
		data = bytes.ReplaceAll(data, []byte(`\r`), []byte(`\t`))
		data = bytes.ReplaceAll(data, []byte(`\n`), []byte(`\t`))
		entries, _ := Parse(data)
		lines := personLineEnd.Split(string(bytes.TrimPrefix(data, []byte("\ufeff"))), -1)
		for i, e := range entries {
			if strings.ContainsRune(e.Value, '\r') {
				t.Fatalf("line %d: the value holds a CR from a line end", e.Line)
			}
			if e.Line < 1 || e.Line > len(lines) {
				t.Fatalf("entry on line %d of a file of %d lines", e.Line, len(lines))
			}
			after, ok := afterName(lines[e.Line-1], e.Name)
			if !ok {
				t.Fatalf("line %d as an editor shows it does not start with the entry's NAME=", e.Line)
			}
			if after == "" || (after[0] != '\'' && after[0] != '"') {
				if !strings.Contains(after, e.Value) || strings.ContainsAny(e.Value, "\n\u2028\u2029\u0085") {
					t.Fatalf("line %d: an unquoted value is not text of its one line", e.Line)
				}
			}
			if i+1 < len(entries) && entries[i+1].Line <= e.Line+strings.Count(e.Value, "\n") {
				t.Fatalf("line %d: the value holds more line ends than the lines before the next entry (line %d)", e.Line, entries[i+1].Line)
			}
		}
	})
}

// afterName is line after its NAME= (blanks, an "export " prefix and the
// blanks around "=" skipped), if line starts with name as an entry.
func afterName(line, name string) (string, bool) {
	line = strings.TrimLeft(line, " \t")
	for _, rest := range []string{line, exportless(line)} {
		if r, ok := strings.CutPrefix(rest, name); ok {
			if r, ok = strings.CutPrefix(strings.TrimLeft(r, " \t"), "="); ok {
				return strings.TrimLeft(r, " \t"), true
			}
		}
	}
	return "", false
}

func exportless(line string) string {
	if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		return strings.TrimLeft(rest, " \t")
	}
	return line
}
