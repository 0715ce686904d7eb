package commands

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// TestUsageMessages: mistakes are usage errors (exit 2, nothing sent) in
// the CLI's own words, without the library's ": invalid argument" and
// without quoting an argument that may be a value.
func TestUsageMessages(t *testing.T) {
	cases := []struct {
		what  string
		args  []string
		want  string
		stdin string
	}{
		{"empty region", []string{"list", "--region", ""}, "flag --region: empty", ""},
		{"empty region before the command", []string{"--region=", "list"}, "flag --region: empty", ""},
		{"empty base URL", []string{"list", "--base-url="}, "flag --base-url: empty", ""},
		{"unknown flag before the command", []string{"--bogus", "list"}, "unknown flag --bogus", ""},
		{"unknown flag alone", []string{"--token=" + testValue}, "unknown flag --token", ""},
		{"global flag without a command", []string{"--region", "eu"}, "no command after the global flags", ""},
		{"unknown flag after the command", []string{"list", "--colour"}, "unknown flag --colour", ""},
		{"list with an argument", []string{"list", "foo"}, "list takes no arguments", ""},
		{"create with a value argument", []string{"create", "NAME", testValue}, "never taken from arguments", ""},
		{"update with a value argument", []string{"update", "sec_1", "NAME", testValue}, "pipe the value on stdin or use --value-file", ""},
		{"name of spaces", []string{"create", "   "}, "name must not be only white space", "v\n"},
		{"value over the limit", []string{"create", "N"}, "the secret value from stdin is more than 64 KiB", strings.Repeat("v", 64<<10+1)},
		{"unknown region", []string{"list", "--region", "mars"}, "unknown region (want one of default, us, eu, in, sg)", ""},
	}
	for _, tc := range cases {
		t.Run(tc.what, func(t *testing.T) {
			h := newHarness(t)
			r := h.run(tc.stdin, tc.args...)
			if r.code != cli.ExitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("want exit 2 and %q, got %d: %s", tc.want, r.code, r.stderr)
			}
			if strings.Contains(r.stderr, "invalid argument") || strings.Contains(r.stderr, "unknown command") {
				t.Errorf("library or misleading wording: %s", r.stderr)
			}
			if n := len(h.srv.Requests()); n != 0 {
				t.Errorf("a usage error sent %d request(s)", n)
			}
		})
	}
}

// Stdin loses one trailing newline (what echo adds); --value-file keeps
// every byte, so a PEM file keeps its last newline.
func TestValueNewlines(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ stdin, want string }{
		{testValue + "\n", testValue},
		{testValue + "\r\n", testValue},
		{testValue + "\n\n", testValue + "\n"},
		{testValue + "\r", testValue + "\r"}, // a lone \r is no line ending
		{testValue, testValue},
	} {
		id := h.createJSONFrom(tc.stdin)
		if !h.srv.ValueIs(id, tc.want) {
			t.Errorf("create from stdin %q: the stored value is not stdin less one trailing newline", strings.ReplaceAll(tc.stdin, testValue, "VALUE"))
		}
	}
	pem := "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n"
	file := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(file, []byte(pem), 0o600); err != nil {
		t.Fatal(err)
	}
	id := h.createJSON("PEM")
	h.mustRun("", "update", id, "PEM", "--value-file", file)
	if !h.srv.ValueIs(id, pem) {
		t.Error("update --value-file: the stored value is not the file byte for byte")
	}
}

// createJSONFrom creates a secret with stdin as given and returns its id.
func (h *harness) createJSONFrom(stdin string) string {
	h.t.Helper()
	out := applyRows(h.t, h.mustRun(stdin, "create", "N", "--json", "--allow-duplicate"))
	return out["N"].SecretID
}

