package main

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// A report from a vendor with thousands of operations beside ours, a long
// wire diff and failing client tests: the pull request body stays under
// the limit, as GitHub and create-pull-request count (UTF-16 code units;
// the paths carry astral runes, two units each), leads with the verdict
// and the client result, closes every code block it opens, and names the
// whole report, which holds every line.
func TestBodyBoundedWithVerdictAndClientFirst(t *testing.T) {
	o := &outcome{vendor: "openapi.json", sha256: "0", plan: &plan{}, diff: &specReport{Breaking: true}}
	for i := range 600 {
		o.uncovered = append(o.uncovered, pagecut.Operation{Path: fmt.Sprintf("/v1/convai/vendor/🔑%04d/{id}/sub-resource/é", i), Method: "post"})
	}
	for i := range 400 {
		o.diff.Wire = append(o.diff.Wire, struct {
			Mark  string `json:"mark"`
			Where string `json:"where"`
			Text  string `json:"text"`
			ID    string `json:"id"`
		}{"BREAKING", fmt.Sprintf("GET /v1/x/%d", i), "the `response` property ``` changed 🔑", "response-property-type-changed"})
	}
	o.client = &clientResult{log: "--- FAIL: TestClientLast (0.01s)\nFAIL\tgithub.com/xisecrets/xisecrets/client\t0.1s\n"}

	whole := o.markdown()
	if n := jsLength(t, whole); n <= maxPullRequestBody {
		t.Fatalf("the whole report is %d UTF-16 units: too small to test the bound", n)
	}
	body := o.pullRequestBody("refresh-report.md", "https://github.example/o/r/actions/runs/7")
	if n := jsLength(t, body); n > maxPullRequestBody || maxPullRequestBody > 65536-4096 {
		t.Errorf("body is %d UTF-16 units; the bound is %d, at least 4096 under create-pull-request's 65,536", n, maxPullRequestBody)
	}
	verdict := strings.Index(body, "**Verdict: BREAKING")
	client := strings.Index(body, "`go test ./client/...` FAILS")
	failure := strings.Index(body, "--- FAIL: TestClientLast")
	if verdict < 0 || client < 0 || failure < 0 || !(verdict < client && client < failure) {
		t.Errorf("body lacks the verdict, then the client result with its failure (at %d, %d, %d)", verdict, client, failure)
	}
	if first := strings.Index(body, "## Breaking changes"); first < failure {
		t.Errorf("the client result comes after the breaking changes")
	}
	for _, want := range []string{"refresh-report.md", "https://github.example/o/r/actions/runs/7", "more lines"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q: it must say it is cut and name the whole report", want)
		}
	}
	if open := unclosedFence(body); open != "" {
		t.Errorf("body leaves a code block open at %q: what follows would render as code", open)
	}
	for _, op := range o.uncovered {
		if !strings.Contains(whole, op.Path) {
			t.Fatalf("the whole report lacks %s", op.Path)
		}
	}
	for _, w := range o.diff.Wire {
		if !strings.Contains(whole, w.Where+":") {
			t.Fatalf("the whole report lacks %s", w.Where)
		}
	}
	if !strings.Contains(whole, "--- FAIL: TestClientLast") {
		t.Error("the whole report lacks the client failure")
	}
}

// A report that fits is the body as it is, and says nothing of cutting.
func TestSmallBodyIsTheWholeReport(t *testing.T) {
	o := &outcome{vendor: "openapi.json", sha256: "0", plan: &plan{}, client: &clientResult{ok: true}}
	if body, whole := o.pullRequestBody("refresh-report.md", "https://x"), o.markdown(); body != whole {
		t.Errorf("body differs from the whole report:\n%s\nwant\n%s", body, whole)
	}
}

// jsLength counts s as JavaScript's String.length does, which is how
// create-pull-request measures a body read from a file.
func jsLength(t *testing.T, s string) int {
	t.Helper()
	return len(utf16.Encode([]rune(s)))
}

// unclosedFence is the opening line of a fenced code block that s leaves
// open, or "": a fence closes on a line of at least as many of its
// backticks and nothing else.
func unclosedFence(s string) string {
	open := ""
	for _, line := range strings.Split(s, "\n") {
		n := backticks(line)
		switch {
		case open == "" && n >= 3:
			open = line
		case open != "" && n >= backticks(open) && strings.TrimRight(line, " ") == strings.Repeat("`", n):
			open = ""
		}
	}
	return open
}
