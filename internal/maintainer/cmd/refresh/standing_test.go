package main

import (
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// Each documentation page gets its operation's wire changes, breaking
// first, or "No wire difference"; a change of no page's operation and the
// Go API changes are listed apart; none of it changes the verdict.
func TestStandingPartsPerPageBreakingFirst(t *testing.T) {
	update := docChange{page: page{File: "api/u.yaml", Op: pagecut.Operation{Method: "patch", Path: "/v1/s/{id}"}}}
	del := docChange{page: page{File: "api/d.yaml", Op: pagecut.Operation{Method: "delete", Path: "/v1/s/{id}"}}}
	o := &outcome{plan: &plan{standing: []docChange{update, del}}, client: &clientResult{ok: true}, standing: &specReport{
		Wire: []wireChange{
			{"info", "PATCH /v1/s/{id}", "api tag added", "api-tag-added"},
			{"BREAKING", "PATCH /v1/s/{id}", "request body became required", "request-body-became-required"},
			{"info", "GET /v1/other", "elsewhere", "x"},
		},
		Go: []goPackage{{Dir: "gen", Compatible: []string{"T.F: added"}}},
	}}
	report := o.markdown()
	for _, want := range []string{
		"## " + standingTitle,
		"### `api/u.yaml`: `patch /v1/s/{id}`\n\n```text\nBREAKING  PATCH /v1/s/{id}: request body became required [request-body-became-required]\ninfo      PATCH /v1/s/{id}: api tag added",
		"### `api/d.yaml`: `delete /v1/s/{id}`\n\nNo wire difference.",
		"### Wire changes of no one page's operation\n\n```text\ninfo      GET /v1/other: elsewhere [x]",
		"gen: T.F: added",
		"Verdict: nothing changed",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if o.status() != 0 {
		t.Errorf("status %d: standing differences must not change the exit status", o.status())
	}
}
