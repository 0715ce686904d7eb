package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/xisecrets/xisecrets/internal/textsafe"
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

// status is the exit status the report calls for: 1 when anything breaks,
// else 2 when a package could not be compared, else 0.
func (r *report) status() int {
	switch {
	case r.breaking():
		return 1
	case len(r.notCompared()) > 0:
		return 2
	}
	return 0
}

// notCompared are the packages whose API changes are unknown: they did not
// compile at the base.
func (r *report) notCompared() []string {
	var dirs []string
	for _, p := range r.goAPI {
		if p.notCompared() {
			dirs = append(dirs, p.Dir)
		}
	}
	return dirs
}

// safe escapes text from outside the program (the spec, the compiler, the
// command line) for a terminal; it leaves backslashes as they are, so the
// compiler's own escapes read as it wrote them.
func safe(s string) string { return textsafe.EscapeHidden(s) }

// write prints the full report.
func (r *report) write(w io.Writer) {
	base := safe(r.base)
	fmt.Fprintf(w, "spec-diff: working tree against %s\n\n", base)
	fmt.Fprintf(w, "Wire changes (%s, by oasdiff): %d, %d breaking\n", specPath, len(r.wire), r.wireBreaking())
	if len(r.wire) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, c := range r.wire {
		fmt.Fprintf(w, "  %-9s %s: %s [%s]\n", wireMark(c), safe(c.Where), safe(c.Text), safe(c.ID))
	}
	fmt.Fprintf(w, "\nGo API changes (by apidiff): %d incompatible\n", r.goIncompatible())
	for _, p := range r.goAPI {
		writePackage(w, p, base)
	}
	fmt.Fprintln(w)
	if r.breaking() {
		fmt.Fprintln(w, "BREAKING: callers of the old API or Go packages may fail; review before committing.")
	}
	for _, dir := range r.notCompared() {
		fmt.Fprintf(w, "NOT COMPARED: %s did not compile at BASE %s; its Go API changes are unknown.\n", dir, base)
	}
	if !r.breaking() && len(r.notCompared()) == 0 {
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

// writePackage prints what changed in one package; base is the escaped ref.
func writePackage(w io.Writer, p goPackage, base string) {
	fmt.Fprintf(w, "  package %s:", p.Dir)
	switch {
	case p.Removed:
		fmt.Fprintln(w, " INCOMPATIBLE: removed")
		return
	case len(p.BrokenBy) > 0:
		if len(p.BaseBrokenBy) > 0 {
			fmt.Fprintf(w, " INCOMPATIBLE: %s does not compile%s, nor did it at BASE %s:\n", p.Dir, p.against(), base)
		} else {
			fmt.Fprintf(w, " INCOMPATIBLE: %s no longer compiles%s:\n", p.Dir, p.against())
		}
		writeErrors(w, p.BrokenBy)
		return
	case p.notCompared():
		fmt.Fprintf(w, " NOT COMPARED: %s did not compile at BASE %s:\n", p.Dir, base)
		writeErrors(w, p.BaseBrokenBy)
		return
	case p.Added:
		fmt.Fprintln(w, " new package")
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

func writeErrors(w io.Writer, errs []string) {
	for _, e := range errs {
		fmt.Fprintf(w, "    %s\n", safe(e))
	}
}

// writeSummary prints the one paragraph make generate ends with.
func (r *report) writeSummary(w io.Writer) {
	var goParts []string
	for _, p := range r.goAPI {
		switch {
		case len(p.BrokenBy) > 0 && len(p.BaseBrokenBy) > 0:
			goParts = append(goParts, fmt.Sprintf("%s DOES NOT COMPILE (nor did it at BASE)", p.Dir))
		case len(p.BrokenBy) > 0:
			goParts = append(goParts, fmt.Sprintf("%s NO LONGER COMPILES%s", p.Dir, p.against()))
		case p.Removed:
			goParts = append(goParts, fmt.Sprintf("%s removed", p.Dir))
		case p.notCompared():
			goParts = append(goParts, fmt.Sprintf("%s NOT COMPARED (did not compile at BASE)", p.Dir))
		default:
			goParts = append(goParts, fmt.Sprintf("%s %d (%d incompatible)", p.Dir, len(p.Changes), p.incompatible()))
		}
	}
	verdict := "nothing breaking"
	switch {
	case r.breaking():
		verdict = "BREAKING changes found"
	case len(r.notCompared()) > 0:
		verdict = "nothing breaking found, but not everything was compared"
	}
	fmt.Fprintf(w, "spec-diff against %s: wire changes %d (%d breaking); Go API changes: %s; %s; run make spec-diff for the details.\n",
		safe(r.base), len(r.wire), r.wireBreaking(), strings.Join(goParts, ", "), verdict)
}
