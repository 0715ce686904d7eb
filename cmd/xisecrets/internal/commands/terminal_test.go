package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// hostileTexts are server (or file, or argument) texts that would act on a
// terminal if printed raw, one per class, each with the escaped form a
// table must show instead and a printable word an error message must
// keep (the client may already have blanked some controls in errors).
// Failure messages quote them with %q so that a failing test cannot
// garble the terminal it reports to.
var hostileTexts = []struct{ class, text, shown, word string }{
	{"OSC 52 clipboard write", "\x1b]52;c;cm0gLXJmIH4K\x07", `\x1b]52;c;cm0gLXJmIH4K\x07`, "cm0gLXJmIH4K"},
	{"CSI screen clear", "\x1b[2J\x1b[Hcleared", `\x1b[2J\x1b[Hcleared`, "cleared"},
	{"carriage return overwrite", "sec_real\rsec_fake", `sec_real\rsec_fake`, "sec_fake"},
	{"newline forging a line", "boom\nxisecrets: deleted ok", `boom\nxisecrets: deleted ok`, `boom\nxisecrets: deleted ok`},
	{"C1 CSI", "\u009b2Jc1", `\u009b2Jc1`, `\u009b2Jc1`},
	{"DEL", "ab\x7f\x7fcd", `ab\x7f\x7fcd`, "cd"},
	{"NUL and BEL", "nul\x00bel\x07", `nul\x00bel\x07`, "bel"},
	{"tab breaking columns", "col1\tcol2", `col1\tcol2`, `col1\tcol2`},
	{"bidi override (Trojan Source)", "KEY\u202etxt.exe\u2066", `KEY\u202etxt.exe\u2066`, `KEY\u202etxt.exe\u2066`},
	{"Unicode line separator", "one\u2028two", `one\u2028two`, `one\u2028two`},
	{"zero-width and no-break space", "AD\u200bMIN\u00a0KEY", `AD\u200bMIN\u00a0KEY`, `AD\u200bMIN\u00a0KEY`},
	{"invisible tag characters (astral)", "tag\U000e0041\U000e007f", `tag\U000e0041\U000e007f`, `tag\U000e0041\U000e007f`},
	{"invisible letters and selectors", "KEY\u3164\u115f\ufe0f\u034f", `KEY\u3164\u115f\ufe0f\u034f`, `KEY\u3164\u115f\ufe0f\u034f`},
	{"backslash, kept unambiguous", `C:\x1b`, `C:\\x1b`, `C:\\x1b`},
}

// assertTerminalSafe fails if s holds anything a terminal could act on or
// hide: invalid UTF-8, or a rune other than newline that is not printable
// (C0, DEL, C1, bidi and other format characters, separators but space)
// or is printable but default-ignorable (drawn as nothing).
func assertTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: bytes that are not UTF-8 reached the terminal: %q", what, s)
		return
	}
	for i, r := range s {
		if r != '\n' && (!unicode.IsPrint(r) || unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)) {
			t.Errorf("%s: raw %U at byte %d reached the terminal: %q", what, r, i, s)
			return
		}
	}
}

// lines counts the lines of s, which must end with a newline.
func lines(t *testing.T, what, s string) int {
	t.Helper()
	if s != "" && !strings.HasSuffix(s, "\n") {
		t.Errorf("%s: does not end with a newline: %q", what, s)
	}
	return strings.Count(s, "\n")
}

// respond queues a 200 JSON answer from a hostile server for the next
// request.
func respond(srv *secretstest.Server, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	srv.Inject(secretstest.Fault{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: string(b)})
}

func storedJSON(id, name string, tools ...any) map[string]any {
	if tools == nil {
		tools = []any{}
	}
	return map[string]any{"type": "stored", "secret_id": id, "name": name,
		"used_by": map[string]any{"tools": tools, "agents": []any{}, "others": []any{}}}
}

func dependentWire(text string) map[string]any {
	return map[string]any{"type": "available", "id": text, "name": text, "created_at_unix_secs": 1, "access_level": text}
}

// hostileCommand is one command that prints server text, with the answer
// that puts the text in every field it shows and the JSON fields that must
// carry the text exactly.
type hostileCommand struct {
	name       string
	stdin      string
	args       []string
	answer     func(text string) any // a 200 body
	jsonFields []string
}

