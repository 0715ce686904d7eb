// Command refresh brings api/ and gen/ up to date with the vendor's
// published OpenAPI document in one step, and writes at the repository
// root refresh-report.md, the whole report, and refresh-pr-body.md, the
// body of the pull request that proposes it: the report itself, or when
// that passes what a pull request body holds, its first part and where
// the whole report is (see pullRequestBody).
//
// It reads the document (a path or an http(s) URL; JSON or YAML, either
// gzipped), re-cuts every page of api/ that was cut from it, regenerates
// gen/ (go generate), and runs spec-diff against HEAD. The report gives
// the verdict and whether client still compiles and its tests pass first,
// then the breaking changes (operations the vendor removed, whose cut
// pages leave api/; wire changes by oasdiff; Go API changes by apidiff),
// then additions (with the vendor's operations beside the covered ones
// that no page documents), then the repairs the merge made that it did
// not make before. Every command it suggests is quoted for a POSIX shell
// by internal/shellquote: the vendor's text in it cannot run.
//
// The documentation pages (update and delete) are the vendor's YAML
// blocks, not cuts: they are replaced only with -replace-docs. Otherwise
// their operations are cut beside them, into api/vendor-cut/, and when a
// cut differs from the last refresh's, a scratch copy of the tree measures
// what spec-diff would report of the change, so that a vendor change to
// update or delete is never missed. Every refresh also compares each
// documentation page with its operation in the vendor's document, the same
// way, and lists what spec-diff finds (breaking first) under "Documentation
// pages against the vendor's document": the standing differences a
// maintainer weighs before replacing a page; they do not change the verdict
// or the exit status. The regions live in api/overlay.yaml, so replacing a
// documentation page loses none.
//
// Exit status, as spec-diff's: 0 nothing breaking, 1 something breaks
// (or client's tests fail), 2 the refresh could not run or finish (the
// report, when written, says why). scripts/refresh builds this command and
// spec-diff and runs it:
//
//	scripts/refresh https://api.elevenlabs.io/openapi.json
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	var o options
	flag.StringVar(&o.vendor, "vendor", "", "the vendor's OpenAPI document: a path or an http(s) URL; .json or .yaml, either gzipped")
	flag.StringVar(&o.repo, "repo", ".", "root of the repository to refresh")
	flag.StringVar(&o.specdiff, "specdiff", "", "the spec-diff binary (built from internal/cmd/specdiff)")
	flag.BoolVar(&o.replaceDocs, "replace-docs", false, "replace the documentation pages (update, delete) with cuts from the vendor's document")
	flag.StringVar(&o.report, "report", "", "where to write the whole report (default <repo>/refresh-report.md)")
	flag.StringVar(&o.body, "body", "", "where to write the pull request's body (default <repo>/refresh-pr-body.md)")
	flag.StringVar(&o.reportURL, "report-url", "", "where the pull request's readers find the whole report (the workflow run that uploads it), named in a body cut to fit")
	flag.Parse()
	os.Exit(run(o, os.Stdout, os.Stderr))
}

type options struct {
	vendor, repo, specdiff, report, body, reportURL string
	replaceDocs                                     bool
}

// run refreshes and reports; it returns the exit status.
func run(o options, stdout, stderr io.Writer) int {
	if o.vendor == "" || o.specdiff == "" {
		fmt.Fprintln(stderr, "refresh: -vendor and -specdiff are required (scripts/refresh VENDOR builds spec-diff and passes both)")
		return 2
	}
	if o.report == "" {
		o.report = filepath.Join(o.repo, "refresh-report.md")
	}
	if o.body == "" {
		o.body = filepath.Join(o.repo, "refresh-pr-body.md")
	}
	out, err := refresh(o)
	if err != nil && out == nil {
		fmt.Fprintln(stderr, "refresh:", safe(err.Error()))
		return 2
	}
	for file, text := range map[string]string{o.report: out.markdown(), o.body: out.pullRequestBody(filepath.Base(o.report), o.reportURL)} {
		if werr := os.WriteFile(file, []byte(text), 0o644); werr != nil {
			fmt.Fprintln(stderr, "refresh:", werr)
			return 2
		}
	}
	fmt.Fprintf(stdout, "refresh: %s; report in %s, pull request body in %s\n", out.verdict(), o.report, o.body)
	if err != nil {
		fmt.Fprintln(stderr, "refresh:", safe(err.Error()))
	}
	return out.status()
}

// refresh does the work. Before it changes the tree it returns only an
// error; after, an outcome that records how far it got and, when it could
// not finish, the error too.
func refresh(o options) (*outcome, error) {
	src, err := readVendor(o.vendor)
	if err != nil {
		return nil, err
	}
	doc, err := parseVendor(o.vendor, src)
	if err != nil {
		return nil, err
	}
	if err := checkClean(o.repo); err != nil {
		return nil, err
	}
	pages, err := readPages(o.repo)
	if err != nil {
		return nil, err
	}
	before, err := repairs(o.repo)
	if err != nil {
		return nil, fmt.Errorf("api/ does not merge before the refresh: %w", err)
	}
	p := makePlan(o.repo, doc, pages, o.replaceDocs)
	out := &outcome{vendor: o.vendor, sha256: fmt.Sprintf("%x", sha256.Sum256(src)), plan: p, uncovered: uncovered(doc, pages)}
	if err := p.apply(o.repo); err != nil {
		return out, out.fail(err)
	}
	if p.changesPages() {
		if log, err := command(o.repo, "go", "generate", "./..."); err != nil {
			return out, out.fail(fmt.Errorf("regenerating: %w\n%s", err, log))
		}
		after, err := repairs(o.repo)
		if err != nil {
			return out, out.fail(err)
		}
		out.repairs = newRepairs(before, after)
		if out.diff, err = specDiff(o.specdiff, o.repo); err != nil {
			return out, out.fail(err)
		}
	}
	if len(p.docs) > 0 {
		if out.docDiff, err = compareDocs(o.repo, o.specdiff, p.docs); err != nil {
			return out, out.fail(fmt.Errorf("comparing the documentation pages' operations: %w", err))
		}
	}
	if len(p.standing) > 0 {
		if out.standing, err = compareDocs(o.repo, o.specdiff, p.standing); err != nil {
			return out, out.fail(fmt.Errorf("comparing the documentation pages with the vendor's document: %w", err))
		}
	}
	log, err := command(o.repo, "go", "test", "./client/...")
	out.client = &clientResult{ok: err == nil, log: log}
	return out, nil
}

// fail records that the refresh could not finish, and returns err.
func (o *outcome) fail(err error) error {
	o.err = err
	return err
}
