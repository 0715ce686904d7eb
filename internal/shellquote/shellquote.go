// Package shellquote writes commands for a person to paste into a POSIX
// shell (sh, dash, bash, zsh): every command a tool of this repository
// suggests or shows goes through Command, so that no argument, however
// hostile (a vendor's path, a secret's name), can run anything, split into
// two, or hide on screen.
package shellquote

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Command is args as one line of POSIX shell that runs args[0] with
// exactly args[1:] as its arguments, byte for byte. A plain argument
// (letters, digits and _ - . / , : + @ %) is written as it is; any other
// in single quotes, a single quote in it as '\”. A rune a terminal would
// act on or not draw (textsafe.Hidden, newline included) or a byte that
// is not UTF-8 is written as octal escapes of printf, "$(printf '\033')",
// so that the line is printable and shows every byte; a newline's printf
// also writes the rune after it, since a command substitution drops the
// newlines it ends with. The printf is the shell's own (a builtin of each
// of these shells) and its format holds only escapes.
//
// The error says which argument no such line can give, by its index and
// not its text (it may be a secret's name): one holding a NUL byte (no
// argument can) or ending in a newline.
func Command(args ...string) (string, error) {
	words := make([]string, len(args))
	for i, a := range args {
		w, err := word(a)
		if err != nil {
			return "", fmt.Errorf("argument %d, counting the command as 0, %v", i, err)
		}
		words[i] = w
	}
	return strings.Join(words, " "), nil
}

// word is s as one shell word.
func word(s string) (string, error) {
	if s != "" && !strings.ContainsFunc(s, needsQuotes) {
		return s, nil
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("holds a NUL byte, which no argument of a command can")
	}
	var b strings.Builder
	quoted := false // inside a single-quoted run
	for i := 0; i < len(s); {
		n := hiddenRun(s[i:])
		if n == 0 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !quoted {
				b.WriteByte('\'')
				quoted = true
			}
			if r == '\'' {
				b.WriteString(`'\''`)
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		after := "" // the rune after a newline, written by the same printf
		if s[i+n-1] == '\n' {
			if i+n == len(s) {
				return "", fmt.Errorf("ends in a newline, which no one-line command can give")
			}
			_, size := utf8.DecodeRuneInString(s[i+n:])
			after = s[i+n : i+n+size]
		}
		if quoted {
			b.WriteByte('\'')
			quoted = false
		}
		b.WriteString(`"$(printf '`)
		for _, c := range []byte(s[i : i+n]) {
			fmt.Fprintf(&b, `\%03o`, c)
		}
		if strings.ContainsAny(after, `%\'`) {
			fmt.Fprintf(&b, `\%03o`, after[0]) // one byte, as printf's format would read it otherwise
		} else {
			b.WriteString(after) // printable: hiddenRun stopped at it
		}
		b.WriteString(`')"`)
		i += n + len(after)
	}
	if quoted {
		b.WriteByte('\'')
	}
	if b.Len() == 0 {
		return "''", nil
	}
	return b.String(), nil
}

// hiddenRun is the length in bytes of the run of hidden runes and bytes
// that are not UTF-8 at the start of s.
func hiddenRun(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !(r == utf8.RuneError && size == 1) && !textsafe.Hidden(r) {
			break
		}
		n += size
	}
	return n
}

// needsQuotes reports whether r makes a word need quoting: anything but
// the characters no POSIX shell treats specially anywhere in a word.
func needsQuotes(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return false
	}
	return !strings.ContainsRune("_-./,:+@%", r)
}
