// Command specdiff is the changelog of a regeneration: it compares the
// working tree of the repository with a base commit and reports
//
//   - wire changes: the OpenAPI changelog between the two gen/openapi.yaml,
//     by oasdiff, breaking ones marked;
//   - Go API changes of packages gen, client and client/secretstest, by
//     apidiff, incompatible ones marked, and plainly whether client still
//     compiles against the new gen.
//
// It exits 1 when anything is breaking or incompatible, 0 otherwise, and 2
// when it cannot compare: the base is not a commit or has no
// gen/openapi.yaml (a one-line error), or, with nothing breaking, a package
// did not compile at the base (the report says which, with the compiler's
// errors). With -json it writes the same report as one JSON object, for
// programs (the refresh tool), with the same exit status. With -summary it prints one paragraph of counts instead (what
// make generate ends with) and exits 0 whatever it found; a tree without
// git history (make verify's scratch copy) or a base without
// gen/openapi.yaml is skipped with a note. With -changelog it prints the
// same findings as Markdown lists, breaking first, for a draft of a
// CHANGELOG entry (make changelog), and exits 0 unless it cannot compare.
//
//	go -C internal/cmd/specdiff run . -repo "$PWD" -base HEAD
//
// It is a module of its own so that oasdiff, which needs a newer kin-openapi
// than the generator and the fake use, never changes what the main module
// builds or links.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	repo := flag.String("repo", ".", "root of the repository (the working tree to compare)")
	base := flag.String("base", "HEAD", "git ref to compare the working tree with")
	summary := flag.Bool("summary", false, "print one paragraph of counts and exit 0 (for make generate)")
	changelog := flag.Bool("changelog", false, "print Markdown lists for a CHANGELOG entry, breaking first, and exit 0 (for make changelog)")
	asJSON := flag.Bool("json", false, "write the report as JSON (for the refresh tool)")
	flag.Parse()
	out := fullReport
	switch {
	case *asJSON:
		out = jsonObject
	case *changelog:
		out = changelogDraft
	case *summary:
		out = summaryLine
	}
	os.Exit(run(os.Stdout, os.Stderr, *repo, *base, out))
}

// output is what run prints.
type output int

const (
	fullReport     output = iota // every change; exit 1 if any breaks
	summaryLine                  // one paragraph of counts, exit 0
	changelogDraft               // Markdown lists, breaking first, exit 0
	jsonObject                   // the report as one JSON object, for programs; the full report's status
)

// run compares and prints; it returns the exit status.
func run(stdout, stderr io.Writer, repo, base string, out output) int {
	commit, err := baseCommit(repo, base)
	if err != nil && out == summaryLine {
		// make generate in make verify's scratch copy, which has no
		// history, or before the first generation: nothing to summarise.
		fmt.Fprintln(stdout, safe(fmt.Sprintf("spec-diff: %v: summary skipped.", err)))
		return 0
	}
	var r *report
	if err == nil {
		r, err = compare(repo, base, commit)
	}
	if err != nil {
		fmt.Fprintln(stderr, safe(fmt.Sprintf("spec-diff: %v", err)))
		return 2
	}
	switch out {
	case summaryLine:
		r.writeSummary(stdout)
		return 0
	case changelogDraft:
		r.writeChangelog(stdout)
		return 0
	case jsonObject:
		if err := json.NewEncoder(stdout).Encode(r.toJSON()); err != nil {
			fmt.Fprintln(stderr, safe(fmt.Sprintf("spec-diff: %v", err)))
			return 2
		}
	default:
		r.write(stdout)
	}
	return r.status()
}

// compare builds the report of the working tree at repo against commit,
// which base names.
func compare(repo, base, commit string) (*report, error) {
	old, cleanup, err := checkout(repo, commit)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	r := &report{base: base}
	if r.wire, err = wireChanges(old, repo); err != nil {
		return nil, err
	}
	if r.goAPI, err = goChanges(old, repo, []string{"gen", "client", "client/secretstest"}); err != nil {
		return nil, err
	}
	return r, nil
}
