package main

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
	"golang.org/x/exp/apidiff"
)

// The JSON report carries every entry of the text report, sorted by what it
// breaks, and the verdict the exit status gives.
func TestJSONReport(t *testing.T) {
	r := &report{base: "HEAD",
		wire: []wireChange{
			{Level: checker.ERR, Where: "DELETE /v1/x", Text: "api removed", ID: "api-removed-without-deprecation"},
			{Level: checker.INFO, Where: "GET /v1/x", Text: "added property", ID: "response-property-added"},
		},
		goAPI: []goPackage{
			{Dir: "gen", Changes: []apidiff.Change{{Message: "X: removed"}, {Message: "Y: added", Compatible: true}}},
			{Dir: "client", BrokenBy: []string{"client/x.go:1:1: undefined: gen.X"}},
		},
	}
	b, err := json.Marshal(r.toJSON())
	if err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := jsonReport{Base: "HEAD", Breaking: true,
		Wire: []jsonWire{
			{Mark: "BREAKING", Where: "DELETE /v1/x", Text: "api removed", ID: "api-removed-without-deprecation"},
			{Mark: "info", Where: "GET /v1/x", Text: "added property", ID: "response-property-added"},
		},
		Go: []jsonPackage{
			{Dir: "gen", Incompatible: []string{"X: removed"}, Compatible: []string{"Y: added"}},
			{Dir: "client", BrokenBy: []string{"client/x.go:1:1: undefined: gen.X"}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("JSON report:\n%+v\nwant\n%+v", got, want)
	}
	if r.status() != 1 {
		t.Errorf("status %d, want 1", r.status())
	}
}
