package main

import (
	"strings"
	"testing"
)

// A gen that no longer compiles is said to, without "against the new gen":
// gen is the new gen.
func TestSummaryOfABrokenGen(t *testing.T) {
	r := &report{base: "HEAD", goAPI: []goPackage{
		{Dir: "gen", BrokenBy: []string{"gen/x.go:1:1: syntax error"}},
		{Dir: "client", BrokenBy: []string{"client/x.go:1:1: undefined: gen.X"}},
	}}
	var b strings.Builder
	r.writeSummary(&b)
	got := b.String()
	for _, want := range []string{"gen NO LONGER COMPILES,", "client NO LONGER COMPILES against the new gen"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "gen NO LONGER COMPILES against") {
		t.Errorf("gen said to fail against itself:\n%s", got)
	}
}