// TestArgumentsThatMayBeValuesAreNeverQuoted: a value typed on the command
// line that starts with "-" is parsed as a flag, and one typed first as a
// command; the error never repeats it (stderr ends up in CI logs), nor a
// flag's bad value. A name-shaped mistake is still named, and a misspelt
// flag gets the flag it stands for.
func TestArgumentsThatMayBeValuesAreNeverQuoted(t *testing.T) {
	const value = "Xk9pLEAKCANARYvalue"
	for _, args := range [][]string{
		{"create", "NAME", "-" + value},
		{"-" + value, "create", "NAME"},
		{"update", "sec_1", "NAME", "--" + value},
		{"create", "NAME", "-=" + value},
		{"create", "NAME", "---" + value},
		{"create", "NAME", "--json=" + value},
		{"list", "--page-size=" + value},
		{"list", "--page-size", value},
		{value, "NAME"},
		{"create", "NAME", "--value=" + value},    // named: "value", not what follows "="
		{"create", "NAME", "--value-file", value}, // a value where its file's path belongs
		{"apply", "--file", value},
		{"list", "--region", value},
		{"--region=" + value, "list"},
		{"list", "--profile", value},
	} {
		r := runWithout(t, args...)
		if r.code != cli.ExitUsage {
			t.Errorf("%d argument(s): exit %d, want %d", len(args), r.code, cli.ExitUsage)
		}
		if strings.Contains(r.stdout+r.stderr, value) {
			t.Errorf("a value typed as an argument is printed back: %s", strings.ReplaceAll(r.stderr, value, "<value>"))
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"create", "NAME", "-" + value}, "an unknown flag, or a value typed as an argument (values are never taken from arguments: pipe on stdin or use --value-file)"},
		{[]string{value, "NAME"}, "an unknown command, or a value typed as an argument"},
		{[]string{"create", "NAME", "-=" + value}, "bad flag syntax: an argument starting with - that is not a flag, or a value typed as an argument"},
		{[]string{"create", "NAME", "--json=" + value}, "--json takes no value (or =true, =false): parse error"},
		{[]string{"list", "--page-size=" + value}, "flag --page-size: parse error"},
		{[]string{"create", "NAME", "--value=" + value}, "unknown flag --value (did you mean --value-file?)"},
		{[]string{"create", "NAME", "--jsn"}, "unknown flag --jsn (did you mean --json?)"},
		{[]string{"create", "NAME", "--JSON"}, "unknown flag (did you mean --json?)"},
		{[]string{"apply", "--dry"}, "unknown flag --dry (did you mean --dry-run?)"},
		{[]string{"list", "---json"}, "bad flag syntax: ---json (write --json)"},
		{[]string{"list", "--page-size"}, "--page-size needs a value"},
		{[]string{"lsit"}, "unknown command lsit (did you mean list?)"},
		{[]string{"--regoin=eu", "list"}, "unknown flag --regoin (did you mean --region?)"},
		{[]string{"--" + value, "list"}, "an unknown flag, or a value typed as an argument"},
		// A flag is named with the dashes it was typed with; a hint is --flag.
		{[]string{"list", "-v"}, "xisecrets: unknown flag -v\n"},
		{[]string{"list", "--v"}, "xisecrets: unknown flag --v\n"},
		{[]string{"-v", "list"}, "xisecrets: unknown flag -v (did you mean --version?)"},
		{[]string{"list", "-jsn"}, "unknown flag -jsn (did you mean --json?)"},
		{[]string{"list", "--search", "-x", "-pgae-size=3"}, "unknown flag -pgae-size (did you mean --page-size?)"},
	} {
		r := runWithout(t, tc.args...)
		if first, _, _ := strings.Cut(r.stderr, "\n"); r.code != cli.ExitUsage || !strings.Contains(first+"\n", tc.want) {
			t.Errorf("want exit 2 and %q, got %d: %s", tc.want, r.code, strings.ReplaceAll(first, value, "<value>"))
		}
	}
}

// FuzzArgumentsAreNeverQuoted: whatever is typed where a flag or command
// goes, the error line does not repeat it unless it reads as a name. (Only
// texts with a digit or a capital are checked: the CLI's own words have
// neither, so a lower-case text may be one of them.) With no API key
// nothing gets past the client's construction: nothing is sent.
func FuzzArgumentsAreNeverQuoted(f *testing.F) {
	for _, seed := range []string{"Xk9pLEAKCANARYvalue", "json=X1", "=X1", "-X1", "value-file=X1", "JSON"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !strings.ContainsAny(v, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			return
		}
		for _, args := range [][]string{
			{"create", "NAME", "-" + v},
			{"-" + v, "create", "NAME"},
			{"create", "NAME", "--json=" + v},
			{"list", "--page-size=" + v},
			{"list", "--page-size", v},
			{v, "NAME"},
		} {
			var stderr bytes.Buffer
			e := cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
			run(context.Background(), args, e)
			if first, _, _ := strings.Cut(stderr.String(), "\n"); strings.Contains(first, v) {
				t.Fatalf("the error repeats an argument that may be a value: %q", first)
			}
		}
	})
}

// TestHelpWritesDoubleDashes: every command's help names its flags as
// README does, --flag, with the flag's value name and its default.
func TestHelpWritesDoubleDashes(t *testing.T) {
	for _, c := range commands() {
		out := runWithout(t, c.Name, "--help").stdout
		fs, _, _ := App().FlagSet(&c)
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(out, "\n  --"+f.Name+"\n") && !strings.Contains(out, "\n  --"+f.Name+" ") {
				t.Errorf("%s --help does not list --%s:\n%s", c.Name, f.Name, out)
			}
		})
		for line := range strings.Lines(out) {
			if strings.HasPrefix(line, "  -") && !strings.HasPrefix(line, "  --") {
				t.Errorf("%s --help: a flag written with one dash: %q", c.Name, line)
			}
		}
	}
	out := runWithout(t, "list", "--help").stdout
	if !strings.Contains(out, "  --page-size int\n    \tsecrets per request (1-100) (default 100)\n") {
		t.Errorf("list --help: want --page-size with its value name and default, got:\n%s", out)
	}
	if out := runWithout(t, "fake", "--help").stdout; !strings.Contains(out, `(default "127.0.0.1:8080")`) {
		t.Errorf("fake --help: want the quoted default address, got:\n%s", out)
	}
}
