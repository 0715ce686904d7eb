package main

import (
	"fmt"
	"io"
)

// writeChangelog prints the changes as Markdown lists for a person to sort
// into a CHANGELOG entry: what may break a caller first (wire and Go API
// together), then the compatible wire and Go API changes.
func (r *report) writeChangelog(w io.Writer) {
	var breaking, wire, goAPI []string
	for _, c := range r.wire {
		line := fmt.Sprintf("API %s: %s", safe(c.Where), safe(c.Text))
		switch {
		case wireMark(c) == "MAYBREAK":
			breaking = append(breaking, line+" (may break)")
		case c.breaking():
			breaking = append(breaking, line)
		default:
			wire = append(wire, line)
		}
	}
	for _, p := range r.goAPI {
		pkg := "`" + p.Dir + "`"
		switch {
		case p.Removed:
			breaking = append(breaking, "Go package "+pkg+" removed")
		case len(p.BrokenBy) > 0:
			breaking = append(breaking, fmt.Sprintf("Go package %s does not compile%s (make spec-diff shows the errors)", pkg, p.against()))
		case p.notCompared():
			breaking = append(breaking, fmt.Sprintf("Go package %s NOT COMPARED: it did not compile at %s; check its API by hand", pkg, safe(r.base)))
		case p.Added:
			goAPI = append(goAPI, "new Go package "+pkg)
		}
		for _, c := range p.Changes {
			line := fmt.Sprintf("Go %s: %s", pkg, safe(c.Message))
			if c.Compatible {
				goAPI = append(goAPI, line)
			} else {
				breaking = append(breaking, line)
			}
		}
	}
	writeList(w, "Breaking (by oasdiff and apidiff)", breaking)
	writeList(w, "Wire changes (gen/openapi.yaml, by oasdiff)", wire)
	writeList(w, "Go API additions (by apidiff)", goAPI)
}

func writeList(w io.Writer, heading string, lines []string) {
	fmt.Fprintf(w, "#### %s\n\n", heading)
	if len(lines) == 0 {
		fmt.Fprintln(w, "- none")
	}
	for _, l := range lines {
		fmt.Fprintf(w, "- %s\n", l)
	}
	fmt.Fprintln(w)
}
