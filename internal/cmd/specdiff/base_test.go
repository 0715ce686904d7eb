package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A package that did not compile at BASE has no API to compare with: the
// report names the package and BASE and shows the compiler's errors, escaped,
// and says nothing "Nothing breaking." about what it could not compare.
func TestBaseThatDoesNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	// The //line directive puts an escape sequence in the file name the
	// compiler reports: a terminal would clear the screen on it.
	brokenClient := "package client\n\n//line \x1b[2Jevil.go:1\nvar _ int = undefinedInBase\n"
	brokenBase(t, repo, "broken-client", "client/zz_broken.go", brokenClient)
	brokenBase(t, repo, "broken-gen", "gen/zz_broken.go", "package gen\n\nfunc {\n")

	for _, tc := range []struct {
		name, base string
		code       int
		want       []string
		errorLine  string // the compiler's error, as the report shows it
	}{{
		name: "client", base: "broken-client", code: 2,
		want: []string{
			"package client: NOT COMPARED: client did not compile at BASE broken-client:\n",
			"package gen: no changes",
		},
		errorLine: `\n    client/\\x1b\[2Jevil\.go:1(:\d+)?: undefined: undefinedInBase\n`,
	}, {
		name: "gen", base: "broken-gen", code: 2,
		want: []string{
			"package gen: NOT COMPARED: gen did not compile at BASE broken-gen:\n",
			"package client: no changes",
		},
		errorLine: `\n    gen/zz_broken\.go:3:\d+: .+\n`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			report := runReport(t, repo, tc.base, tc.code)
			for _, want := range tc.want {
				if !strings.Contains(report, want) {
					t.Errorf("report lacks %q", want)
				}
			}
			if !regexp.MustCompile(tc.errorLine).MatchString(report) {
				t.Errorf("report lacks the compiler's error at BASE, matching %s", tc.errorLine)
			}
			if verdict := "\nNOT COMPARED: " + tc.name + " did not compile at BASE " + tc.base + "; its Go API changes are unknown.\n"; !strings.HasSuffix(report, verdict) {
				t.Errorf("report does not end with %q", verdict)
			}
			if strings.Contains(report, "Nothing breaking.") {
				t.Error(`report says "Nothing breaking." though it could not compare a package`)
			}
			noHiddenRunes(t, report)
		})
	}

	t.Run("client summary", func(t *testing.T) {
		summary := runSummary(t, repo, "broken-client")
		if want := "client NOT COMPARED (did not compile at BASE)"; !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q: %s", want, summary)
		}
		if strings.Contains(summary, "; nothing breaking;") {
			t.Errorf(`summary says "nothing breaking" though it could not compare a package: %s`, summary)
		}
	})

	// Something else breaks: that is exit 1, and the report still says what
	// it could not compare.
	t.Run("client, and a path moved", func(t *testing.T) {
		spec := filepath.Join(repo, filepath.FromSlash(specPath))
		orig, err := os.ReadFile(spec)
		if err != nil {
			t.Fatal(err)
		}
		const path = "\n  /v1/convai/secrets/{secret_id}/dependencies/{resource_type}:\n"
		if !bytes.Contains(orig, []byte(path)) {
			t.Fatalf("%s lacks %q", specPath, path)
		}
		moved := bytes.Replace(orig, []byte(path), []byte("\n  /v1/convai/moved/{secret_id}/dependencies/{resource_type}:\n"), 1)
		if err := os.WriteFile(spec, moved, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := os.WriteFile(spec, orig, 0o644); err != nil {
				t.Error(err)
			}
		})

		report := runReport(t, repo, "broken-client", 1)
		if want := "\nBREAKING: callers of the old API or Go packages may fail; review before committing.\nNOT COMPARED: client did not compile at BASE broken-client; its Go API changes are unknown.\n"; !strings.HasSuffix(report, want) {
			t.Errorf("report does not end with %q", want)
		}
	})

	// Still broken in the working tree: that is worth exit 1, but it did
	// not "no longer" compile.
	t.Run("client still broken", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(repo, "client", "zz_broken.go"), []byte(brokenClient), 0o644); err != nil {
			t.Fatal(err)
		}
		report := runReport(t, repo, "broken-client", 1)
		if want := "package client: INCOMPATIBLE: client does not compile against the new gen, nor did it at BASE broken-client:\n"; !strings.Contains(report, want) {
			t.Errorf("report lacks %q", want)
		}
		if strings.Contains(report, "no longer compiles") {
			t.Error(`report says client "no longer compiles", but it did not compile at BASE either`)
		}
		noHiddenRunes(t, report)

		if want, summary := "client DOES NOT COMPILE (nor did it at BASE)", runSummary(t, repo, "broken-client"); !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q: %s", want, summary)
		}
	})
}

