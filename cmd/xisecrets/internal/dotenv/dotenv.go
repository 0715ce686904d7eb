package dotenv

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client"
)

// Entry is one NAME=value of an apply file. The value is a secret: it
// is sent, never printed, and no error quotes it.
type Entry struct {
	Name, Value string
	Line        int // where the entry starts, from 1
	// Expands: the value holds $NAME or ${...} outside single quotes,
	// which other dotenv tools would expand and apply stores as written.
	Expands bool
}

// Problem is a problem in an apply file, at a line. Its text never quotes
// the line, nor the name on it: a malformed line may well be a pasted
// value, and a pasted base64 value reads as a name followed by "=" (its
// padding). The line number says where to look.
type Problem struct {
	Line int
	msg  string
}

// Error implements error.
func (e *Problem) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.msg) }

// Parse reads an apply file: NAME=value lines, blank lines, # comments
// (a whole line, or after white space following a value), an optional
// "export " prefix, and values that are bare, 'single-quoted' (taken
// literally, may span lines) or "double-quoted" (may span lines; escapes
// \n \r \t \" \\ \$ only, any other is an error rather than a guess). A
// "$VAR" is never expanded: values arrive byte for byte (entry.expands
// marks the values other tools would expand). A bare value ends at the
// line's end or a " #", and loses surrounding white space.
//
// Line ends are normalised first, as Node's dotenv does: CRLF and a lone
// CR (old Mac editors) each become LF, inside quotes too, so a value never
// holds a CR from a line end and line numbers are the ones an editor
// shows. A CR in a value comes only from the \r escape in double quotes.
// U+2028, U+2029 and U+0085, which some editors show as line breaks and
// dotenv tools do not, are an error outside quotes.
//
// Names follow maxEnvName's rule and must be unique; values pass the
// client's own rule (client.CheckValue), so a file that parses is one the
// client will send in full. A bare value made only of "=" is refused: it
// is the padding of a pasted base64 line ("c2VjcmV0==") rather than a
// value, and its "name" is the secret.
//
// Every problem is found in one pass, sorted by line: after a bad line,
// parsing goes on at the next one (after an unclosed quote, at the line
// after the quote's). Entries are only those of good lines; the file is
// good if there are no problems.
func Parse(data []byte) (entries []Entry, problems []*Problem) {
	// Windows editors may start a UTF-8 file with a byte order mark.
	data = normalizeLineEnds(bytes.TrimPrefix(data, []byte("\ufeff")))
	p := &envParser{src: data, line: 1, problems: linesNotUTF8(data)}
	seen := map[string]int{}
	for !p.done() {
		e, ok := p.entry()
		if !ok {
			continue
		}
		if first, dup := seen[e.Name]; dup {
			p.fail(e.Line, fmt.Sprintf("the name is already set on line %d", first))
			continue
		}
		seen[e.Name] = e.Line
		if !utf8.ValidString(e.Value) {
			continue // linesNotUTF8 named the line of the bytes
		}
		if err := client.CheckValue(e.Value); err != nil {
			p.fail(e.Line, strings.TrimPrefix(err.Error(), "xisecrets: "))
			continue
		}
		entries = append(entries, e)
	}
	slices.SortStableFunc(p.problems, func(a, b *Problem) int { return cmp.Compare(a.Line, b.Line) })
	return entries, p.problems
}

// normalizeLineEnds turns CRLF and lone CR into LF, as Node's dotenv does
// (src.replace(/\r\n?/g, "\n")).
func normalizeLineEnds(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}

// linesNotUTF8 names every line holding bytes that are not UTF-8.
func linesNotUTF8(data []byte) []*Problem {
	var out []*Problem
	n := 0
	for line := range bytes.Lines(data) {
		n++
		if !utf8.Valid(line) {
			out = append(out, &Problem{n, "not UTF-8 text"})
		}
	}
	return out
}

// envParser walks src; line is the line number at pos.
type envParser struct {
	src      []byte
	pos      int
	line     int
	problems []*Problem
}

func (p *envParser) done() bool { return p.pos >= len(p.src) }

