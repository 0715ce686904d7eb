package main

import (
	"fmt"
	"io"
	"strings"
)

// report is everything that changed between the base and the working tree.
type report struct {
	base  string
	wire  []wireChange
	goAPI []goPackage
}

func (r *report) wireBreaking() int {
	n := 0
	for _, c := range r.wire {
		if c.breaking() {
			n++
		}
	}
	return n
}

func (r *report) goIncompatible() int {
	n := 0
	for _, p := range r.goAPI {
		n += p.incompatible()
	}
	return n
}

func (r *report) breaking() bool { return r.wireBreaking()+r.goIncompatible() > 0 }

// write prints the full report.
func (r *report) write(w io.Writer) {
	fmt.Fprintf(w, "spec-diff: working tree against %s\n\n", r.base)
	fmt.Fprintf(w, "Wire changes (%s, by oasdiff): %d, %d breaking\n", specPath, len(r.wire), r.wireBreaking())
	if len(r.wire) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, c := range r.wire {
		fmt.Fprintf(w, "  %-9s %s: %s [%s]\n", wireMark(c), c.Where, c.Text, c.ID)
	}
	fmt.Fprintf(w, "\nGo API changes (by apidiff): %d incompatible\n", r.goIncompatible())
	for _, p := range r.goAPI {
		writePackage(w, p)
	}
	fmt.Fprintln(w)
	if r.breaking() {
		fmt.Fprintln(w, "BREAKING: callers of the old API or Go packages may fail; review before committing.")
	} else {
		fmt.Fprintln(w, "Nothing breaking.")
	}
}

func wireMark(c wireChange) string {
	switch {
	case c.Level.String() == "error":
		return "BREAKING"
	case c.breaking():
		return "MAYBREAK"
	}
	return "info"
}

func writePackage(w io.Writer, p goPackage) {
	fmt.Fprintf(w, "  package %s:", p.Dir)
	switch {
	case p.Removed:
		fmt.Fprintln(w, " INCOMPATIBLE: removed")
		return
	case len(p.BrokenBy) > 0:
		against := " against the new gen"
		if p.Dir == "gen" {
			against = ""
		}
		fmt.Fprintf(w, " INCOMPATIBLE: %s no longer compiles%s:\n", p.Dir, against)
		for _, e := range p.BrokenBy {
			fmt.Fprintf(w, "    %s\n", e)
		}
		return
	case p.Added:
		fmt.Fprintln(w, " new package")
		return
	case p.BaseBroken:
		fmt.Fprintf(w, " did not compile at %s: not compared\n", "the base")
		return
	case len(p.Changes) == 0:
		fmt.Fprintln(w, " no changes")
		return
	}
	fmt.Fprintln(w)
	for _, c := range p.Changes {
		mark := "compatible"
		if !c.Compatible {
			mark = "INCOMPATIBLE"
		}
		fmt.Fprintf(w, "    %-12s %s\n", mark, c.Message)
	}
}

// writeSummary prints the one paragraph make generate ends with.
func (r *report) writeSummary(w io.Writer) {
	var goParts []string
	for _, p := range r.goAPI {
		switch {
		case len(p.BrokenBy) > 0:
			goParts = append(goParts, fmt.Sprintf("%s NO LONGER COMPILES against the new gen", p.Dir))
		case p.Removed:
			goParts = append(goParts, fmt.Sprintf("%s removed", p.Dir))
		default:
			goParts = append(goParts, fmt.Sprintf("%s %d (%d incompatible)", p.Dir, len(p.Changes), p.incompatible()))
		}
	}
	verdict := "nothing breaking"
	if r.breaking() {
		verdict = "BREAKING changes found"
	}
	fmt.Fprintf(w, "spec-diff against %s: wire changes %d (%d breaking); Go API changes: %s; %s; run make spec-diff for the details.\n",
		r.base, len(r.wire), r.wireBreaking(), strings.Join(goParts, ", "), verdict)
}
