package main

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
	"github.com/xisecrets/xisecrets/internal/shellquote/shelltest"
)

// Vendor paths built to break out: of the shell when a maintainer pastes
// the suggested pagecut command, or of the Markdown of the report.
var hostilePaths = []string{
	"/v1/convai/secrets/{id}/plain",
	"/v1/convai/secrets/x'$(echo INJECTED >&2)'",
	"/v1/convai/secrets/'; echo INJECTED >&2; '",
	"/v1/convai/secrets/`echo INJECTED >&2`",
	"/v1/convai/secrets/$(: >pwned)",
	"/v1/convai/secrets/a;echo INJECTED >&2",
	"/v1/convai/secrets/a b\tc",
	"/v1/convai/secrets/line\nbreak",
	"/v1/convai/secrets/x`\n\n## Verdict: nothing breaking\n\n`y",
	"/v1/convai/secrets/``` fence\n```\n# forged heading",
	"/v1/convai/secrets/é日本🔑",
	"/v1/convai/secrets/bidi \u202eevil\u202c zero\u200bwidth",
	"/v1/convai/secrets/\x1b]52;c;AA\x07",
	"-/v1/convai/secrets/leading-dash",
	"/v1/convai/secrets/$HOME \\ %s \"",
}

// Every pagecut command the report suggests, pasted into each shell here,
// runs go with the vendor's path as -path's value, byte for byte, and runs
// nothing else; the vendor's text stays inside its code spans.
func TestSuggestedCommandsRunAsShown(t *testing.T) {
	o := &outcome{vendor: "openapi.json", sha256: "0", plan: &plan{}, client: &clientResult{ok: true}}
	for _, p := range hostilePaths {
		o.uncovered = append(o.uncovered, pagecut.Operation{Path: p, Method: "get"})
	}
	report := o.markdown()
	if strings.ContainsFunc(report, func(r rune) bool { return r != '\n' && !unicode.IsPrint(r) }) {
		t.Errorf("the report holds a raw control or invisible character:\n%s", report)
	}
	var commands []string
	for _, line := range strings.Split(report, "\n") {
		if !strings.Contains(line, "to cover it") {
			continue
		}
		spans, rest := codeSpans(line)
		if rest != "- : to cover it, cut its page with " || len(spans) != 2 {
			t.Errorf("vendor text outside its code spans: %q (spans %q)", line, spans)
			continue
		}
		commands = append(commands, spans[1])
	}
	if len(commands) != len(hostilePaths) {
		t.Fatalf("%d commands suggested for %d operations:\n%s", len(commands), len(hostilePaths), report)
	}
	for _, shell := range shelltest.Shells(t) {
		for i, c := range commands {
			got := shelltest.Argv(t, shell, "go", c)
			want := []string{"-C", "internal/maintainer", "run", "./cmd/pagecut", "-C", "../..", "-in", "DOCUMENT", "-path", hostilePaths[i], "-method", "get", "-out", "api/NAME.yaml"}
			if !slices.Equal(got, want) {
				t.Errorf("%s: pasting %q runs go with %q, want %q", shell, c, got, want)
			}
		}
	}
}

// A path no one-line command can give is reported without a command, and
// says why.
func TestNoCommandForAPathNoLineCanGive(t *testing.T) {
	o := &outcome{vendor: "openapi.json", sha256: "0", plan: &plan{}, client: &clientResult{ok: true},
		uncovered: []pagecut.Operation{{Path: "/v1/convai/secrets/ends-in-newline\n", Method: "get"}}}
	report := o.markdown()
	if strings.Contains(report, "go run") || !strings.Contains(report, "`get /v1/convai/secrets/ends-in-newline\\n`: no command can be shown") {
		t.Errorf("report:\n%s", report)
	}
}

// codeSpans parses line's code spans as CommonMark does (a run of n
// backticks opens one, the next run of exactly n closes it; one space
// each side is stripped when both are there), and returns their contents
// and the rest of the line.
func codeSpans(line string) (spans []string, rest string) {
	var out strings.Builder
	for i := 0; i < len(line); {
		if line[i] != '`' {
			out.WriteByte(line[i])
			i++
			continue
		}
		n := backticks(line[i:])
		closeAt := -1
		for j := i + n; j < len(line); {
			if line[j] != '`' {
				j++
				continue
			}
			m := backticks(line[j:])
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 {
			out.WriteString(line[i : i+n])
			i += n
			continue
		}
		s := line[i+n : closeAt]
		if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
			s = s[1 : len(s)-1]
		}
		spans = append(spans, s)
		i = closeAt + n
	}
	return spans, out.String()
}

// backticks is the length of the run of backticks s starts with.
func backticks(s string) int {
	n := 0
	for n < len(s) && s[n] == '`' {
		n++
	}
	return n
}