func (p *envParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.src[p.pos]
}

func (p *envParser) next() byte {
	c := p.src[p.pos]
	p.pos++
	if c == '\n' {
		p.line++
	}
	return c
}

func (p *envParser) skipBlanks() {
	for p.peek() == ' ' || p.peek() == '\t' {
		p.pos++
	}
}

// fail records a problem at line.
func (p *envParser) fail(line int, msg string) { p.problems = append(p.problems, &Problem{line, msg}) }

// reject records a problem and skips to the next line, where parsing
// resumes; a line separator at pos is the problem named instead of msg.
func (p *envParser) reject(line int, msg string) (Entry, bool) {
	if p.atSeparator() {
		msg = separatorProblem
	}
	p.fail(line, msg)
	for !p.done() && p.next() != '\n' {
	}
	return Entry{}, false
}

// separatorProblem is the error for U+2028, U+2029 or U+0085 outside
// quotes: an editor may draw a line break there, so what a person reads
// as two lines would be one to apply (a value swallowing the next "line",
// or a comment hiding one).
const separatorProblem = "a Unicode line separator (U+2028, U+2029 or U+0085) outside quotes: editors may show a line break there, dotenv tools do not; remove it, or quote a value that holds it"

// atSeparator reports whether a line separator other than LF starts at pos.
func (p *envParser) atSeparator() bool {
	rest := p.src[p.pos:]
	return bytes.HasPrefix(rest, []byte("\u2028")) || bytes.HasPrefix(rest, []byte("\u2029")) || bytes.HasPrefix(rest, []byte("\u0085"))
}

// endOfLine accepts white space, an optional comment, and the line's end.
func (p *envParser) endOfLine(after string) bool {
	p.skipBlanks()
	if p.peek() == '#' {
		for !p.done() && p.peek() != '\n' && !p.atSeparator() {
			p.pos++
		}
	}
	switch {
	case p.done():
		return true
	case p.peek() == '\n':
		p.next()
		return true
	case p.peek() == 0:
		_, ok := p.reject(p.line, "a NUL byte")
		return ok
	}
	_, ok := p.reject(p.line, "unexpected text after "+after+" (a comment needs a space before its #)")
	return ok
}

// entry parses one line, or one entry spanning lines; ok is false for a
// blank or comment line, and for a bad one (its problems recorded).
func (p *envParser) entry() (e Entry, ok bool) {
	start, known := p.line, len(p.problems)
	p.skipBlanks()
	if c := p.peek(); c == '#' || c == '\n' || c == 0 || p.atSeparator() {
		p.endOfLine("white space")
		return Entry{}, false
	}
	if bytes.HasPrefix(p.src[p.pos:], []byte("export")) {
		if rest := p.src[p.pos+len("export"):]; len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
			p.pos += len("export")
			p.skipBlanks()
		}
	}
	name := p.name()
	switch {
	case name == "":
		return p.reject(start, "want NAME=value, NAME of letters, digits, _ . or - not starting with a digit")
	case len(name) > maxEnvName:
		return p.reject(start, fmt.Sprintf("the name is over %d bytes (create takes longer names)", maxEnvName))
	}
	p.skipBlanks()
	if p.peek() != '=' {
		// Not quoted: a line without "=" may be a pasted value.
		return p.reject(start, "want NAME=value: no = after the name")
	}
	p.pos++
	p.skipBlanks()
	e = Entry{Name: name, Line: start}
	switch p.peek() {
	case '\'':
		e.Value, ok = p.singleQuoted(start)
	case '"':
		e.Value, e.Expands, ok = p.doubleQuoted(start)
	default:
		e.Value, e.Expands, ok = p.bare(start)
		if ok && e.Value != "" && strings.Trim(e.Value, "=") == "" {
			return p.reject(start, `the value is only "=": a pasted base64 line? (quote a value that really is "=")`)
		}
	}
	if !ok {
		return Entry{}, false
	}
	if e.Value == "" {
		return p.reject(start, "the value is empty")
	}
	if !p.endOfLine("the value") || len(p.problems) > known {
		return Entry{}, false
	}
	return e, true
}