var hostileCommands = []hostileCommand{
	{"list", "", []string{"list"}, func(s string) any {
		return map[string]any{"secrets": []any{storedJSON(s, s, dependentWire(s))}, "next_cursor": nil}
	}, []string{"secret_id", "name"}},
	// --id: the answer is the secret's, not the name lookup's listing.
	{"get", "", []string{"get", "sec_1", "--id"}, func(s string) any {
		return storedJSON(s, s, dependentWire(s))
	}, []string{"secret_id", "name"}},
	// --allow-duplicate: the answer is create's, not the name check's listing.
	{"create", testValue, []string{"create", "NAME", "--allow-duplicate"}, func(s string) any {
		return map[string]any{"type": "stored", "secret_id": s, "name": s}
	}, []string{"secret_id", "name"}},
	{"update", testValue, []string{"update", "--id", "sec_1", "NAME"}, func(s string) any {
		return map[string]any{"type": "stored", "secret_id": s, "name": s}
	}, []string{"secret_id", "name"}},
	{"deps", "", []string{"deps", "sec_1", "--id", "--type", "tools"}, func(s string) any {
		return map[string]any{"dependencies": []any{dependentWire(s)}, "next_cursor": nil}
	}, []string{"id", "name", "access_level"}},
}

// eachHostileAnswer runs every command that prints server text against a
// server answering each hostile text, with extra arguments, and checks
// that it succeeds and puts nothing raw on stdout before check looks
// further.
func eachHostileAnswer(t *testing.T, extra []string, check func(t *testing.T, cmd hostileCommand, text, shown string, r cliRun)) {
	for _, cmd := range hostileCommands {
		for _, h := range hostileTexts {
			t.Run(cmd.name+"/"+h.class, func(t *testing.T) {
				hn := newHarness(t)
				respond(hn.srv, cmd.answer(h.text))
				r := hn.run(cmd.stdin, append(cmd.args, extra...)...)
				if r.code != cli.ExitOK {
					t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
				}
				assertTerminalSafe(t, "stdout", r.stdout)
				if r.stderr != "" {
					t.Errorf("want nothing on stderr, got %q", r.stderr)
				}
				check(t, cmd, h.text, h.shown, r)
			})
		}
	}
}

// TestServerTextIsEscapedInTables: every command that prints server text
// shows each hostile class escaped, in a table of exactly header + one row.
func TestServerTextIsEscapedInTables(t *testing.T) {
	eachHostileAnswer(t, nil, func(t *testing.T, _ hostileCommand, _, shown string, r cliRun) {
		if n := lines(t, "stdout", r.stdout); n != 2 {
			t.Errorf("want a header and one row, got %d lines: %q", n, r.stdout)
		}
		if !strings.Contains(r.stdout, shown) {
			t.Errorf("want the text shown as %q, got %q", shown, r.stdout)
		}
	})
}

// TestServerTextIsExactInJSON: --json carries each hostile text exactly
// (it decodes back to the server's string) and still puts no raw control,
// format or invalid byte on the terminal: JSON escapes them as \u.
func TestServerTextIsExactInJSON(t *testing.T) {
	eachHostileAnswer(t, []string{"--json"}, func(t *testing.T, cmd hostileCommand, text, _ string, r cliRun) {
		if n := lines(t, "stdout", r.stdout); n != 1 {
			t.Fatalf("want one JSON line, got %d: %q", n, r.stdout)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("not JSON: %v: %q", err, r.stdout)
		}
		for _, f := range cmd.jsonFields {
			if got[f] != text {
				t.Errorf("%s: got %q, want %q", f, got[f], text)
			}
		}
	})
}

