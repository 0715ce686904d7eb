package main

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client"
)

// envEntry is one NAME=value of an apply file. The value is a secret: it
// is sent, never printed, and no error quotes it.
type envEntry struct {
	name, value string
	line        int // where the entry starts, from 1
}

// envError is a problem in an apply file, at a line. Its text never quotes
// the line, nor the name on it: a malformed line may well be a pasted
// value, and a pasted base64 value reads as a name followed by "=" (its
// padding). The line number says where to look.
type envError struct {
	line int
	msg  string
}

// Error implements error.
func (e *envError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// parseDotenv reads an apply file: NAME=value lines, blank lines, # comments
// (a whole line, or after white space following a value), an optional
// "export " prefix, and values that are bare, 'single-quoted' (taken
// literally, may span lines) or "double-quoted" (may span lines; escapes
// \n \r \t \" \\ \$ only, any other is an error rather than a guess). A
// "$VAR" is never expanded: values arrive byte for byte. A bare value ends
// at the line's end or a " #", and loses surrounding white space; a CRLF
// line ending counts as LF outside quotes.
//
// Names follow maxEnvName's rule and must be unique; values pass the
// client's own rule (client.CheckValue), so a file that parses is one the
// client will send in full. A bare value made only of "=" is refused: it
// is the padding of a pasted base64 line ("c2VjcmV0==") rather than a
// value, and its "name" is the secret.
func parseDotenv(data []byte) ([]envEntry, error) {
	// Windows editors may start a UTF-8 file with a byte order mark.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &envParser{src: data, line: 1}
	if !utf8.Valid(data) {
		return nil, &envError{lineOf(data, firstInvalidUTF8(data)), "not UTF-8 text"}
	}
	var entries []envEntry
	seen := map[string]int{}
	for !p.done() {
		e, ok, err := p.entry()
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if first, dup := seen[e.name]; dup {
			return nil, &envError{e.line, fmt.Sprintf("the name is already set on line %d", first)}
		}
		seen[e.name] = e.line
		if err := client.CheckValue(e.value); err != nil {
			return nil, &envError{e.line, trimPrefix(err)}
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// envParser walks src; line is the line number at pos.
type envParser struct {
	src  []byte
	pos  int
	line int
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

// endOfLine accepts white space, an optional comment, and the line's end.
func (p *envParser) endOfLine(line int, after string) error {
	p.skipBlanks()
	if p.peek() == '#' {
		for !p.done() && p.peek() != '\n' {
			p.pos++
		}
	}
	if p.peek() == '\r' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n' {
		p.pos++
	}
	if p.done() {
		return nil
	}
	if c := p.peek(); c == '\r' || c == 0 {
		return &envError{line, "a stray carriage return or NUL byte (only \\n and \\r\\n end a line)"}
	}
	if p.peek() != '\n' {
		return &envError{line, "unexpected text after " + after + " (a comment needs a space before its #)"}
	}
	p.next()
	return nil
}

// entry parses one line, or one entry spanning lines; ok is false for a
// blank or comment line.
func (p *envParser) entry() (e envEntry, ok bool, err error) {
	start := p.line
	p.skipBlanks()
	if c := p.peek(); c == '#' || c == '\n' || c == '\r' || c == 0 {
		return envEntry{}, false, p.endOfLine(start, "")
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
		return envEntry{}, false, &envError{start, "want NAME=value, NAME of letters, digits, _ . or - not starting with a digit"}
	case len(name) > maxEnvName:
		return envEntry{}, false, &envError{start, fmt.Sprintf("the name is over %d bytes (create takes longer names)", maxEnvName)}
	}
	p.skipBlanks()
	if p.peek() != '=' {
		// Not quoted: a line without "=" may be a pasted value.
		return envEntry{}, false, &envError{start, "want NAME=value: no = after the name"}
	}
	p.pos++
	p.skipBlanks()
	var value string
	switch p.peek() {
	case '\'':
		value, err = p.singleQuoted(start)
	case '"':
		value, err = p.doubleQuoted(start)
	default:
		value = p.bare()
		if value != "" && strings.Trim(value, "=") == "" {
			return envEntry{}, false, &envError{start, `the value is only "=": a pasted base64 line? (quote a value that really is "=")`}
		}
	}
	if err != nil {
		return envEntry{}, false, err
	}
	if value == "" {
		return envEntry{}, false, &envError{start, "the value is empty"}
	}
	if err := p.endOfLine(start, "the value"); err != nil {
		return envEntry{}, false, err
	}
	return envEntry{name: name, value: value, line: start}, true, nil
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
// without surrounding white space.
func (p *envParser) bare() string {
	start := p.pos
	end := p.pos
	for !p.done() && p.peek() != '\n' {
		c := p.peek()
		if c == '#' && (p.src[p.pos-1] == ' ' || p.src[p.pos-1] == '\t') {
			break
		}
		p.pos++
		if c != ' ' && c != '\t' && !(c == '\r' && p.peek() == '\n') {
			end = p.pos
		}
	}
	// Leave the trailing blanks and any comment to endOfLine.
	p.pos = end
	return string(p.src[start:end])
}

func (p *envParser) singleQuoted(line int) (string, error) {
	p.pos++ // the opening quote
	start := p.pos
	for !p.done() && p.peek() != '\'' {
		p.next()
	}
	if p.done() {
		return "", &envError{line, "the value has no closing '"}
	}
	v := string(p.src[start:p.pos])
	p.pos++
	return v, nil
}

// dotenvEscapes are the escapes of a double-quoted value.
var dotenvEscapes = map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\', '$': '$'}

func (p *envParser) doubleQuoted(line int) (string, error) {
	p.pos++ // the opening quote
	var b strings.Builder
	for !p.done() {
		c := p.next()
		switch c {
		case '"':
			return b.String(), nil
		case '\\':
			if p.done() {
				break
			}
			r, ok := dotenvEscapes[p.peek()]
			if !ok {
				return "", &envError{p.line, `unknown escape in a double-quoted value (in double quotes only \n \r \t \" \\ \$; use single quotes for a literal backslash)`}
			}
			p.next()
			b.WriteByte(r)
		default:
			b.WriteByte(c)
		}
	}
	return "", &envError{line, `the value has no closing "`}
}

// firstInvalidUTF8 is the offset of the first byte that is not UTF-8.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// lineOf is the line number, from 1, of offset i in b.
func lineOf(b []byte, i int) int { return bytes.Count(b[:i], []byte("\n")) + 1 }
