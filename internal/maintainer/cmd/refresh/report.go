package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
	"github.com/xisecrets/xisecrets/internal/shellquote"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// outcome is everything a refresh found, for its report and exit status.
type outcome struct {
	vendor, sha256 string
	plan           *plan
	uncovered      []pagecut.Operation
	repairs        []string      // repairs made now that were not before
	diff           *specReport   // the refreshed tree against HEAD; nil when no page changed
	docDiff        *specReport   // the vendor's change to documentation pages' operations; nil when none
	standing       *specReport   // the documentation pages against the vendor's document; nil when not compared
	client         *clientResult // nil when the refresh did not get that far
	err            error         // why the refresh could not finish
}

// clientResult is go test ./client/... in the refreshed tree.
type clientResult struct {
	ok  bool
	log string
}

func (o *outcome) breaking() bool {
	return len(o.plan.removed) > 0 ||
		o.diff != nil && o.diff.Breaking ||
		o.docDiff != nil && o.docDiff.Breaking ||
		o.client != nil && !o.client.ok
}

func (o *outcome) notCompared() bool {
	return o.diff != nil && len(o.diff.NotCompared) > 0 || o.docDiff != nil && len(o.docDiff.NotCompared) > 0
}

func (o *outcome) changed() bool {
	p := o.plan
	return len(p.recut)+len(p.remove)+len(p.docs)+len(o.uncovered) > 0
}

// status is the exit status: spec-diff's meanings.
func (o *outcome) status() int {
	switch {
	case o.err != nil:
		return 2
	case o.breaking():
		return 1
	case o.notCompared():
		return 2
	}
	return 0
}

func (o *outcome) verdict() string {
	switch {
	case o.err != nil:
		return "COULD NOT FINISH: see client, below"
	case o.breaking():
		return "BREAKING: review before merging"
	case o.notCompared():
		return "nothing breaking found, but not everything was compared"
	case !o.changed() && o.standingDiffers():
		return "nothing changed: every cut page is what the vendor's document gives, and the operations of the documentation pages are as at the last refresh; the documentation pages themselves differ from the document (see \"" + standingTitle + "\")"
	case !o.changed():
		return "nothing changed: every page is what the vendor's document gives, and the operations of the documentation pages are as at the last refresh"
	}
	return "nothing breaking"
}

// markdown renders the whole report. The body of the pull request is
// pullRequestBody, which cuts it to fit.
func (o *outcome) markdown() string {
	var b strings.Builder
	for _, p := range o.parts() {
		b.WriteString(p.render(p.lines))
	}
	return b.String()
}

// parts are the report's blocks in order: the verdict and client's result
// first, which a pull request body must never lose, then the changes.
func (o *outcome) parts() []part {
	p := o.plan
	parts := []part{{head: fmt.Sprintf("# Refresh from the vendor's OpenAPI document\n\nDocument: %s (SHA-256 %s), compared with `HEAD`.\n\n**Verdict: %s.**\n",
		code(o.vendor), code(o.sha256), o.verdict())}, o.clientPart()}
	var clientFails []string
	if o.client != nil && !o.client.ok {
		clientFails = []string{"See client, above."}
	}
	parts = append(parts, group("Breaking changes",
		section("Operations the vendor removed", o.removals(), false),
		section("Wire (gen/openapi.yaml, by oasdiff)", wireLines(o.diff, true), true),
		section("Go API (by apidiff)", goLines(o.diff, true), true),
		section(docTitle(p), append(wireLines(o.docDiff, true), goLines(o.docDiff, true)...), true),
		section("client's tests fail", clientFails, false))...)
	parts = append(parts, group("Additions and other compatible changes",
		section("Wire (gen/openapi.yaml, by oasdiff)", wireLines(o.diff, false), true),
		section("Go API (by apidiff)", goLines(o.diff, false), true),
		section(docTitle(p), append(wireLines(o.docDiff, false), goLines(o.docDiff, false)...), true),
		section("Operations the vendor has beside api/'s, that no page documents", o.uncoveredLines(), false))...)
	parts = append(parts, group("Repairs the merge makes now and did not before", section("", o.repairs, true))...)
	parts = append(parts, o.standingParts()...)
	return append(parts, part{head: "\n## Pages\n\n", lines: o.pageLines()})
}

// clientPart is client's result: go test ./client/... in the refreshed
// tree, or why it did not run.
func (o *outcome) clientPart() part {
	const head = "\n## client\n\n"
	switch {
	case o.err != nil:
		return part{head: head + "The refresh could not finish, so client was not tested:\n\n", lines: strings.Split(o.err.Error(), "\n"), fence: true}
	case o.client.ok:
		return part{head: head + "`go test ./client/...` passes in the refreshed tree: client compiles and its tests pass.\n"}
	}
	return part{head: head + "`go test ./client/...` FAILS in the refreshed tree (its failures; run it there for the whole output):\n\n", lines: failures(o.client.log, 60), fence: true}
}

// section is a titled list (a code block when fence), or nothing when
// lines is empty.
func section(title string, lines []string, fence bool) []part {
	if len(lines) == 0 {
		return nil
	}
	head := "\n"
	if title != "" {
		head = fmt.Sprintf("\n### %s\n\n", title)
	}
	return []part{{head: head, lines: lines, fence: fence}}
}

// group is a heading over its sections, or over "None." when all are
// empty.
func group(title string, sections ...[]part) []part {
	parts := []part{{head: fmt.Sprintf("\n## %s\n", title)}}
	for _, s := range sections {
		parts = append(parts, s...)
	}
	if len(parts) == 1 {
		parts[0].head += "\nNone.\n"
	}
	return parts
}