// TestServerErrorsAreOneEscapedLine: an error message, code, field error
// and request id from the server reach stderr escaped, as exactly one
// line, whatever command got it; stdout stays empty.
func TestServerErrorsAreOneEscapedLine(t *testing.T) {
	cmds := append(hostileCommands, hostileCommand{name: "delete", args: []string{"delete", "sec_1"}})
	for _, cmd := range cmds {
		for _, h := range hostileTexts {
			t.Run(cmd.name+"/"+h.class, func(t *testing.T) {
				hn := newHarness(t)
				hn.srv.Inject(
					secretstest.Fault{Status: 400, Header: http.Header{"Content-Type": {"application/json"}},
						Body: mustJSON(t, map[string]any{"detail": map[string]any{"status": h.text, "message": h.text}})},
					secretstest.Fault{Status: 422, Header: http.Header{"Content-Type": {"application/json"}},
						Body: mustJSON(t, map[string]any{"detail": []any{map[string]any{"loc": []any{"body", h.text}, "msg": h.text, "type": h.text}}})},
				)
				for _, kind := range []string{"400 message", "422 field"} {
					r := hn.run(cmd.stdin, cmd.args...)
					if r.code != cli.ExitAPI {
						t.Fatalf("%s: exit %d, want %d; stderr %q", kind, r.code, cli.ExitAPI, r.stderr)
					}
					assertTerminalSafe(t, kind+": stderr", r.stderr)
					if n := lines(t, kind+": stderr", r.stderr); n != 1 {
						t.Errorf("%s: want one line on stderr, got %d: %q", kind, n, r.stderr)
					}
					if !strings.Contains(r.stderr, h.word) {
						t.Errorf("%s: want the message to show %q, got %q", kind, h.word, r.stderr)
					}
					if r.stdout != "" {
						t.Errorf("%s: want nothing on stdout, got %q", kind, r.stdout)
					}
				}
			})
		}
	}
}

// TestRequestIDIsEscaped: a request id header is server text too. Go's
// HTTP client refuses C0 and DEL in a header, but lets C1 and bidi
// controls through.
func TestRequestIDIsEscaped(t *testing.T) {
	hn := newHarness(t)
	hn.srv.Inject(secretstest.Fault{Status: 404, Header: http.Header{"Request-Id": {"req\u009b2J\u202e"}}, Body: "nope"})
	r := hn.run("", "get", "sec_1")
	assertTerminalSafe(t, "stderr", r.stderr)
	if n := lines(t, "stderr", r.stderr); n != 1 || !strings.Contains(r.stderr, `req\u009b2J\u202e`) {
		t.Errorf("want one line with the escaped request id, got %q", r.stderr)
	}
}

