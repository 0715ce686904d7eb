package main

import (
	"strings"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
	"golang.org/x/exp/apidiff"
)

// The draft lists what may break a caller first, wire and Go API together,
// and never calls a compatible change breaking.
func TestChangelogListsBreakingFirst(t *testing.T) {
	r := &report{base: "v0.1.0",
		wire: []wireChange{
			{Level: checker.INFO, Where: "GET /v1/convai/secrets", Text: "added the optional query parameter 'page_size'"},
			{Level: checker.ERR, Where: "DELETE /v1/convai/secrets/{secret_id}", Text: "api removed without deprecation"},
			{Level: checker.WARN, Where: "POST /v1/convai/secrets", Text: "response property 'name' became optional"},
		},
		goAPI: []goPackage{
			{Dir: "gen"},
			{Dir: "client", Changes: []apidiff.Change{
				{Message: "Version: changed from const to func", Compatible: false},
				{Message: "WithTimeout: added", Compatible: true},
			}},
			{Dir: "client/secretstest", Removed: true},
		},
	}
	var b strings.Builder
	r.writeChangelog(&b)
	got := b.String()
	want := `#### Breaking (by oasdiff and apidiff)

- API DELETE /v1/convai/secrets/{secret_id}: api removed without deprecation
- API POST /v1/convai/secrets: response property 'name' became optional (may break)
- Go ` + "`client`" + `: Version: changed from const to func
- Go package ` + "`client/secretstest`" + ` removed

#### Wire changes (gen/openapi.yaml, by oasdiff)

- API GET /v1/convai/secrets: added the optional query parameter 'page_size'

#### Go API additions (by apidiff)

- Go ` + "`client`" + `: WithTimeout: added

`
	if got != want {
		t.Errorf("changelog draft:\n%s\nwant:\n%s", got, want)
	}
}

func TestChangelogOfNoChanges(t *testing.T) {
	var b strings.Builder
	(&report{base: "v0.1.0", goAPI: []goPackage{{Dir: "client"}}}).writeChangelog(&b)
	if got := b.String(); strings.Count(got, "- none\n") != 3 {
		t.Errorf("a release without API changes should list none in each section:\n%s", got)
	}
}
