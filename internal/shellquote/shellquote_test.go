package shellquote_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/shellquote"
	"github.com/xisecrets/xisecrets/internal/shellquote/shelltest"
)

// Hostile arguments: each payload, if it ran, would write to stderr or
// leave a file, which shelltest.Argv fails on.
var hostile = []string{
	"plain/v1_x-y.z,a:b+c@d%e",
	"",
	"it's",
	"'$(echo INJECTED >&2)'",
	"'; echo INJECTED >&2; '",
	"`echo INJECTED >&2`",
	"$(: >pwned)",
	"a;echo INJECTED >&2",
	"a b  c\td",
	"line\nbreak",
	"two\n\nnewlines\n\n'x",
	"\nleading newline",
	"after a newline:\n%s\n\\n\n\x1b",
	"-leading-dash",
	"--",
	"é日本🔑 and U+FFFD \ufffd",
	"bidi \u202eevil\u202c, zero width \u200b, nbsp \u00a0, ZWJ 👩\u200d💻",
	"ESC \x1b]52;c;AA\x07 CR \r DEL \x7f C1 \u009b",
	"not UTF-8 \xff\xfe and a lone \x9b",
	"$HOME ~ * ? [a] {a,b} # ! \\ \\n %s %% \" '\\''",
	"=assign",
	"a=b",
}

// Every line Command writes is printable and one line, parses in every
// shell here, and gives the stub exactly the arguments, byte for byte,
// with nothing else run.
func TestCommandRunsExactlyItsArguments(t *testing.T) {
	for _, shell := range shelltest.Shells(t) {
		for _, a := range hostile {
			line, err := shellquote.Command("stub", "-flag", a, "after")
			if err != nil {
				t.Fatalf("Command(%q): %v", a, err)
			}
			if !printableLine(line) {
				t.Errorf("Command(%q) = %q: not one printable line", a, line)
			}
			got := shelltest.Argv(t, shell, "stub", line)
			if want := []string{"-flag", a, "after"}; !slices.Equal(got, want) {
				t.Errorf("%s ran %q with %q, want %q", shell, line, got, want)
			}
		}
	}
}

// A plain argument is shown as it is: the commands stay readable.
func TestCommandLeavesPlainWordsAlone(t *testing.T) {
	line, err := shellquote.Command("go", "-C", "internal/maintainer", "run", "./cmd/pagecut", "-path", "/v1/convai/secrets", "-method", "get")
	if want := "go -C internal/maintainer run ./cmd/pagecut -path /v1/convai/secrets -method get"; err != nil || line != want {
		t.Errorf("got %q, %v; want %q", line, err, want)
	}
}

// What no one-line command can pass is refused, naming the argument by
// its index, never its text.
func TestCommandRefusesWhatNoLineCanGive(t *testing.T) {
	for _, a := range []string{"NUL \x00 secret", "ends in a newline secret\n", "secret\n\n"} {
		line, err := shellquote.Command("stub", a)
		if err == nil {
			t.Errorf("Command(%q) = %q, want an error", a, line)
			continue
		}
		if !strings.Contains(err.Error(), "argument 1") || strings.Contains(err.Error(), "secret") {
			t.Errorf("Command(%q): error %q should name argument 1 and not quote it", a, err)
		}
	}
}

func printableLine(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) })
}