// TestRawBytesInTheBody: a body that is not the JSON encoding of its text
// (raw bytes that are not UTF-8 in a string, a raw ESC, which JSON does
// not allow) reaches the terminal as nothing raw either.
func TestRawBytesInTheBody(t *testing.T) {
	for _, tc := range []struct {
		body                 string
		stdout, stderr, code int
	}{
		{"{\"type\":\"stored\",\"secret_id\":\"sec_\x9b2J\",\"name\":\"n\xff\xfe\xc2\"}", 2, 0, cli.ExitOK},
		{"{\"type\":\"stored\",\"secret_id\":\"sec_1\",\"name\":\"\x1b[2J\nxisecrets: ok\"}", 0, 1, cli.ExitAPI},
	} {
		hn := newHarness(t)
		hn.srv.Inject(secretstest.Fault{Method: http.MethodPost, Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: tc.body})
		r := hn.run(testValue, "create", "NAME")
		assertTerminalSafe(t, "stdout", r.stdout)
		assertTerminalSafe(t, "stderr", r.stderr)
		if r.code != tc.code || lines(t, "stdout", r.stdout) != tc.stdout || lines(t, "stderr", r.stderr) != tc.stderr {
			t.Errorf("body %q: want exit %d, %d line(s) on stdout and %d on stderr, got %d: %q %q",
				tc.body, tc.code, tc.stdout, tc.stderr, r.code, r.stdout, r.stderr)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestArgumentsAndFilesAreEscaped: text from the command line and file
// names reaches the terminal escaped too: an id pasted from elsewhere, a
// flag, a command name, a --value-file path.
func TestArgumentsAndFilesAreEscaped(t *testing.T) {
	const evil = "x\x1b]52;c;AAAA\x07\nxisecrets: deleted ok\r\u009b\u202e"
	const shown = `x\x1b]52;c;AAAA\x07\nxisecrets: deleted ok\r\u009b\u202e`
	const notQuoted = "or a value typed as an argument"
	cases := []struct {
		name   string
		args   []string
		shown  string
		stdout int // lines
		code   int
	}{
		// --id: the 204 scripted is the DELETE's, not a name lookup's.
		{"deleted id", []string{"delete", evil, "--id"}, shown, 2, cli.ExitOK},
		// An unknown command or flag that is not name-shaped is not
		// quoted at all (it may be a value): the message says so.
		{"unknown command", []string{evil}, notQuoted, 0, cli.ExitUsage},
		{"unknown flag", []string{"list", "--" + evil}, notQuoted, 0, cli.ExitUsage},
		// A --value-file that cannot be opened is not named either.
		{"value file", []string{"create", "NAME", "--value-file", "/nonexistent/" + evil}, "not named here, in case it was a value", 0, cli.ExitUsage},
		// A bad flag value is never quoted: the valid values are listed.
		{"deps type", []string{"deps", "sec_1", "--type", evil}, "want one of tools, agents, phone_numbers, mcp_servers", 0, cli.ExitUsage},
		{"region", []string{"get", "sec_1", "--region", evil}, "--region: unknown region (want one of", 0, cli.ExitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hn := newHarness(t)
			if tc.code == cli.ExitOK {
				hn.srv.Inject(secretstest.Fault{Method: http.MethodDelete, Status: 204})
			}
			var r cliRun
			if tc.name == "region" {
				r = runWithout(t, tc.args...) // --region and --base-url together is another error
			} else {
				r = hn.run("", tc.args...)
			}
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			assertTerminalSafe(t, "stdout", r.stdout)
			// A flag error is followed by the flag package's usage,
			// whose help lines are indented with a tab of ours.
			assertTerminalSafe(t, "stderr", strings.ReplaceAll(r.stderr, "\n    \t", "\n    "))
			if n := lines(t, "stdout", r.stdout); n != tc.stdout {
				t.Errorf("want %d lines on stdout, got %d: %q", tc.stdout, n, r.stdout)
			}
			if !strings.Contains(r.stdout+r.stderr, tc.shown) {
				t.Errorf("want the text shown as %q, got %q %q", tc.shown, r.stdout, r.stderr)
			}
			if tc.code != cli.ExitOK {
				if first, _, _ := strings.Cut(r.stderr, "\n"); !strings.Contains(first, tc.shown) {
					t.Errorf("want the whole message on stderr's first line, got %q", r.stderr)
				}
			}
		})
	}
}

// runWithout runs the CLI with no --base-url, for errors found before a
// client exists.
func runWithout(t *testing.T, args ...string) cliRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: keyOnlyEnv}
	code := run(context.Background(), args, e)
	return cliRun{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// TestFakeLogIsEscaped: the fake subcommand's log lines carry request text
// (a path, a name the fake echoed in an invalid response): one escaped
// line each.
func TestFakeLogIsEscaped(t *testing.T) {
	var stderr bytes.Buffer
	fakeLogf(&stderr)("the fake's response to %s does not match: %v", "/v1/\x1b[2J", "name \"a\nxisecrets: ok\u009b\"")
	assertTerminalSafe(t, "fake log", stderr.String())
	if n := lines(t, "fake log", stderr.String()); n != 1 {
		t.Errorf("want one log line, got %d: %q", n, stderr.String())
	}
}

// TestEdgeSpacesInNamesAreShown: names that differ only by leading or
// trailing ASCII spaces look alike in a table unless the spaces are shown,
// so a table shows them as \x20 and each row reads back to one name;
// --json keeps the names exact.
func TestEdgeSpacesInNamesAreShown(t *testing.T) {
	h := newHarness(t)
	names := map[string]string{"TRAIL": "TRAIL", "TRAIL ": `TRAIL\x20`, " LEAD  KEY ": `\x20LEAD  KEY\x20`}
	for name, shown := range names {
		if out := h.mustRun(testValue, "create", name); !strings.Contains(out, " "+shown+"\n") {
			t.Errorf("create %q: want the name shown as %q at the end of the row, got %q", name, shown, out)
		}
	}
	out := h.mustRun("", "list")
	for name, shown := range names {
		if !strings.Contains(out, "  "+shown+"  ") {
			t.Errorf("list: want %q shown as %q between columns, got %q", name, shown, out)
		}
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(h.mustRun("", "list", "--json")), "\n") {
		var s struct{ Name string }
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatal(err)
		}
		seen[s.Name] = true
	}
	for name := range names {
		if !seen[name] {
			t.Errorf("list --json: %q is not there exactly", name)
		}
	}
	// A server may send a name of spaces only, which the client never
	// sends: every space is shown.
	respond(h.srv, storedJSON("sec_1", "  "))
	if out := h.mustRun("", "get", "sec_1", "--id"); !strings.Contains(out, `  \x20\x20  `) {
		t.Errorf("get: want a name of two spaces shown as %q, got %q", `\x20\x20`, out)
	}
}
