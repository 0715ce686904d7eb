package commands

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// offlineRun runs the CLI with no key and a getenv that fails the test if
// anything is read, against a fake that counts what it is sent.
func offlineRun(t *testing.T, args ...string) (cliRun, *secretstest.Server) {
	t.Helper()
	srv := secretstest.NewServer(t, secretstest.WithAPIKey(testKey))
	var stdout, stderr bytes.Buffer
	e := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(name string) string {
			t.Errorf("read the environment variable %s: --check reads no key and no configuration", name)
			return ""
		}}
	args = append(args, "--base-url", srv.URL())
	r := cliRun{code: run(context.Background(), args, e), stdout: stdout.String(), stderr: stderr.String()}
	if strings.Contains(r.stdout+r.stderr, testValue) {
		t.Error("apply --check printed a value")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("apply --check sent %d request(s), want none", n)
	}
	return r, srv
}

func TestApplyCheckNeedsNoKeyAndSendsNothing(t *testing.T) {
	good := writeFile(t, applyFile.text)
	r, _ := offlineRun(t, "apply", "--file", good, "--check")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "3 names, no problems") {
		t.Errorf("--check of a good file: exit %d, stdout %q, stderr %q; want 0 and a count of 3 names", r.code, r.stdout, r.stderr)
	}
	// Global flags are accepted, and unused: no region is checked, no
	// client built.
	if r, _ := offlineRun(t, "--region", "eu", "apply", "--check", "--file", good); r.code != cli.ExitOK {
		t.Errorf("--check with --region: exit %d, want 0 (%s)", r.code, r.stderr)
	}

	bad := writeFile(t, "A=1\n"+testValue+"\nB=\nC='"+testValue+"'x\n")
	r, _ = offlineRun(t, "apply", "--file", bad, "--check")
	if r.code != cli.ExitUsage {
		t.Errorf("--check of a bad file: exit %d, want 2", r.code)
	}
	for _, want := range []string{"line 2: ", "line 3: ", "line 4: ", "3 problems (above); nothing was sent"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("--check of a bad file: stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// TestApplyCheckTakesTheFileAlone: --check says nothing about the
// workspace, so the flags that act on it are refused, before the file is
// read.
func TestApplyCheckTakesTheFileAlone(t *testing.T) {
	good := writeFile(t, applyFile.text)
	for _, flag := range []string{"--dry-run", "--create-only", "--prune", "--yes", "--json"} {
		r, _ := offlineRun(t, "apply", "--file", good, "--check", flag)
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "--check only reads the file") {
			t.Errorf("--check %s: exit %d, want 2 saying why: %s", flag, r.code, r.stderr)
		}
	}
}

// TestApplyBadFileListsEveryProblem: one run names every bad line, in
// order and by number only, and sends nothing; more than a screenful is
// cut, with the count of the rest.
func TestApplyBadFileListsEveryProblem(t *testing.T) {
	h := newHarness(t)
	file := "GOOD=1\n" + testValue + "\nB=\"" + testValue + "\\q\"\nGOOD=2\nC='" + testValue + "\u2028'\nD=" + testValue + "\u2028\n"
	r := h.run("", "apply", "--file", writeFile(t, file))
	if r.code != cli.ExitUsage || len(h.srv.Requests()) != 0 {
		t.Errorf("a bad file: exit %d, %d request(s); want 2 and none", r.code, len(h.srv.Requests()))
	}
	got := strings.Split(strings.TrimSpace(r.stderr), "\n")
	want := []string{"line 2: want NAME=value", "line 3: unknown escape", "line 4: the name is already set on line 1", "line 6: a Unicode line separator", "4 problems (above); nothing was sent"}
	if len(got) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(got), len(want), r.stderr)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("stderr line %d is %q, want it to say %q", i+1, got[i], w)
		}
	}

	many := strings.Repeat("NO_EQUALS\n", maxListedProblems+50)
	r = h.run("", "apply", "--file", writeFile(t, many))
	if n := strings.Count(r.stderr, "\n"); r.code != cli.ExitUsage || n != maxListedProblems+2 || !strings.Contains(r.stderr, "and 50 more problems from line 101 on") {
		t.Errorf("150 bad lines: exit %d, %d lines of stderr; want 2, the first %d and a count of the rest", r.code, n, maxListedProblems)
	}
}

// TestApplyLoneCRFile is issue 15's file from an old Mac editor: two
// secrets, each with its own value, not one holding the next line.
func TestApplyLoneCRFile(t *testing.T) {
	h := newHarness(t)
	rows := applyRows(t, h.mustRun("", "apply", "--file", writeFile(t, "A="+testValue+"\rB='two\rlines'\r\n"), "--json"))
	if len(rows) != 2 || !h.srv.ValueIs(rows["A"].SecretID, testValue) || !h.srv.ValueIs(rows["B"].SecretID, "two\nlines") {
		t.Errorf("a lone-CR file: %d names, or a value holds a CR or the next line", len(rows))
	}
}

// TestApplyWarnsOfExpansions: a value other dotenv tools would expand is
// stored as written, and the warning names only its line: the text after
// $ may be part of a password.
func TestApplyWarnsOfExpansions(t *testing.T) {
	h := newHarness(t)
	const tail = "TAILCANARY"
	file := "A=plain\nB=\"pa$" + tail + "\"\nC='pa$" + tail + "'\nD=pa${" + tail + "}\n"
	r := h.run("", "apply", "--file", writeFile(t, file), "--json")
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	warned := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(warned) != 2 || !strings.Contains(warned[0], "warning: ") || !strings.Contains(warned[0], "line 2: ") || !strings.Contains(warned[1], "line 4: ") {
		t.Errorf("want warnings for lines 2 and 4 only, got:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, tail) {
		t.Error("a warning quotes the value's text")
	}
	rows := applyRows(t, r.stdout)
	if !h.srv.ValueIs(rows["B"].SecretID, "pa$"+tail) || !h.srv.ValueIs(rows["D"].SecretID, "pa${"+tail+"}") {
		t.Error("a value with $ was not stored as written")
	}
}