// docTitle heads the changes of the documentation pages' operations:
// the vendor's change since the last refresh's cuts, or, for a page with
// no earlier cut, what replacing it with the vendor's cut would change.
func docTitle(p *plan) string {
	var files []string
	since := true
	for _, d := range p.docs {
		files = append(files, d.File)
		since = since && d.HasBaseline
	}
	what := "what replacing them with the vendor's cuts would change"
	if since {
		what = "the vendor's change to their operations since the last refresh"
	}
	return fmt.Sprintf("Documentation pages %s, not replaced: %s", strings.Join(files, ", "), what)
}

func (o *outcome) removals() []string {
	var out []string
	for _, r := range o.plan.removed {
		if r.Kept {
			out = append(out, fmt.Sprintf("%s: the documentation page %s is kept; remove it once the vendor's documentation drops it too (or refresh with -replace-docs)", code(r.String()), code(r.File)))
		} else {
			out = append(out, fmt.Sprintf("%s: its page %s left api/", code(r.String()), code(r.File)))
		}
	}
	return out
}

func (o *outcome) uncoveredLines() []string {
	var out []string
	for _, op := range o.uncovered {
		// The path is the vendor's text: quoted for the shell it is pasted
		// into, and shown in a code span it cannot close.
		cmd, err := shellquote.Command("go", "-C", "internal/maintainer", "run", "./cmd/pagecut", "-C", "../..", "-in", "DOCUMENT", "-path", op.Path, "-method", op.Method, "-out", "api/NAME.yaml")
		if err != nil {
			out = append(out, fmt.Sprintf("%s: no command can be shown to cut its page, since no line of shell can pass its path (%v); cut it with internal/maintainer/cmd/pagecut by hand", code(op.Method+" "+op.Path), err))
			continue
		}
		out = append(out, fmt.Sprintf("%s: to cover it, cut its page with %s", code(op.Method+" "+op.Path), code(cmd)))
	}
	return out
}

func (o *outcome) pageLines() []string {
	p := o.plan
	var out []string
	for _, f := range p.recut {
		out = append(out, fmt.Sprintf("%s re-cut", code(f)))
	}
	for _, d := range p.docs {
		switch {
		case d.New == nil:
		case d.HasBaseline:
			out = append(out, fmt.Sprintf("%s kept (a documentation page); the vendor changed its operation since the last refresh: the new cut is in %s", code(d.File), code("api/"+vendorCutDir+"/")))
		default:
			out = append(out, fmt.Sprintf("%s kept (a documentation page); no earlier cut of its operation, so it was compared with the page itself; the cut is now in %s, the baseline for the next refresh", code(d.File), code("api/"+vendorCutDir+"/")))
		}
	}
	for _, f := range p.kept {
		out = append(out, fmt.Sprintf("%s kept (a documentation page); its operation is as at the last refresh", code(f)))
	}
	switch {
	case o.diff == nil && o.err == nil:
		out = append(out, "No page the merge reads changed: gen/ was not regenerated.")
	case o.diff != nil:
		out = append(out, "gen/ regenerated (go generate ./...).")
	}
	return out
}

// wireLines are the wire changes of r that break (breaking) or do not.
func wireLines(r *specReport, breaking bool) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, c := range r.Wire {
		if c.breaking() == breaking {
			out = append(out, c.String())
		}
	}
	return out
}

func (c wireChange) breaking() bool { return c.Mark != "info" }

// String is the change as the report lists it.
func (c wireChange) String() string {
	return fmt.Sprintf("%-9s %s: %s [%s]", c.Mark, c.Where, c.Text, c.ID)
}

// goLines are the Go API changes of r that are incompatible (breaking) or
// compatible.
func goLines(r *specReport, breaking bool) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, p := range r.Go {
		if !breaking {
			for _, c := range p.Compatible {
				out = append(out, fmt.Sprintf("%s: %s", p.Dir, c))
			}
			if p.Added {
				out = append(out, p.Dir+": new package")
			}
			continue
		}
		switch {
		case p.Removed:
			out = append(out, p.Dir+": removed")
		case len(p.BrokenBy) > 0:
			out = append(out, p.Dir+": no longer compiles:")
			for _, e := range p.BrokenBy {
				for _, l := range strings.Split(e, "\n") {
					out = append(out, "    "+l)
				}
			}
		case len(p.BaseBrokenBy) > 0:
			out = append(out, p.Dir+": NOT COMPARED: it did not compile at HEAD")
		}
		for _, c := range p.Incompatible {
			out = append(out, fmt.Sprintf("%s: INCOMPATIBLE %s", p.Dir, c))
		}
	}
	return out
}

// fenced is lines in a Markdown code block whose fence no line can close,
// control characters escaped: the text is the vendor's and the compiler's.
func fenced(lines []string) string {
	fence := "```"
	for _, l := range lines {
		for strings.Contains(l, fence) {
			fence += "`"
		}
	}
	var b strings.Builder
	b.WriteString(fence + "text\n")
	for _, l := range lines {
		b.WriteString(safe(strings.ReplaceAll(l, "\t", "    ")) + "\n")
	}
	b.WriteString(fence + "\n")
	return b.String()
}

// code is s as an inline code span that s cannot close.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + safe(s) + pad + fence
}

// failureLine is a line of go test's output worth a report: a failed
// test or package, a panic, a compiler error.
var failureLine = regexp.MustCompile(`^\s*--- FAIL|^FAIL|^ok |^panic:|^# |^\S+\.go:\d+:\d+: `)

// failures are at most n of log's failure lines.
func failures(log string, n int) []string {
	var lines []string
	for _, l := range strings.Split(log, "\n") {
		if failureLine.MatchString(l) {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... and %d more", len(lines)-n))
	}
	return lines
}

// safe escapes control characters of text from outside the program.
func safe(s string) string { return textsafe.EscapeHidden(s) }
