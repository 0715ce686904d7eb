package main

import (
	"fmt"
	"strings"
)

// standingTitle heads the documentation pages against the vendor's
// document: the standing differences, reported on every refresh.
const standingTitle = "Documentation pages against the vendor's document"

// standingDiffers reports whether spec-diff found any difference between
// the documentation pages and the vendor's operations.
func (o *outcome) standingDiffers() bool {
	r := o.standing
	return r != nil && (len(r.Wire) > 0 || len(goLines(r, true))+len(goLines(r, false)) > 0)
}

// standingParts are, for each documentation page left in api/, what
// spec-diff finds between it and the vendor's cut of its operation (wire
// changes, breaking first), then the Go API changes of replacing them all:
// what a maintainer weighs before replacing a page (-replace-docs). They
// are listed on every refresh, changed or not, and are no part of the
// verdict: they stand until a maintainer replaces the page.
func (o *outcome) standingParts() []part {
	docs := o.plan.standing
	if len(docs) == 0 {
		return nil
	}
	head := fmt.Sprintf("\n## %s\n\nWhat spec-diff finds between each documentation page, as api/ has it, and the vendor's cut of its operation: what replacing the page (refresh with `-replace-docs`) would change. Listed on every refresh; not part of the verdict.\n", standingTitle)
	if o.standing == nil {
		return []part{{head: head + "\nNot compared: the refresh did not get that far.\n"}}
	}
	parts := []part{{head: head}}
	claimed := make([]bool, len(o.standing.Wire))
	for _, d := range docs {
		var lines []string
		for _, breaking := range []bool{true, false} {
			for i, c := range o.standing.Wire {
				if c.breaking() == breaking && strings.EqualFold(c.Where, d.String()) {
					lines = append(lines, c.String())
					claimed[i] = true
				}
			}
		}
		title := fmt.Sprintf("%s: %s", code(d.File), code(d.String()))
		if len(lines) == 0 {
			parts = append(parts, part{head: fmt.Sprintf("\n### %s\n\nNo wire difference.\n", title)})
			continue
		}
		parts = append(parts, section(title, lines, true)...)
	}
	var other []string
	for _, breaking := range []bool{true, false} {
		for i, c := range o.standing.Wire {
			if !claimed[i] && c.breaking() == breaking {
				other = append(other, c.String())
			}
		}
	}
	parts = append(parts, section("Wire changes of no one page's operation", other, true)...)
	parts = append(parts, section("Go API of replacing them (by apidiff)", append(goLines(o.standing, true), goLines(o.standing, false)...), true)...)
	return append(parts, section("Not compared", o.standing.NotCompared, false)...)
}