// A BASE that names no commit cannot be compared: exit 2, and one line
// naming it.
func TestBaseIsNotACommit(t *testing.T) {
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	commitAll(t, repo, "empty")
	var out, errOut bytes.Buffer
	code := run(&out, &errOut, repo, "no-such-ref", fullReport)
	if code != 2 || out.Len() != 0 {
		t.Errorf("exit status %d and output %q, want 2 and none", code, out.String())
	}
	oneLineNaming(t, errOut.String(), `BASE "no-such-ref"`)
}

// A BASE from before the first generation has no gen/openapi.yaml: there is
// nothing to compare with, which is exit 2, not a changelog listing every
// operation as added. make generate's summary skips it, as it skips a tree
// without history.
func TestBaseWithoutSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	git(t, repo, "rm", "-q", "--cached", specPath) // gone from HEAD, still in the working tree
	commitAll(t, repo, "before the first generation")

	var out, errOut bytes.Buffer
	code := run(&out, &errOut, repo, "HEAD", fullReport)
	if code != 2 || out.Len() != 0 {
		t.Errorf("exit status %d and output %q, want 2 and none", code, out.String())
	}
	oneLineNaming(t, errOut.String(), `BASE "HEAD"`, "has no gen/openapi.yaml")

	out.Reset()
	errOut.Reset()
	if code := run(&out, &errOut, repo, "HEAD", summaryLine); code != 0 || errOut.Len() != 0 {
		t.Errorf("summary exit status %d, stderr %q; want 0 and nothing", code, errOut.String())
	}
	oneLineNaming(t, out.String(), `BASE "HEAD"`, "has no gen/openapi.yaml", "summary skipped")
}

// Text from the spec reaches the report; a hidden rune in it is escaped as
// the compiler's errors are.
func TestReportEscapesSpecText(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks a scratch copy of the repository")
	}
	repo := scratchRepo(t)
	spec := filepath.Join(repo, filepath.FromSlash(specPath))
	b, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	// An OSC 52 sequence: a terminal would write it to the clipboard.
	evil := "paths:\n  \"/v1/evil\\e]52;c;QUFB\\a\":\n    get:\n      responses:\n        \"200\":\n          description: ok\n"
	if !bytes.Contains(b, []byte("\npaths:\n")) {
		t.Fatalf("%s has no paths:", specPath)
	}
	b = bytes.Replace(b, []byte("\npaths:\n"), []byte("\n"+evil), 1)
	if err := os.WriteFile(spec, b, 0o644); err != nil {
		t.Fatal(err)
	}

	report := runReport(t, repo, "HEAD", 0) // an added endpoint breaks nothing
	if want := `GET /v1/evil\x1b]52;c;QUFB\x07`; !strings.Contains(report, want) {
		t.Errorf("report lacks the added endpoint, escaped: %q", want)
	}
	noHiddenRunes(t, report)
}

// brokenBase commits file holding src on top of HEAD as branch, and leaves
// HEAD and the working tree as they were.
func brokenBase(t *testing.T, repo, branch, file, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(repo, filepath.FromSlash(file)), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, repo, "add", file)
	commitAll(t, repo, "broken "+file)
	git(t, repo, "branch", branch)
	git(t, repo, "reset", "-q", "--hard", "HEAD~1")
}

// noHiddenRunes fails if out holds a control character other than the
// newlines that end its lines.
func noHiddenRunes(t *testing.T, out string) {
	t.Helper()
	if i := strings.IndexFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' || r == 0x7f }); i >= 0 {
		t.Errorf("output holds the control character %q, unescaped, at byte %d", out[i], i)
	}
}

// oneLineNaming fails unless msg is one line holding every one of wants.
func oneLineNaming(t *testing.T, msg string, wants ...string) {
	t.Helper()
	if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
		t.Errorf("message is not one line: %q", msg)
	}
	for _, want := range wants {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