// maxEnvName bounds a name in an apply file. With name's characters it is
// the CLI's rule for names there, stricter than the library's
// (client.CheckName takes any text): real dotenv names follow it, and a
// line that does not is more likely a value pasted in the wrong place.
const maxEnvName = 128

// name reads [A-Za-z_][A-Za-z0-9_.-]*: what shells and dotenv tools accept
// as a variable name, plus . and - (secret names such as db-password).
func (p *envParser) name() string {
	start := p.pos
	for !p.done() {
		c := p.peek()
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		other := c >= '0' && c <= '9' || c == '.' || c == '-'
		if !letter && !(other && p.pos > start) {
			break
		}
		p.pos++
	}
	return string(p.src[start:p.pos])
}

// bare reads an unquoted value: to the line's end or to white space
// followed by # (so "NAME= #x" is an empty value, "NAME=#x" is "#x"),
// without surrounding white space. A line separator in it is a problem.
func (p *envParser) bare(line int) (value string, expands, ok bool) {
	start := p.pos
	end := p.pos
	for !p.done() && p.peek() != '\n' {
		c := p.peek()
		if c == '#' && (p.src[p.pos-1] == ' ' || p.src[p.pos-1] == '\t') {
			break
		}
		if p.atSeparator() {
			_, ok = p.reject(line, separatorProblem)
			return "", false, ok
		}
		expands = expands || expansionAt(p.src, p.pos)
		p.pos++
		if c != ' ' && c != '\t' {
			end = p.pos
		}
	}
	// Leave the trailing blanks and any comment to endOfLine.
	p.pos = end
	return string(p.src[start:end]), expands, true
}

// expansionAt reports whether $NAME or ${ starts at b[i]: what other
// dotenv tools (dotenv-expand, docker compose, shells) would expand.
func expansionAt(b []byte, i int) bool {
	if b[i] != '$' || i+1 >= len(b) {
		return false
	}
	c := b[i+1]
	return c == '{' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// singleQuoted reads a literal value. Unclosed, it is a problem, and
// parsing resumes at the line after the quote's.
func (p *envParser) singleQuoted(line int) (string, bool) {
	p.pos++ // the opening quote
	start := p.pos
	for !p.done() && p.peek() != '\'' {
		p.next()
	}
	if p.done() {
		return p.unclosed(start, line, "'")
	}
	v := string(p.src[start:p.pos])
	p.pos++
	return v, true
}

// unclosed reports a quote opened at start, on line, that nothing closes,
// and goes back to that line so that the lines after it are checked too.
func (p *envParser) unclosed(start, line int, quote string) (string, bool) {
	p.pos, p.line = start, line
	_, ok := p.reject(line, "the value has no closing "+quote)
	return "", ok
}

// dotenvEscapes are the escapes of a double-quoted value.
var dotenvEscapes = map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\', '$': '$'}

// doubleQuoted reads a value with escapes. An unknown escape is a problem
// of its line (recorded; ok still says the value was read to its closing
// quote), and reading goes on, so that every line's escapes are checked.
// An escaped \$ is no expansion.
func (p *envParser) doubleQuoted(line int) (value string, expands, ok bool) {
	p.pos++ // the opening quote
	start, known := p.pos, len(p.problems)
	var b strings.Builder
	for !p.done() {
		expands = expands || expansionAt(p.src, p.pos)
		c := p.next()
		switch c {
		case '"':
			return b.String(), expands, true
		case '\\':
			if p.done() {
				break
			}
			r, valid := dotenvEscapes[p.peek()]
			if !valid {
				p.fail(p.line, `unknown escape in a double-quoted value (in double quotes only \n \r \t \" \\ \$; use single quotes for a literal backslash)`)
			}
			p.next()
			b.WriteByte(r)
		default:
			b.WriteByte(c)
		}
	}
	p.problems = p.problems[:known] // the quote is the problem
	v, ok := p.unclosed(start, line, `"`)
	return v, false, ok
}
