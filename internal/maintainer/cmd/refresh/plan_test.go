package main

import (
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
	"testing"
)

// From the vendor's document of 2026-05-26 (the corpus, gzipped), which
// today's pages come from, a refresh changes nothing: every cut page is
// its re-cut byte for byte (the document's tags list stays out of pages),
// the documentation pages' operations are their committed cuts in
// api/vendor-cut, and no operation on our paths is left uncovered.
func TestCorpusPlansNothing(t *testing.T) {
	src, err := readVendor(corpus)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseVendor(corpus, src)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := readPages(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, docs := countPages(pages); docs != 2 {
		t.Fatalf("api/ has %d documentation pages, want 2 (update, delete): every other page is cut", docs)
	}
	p := makePlan(repoRoot, doc, pages, false)
	if len(p.write)+len(p.remove)+len(p.docs) > 0 || len(p.kept) != 2 {
		t.Errorf("plan writes %v, removes %v, compares %d documentation pages, keeps %v; want nothing but the two kept", keys(p.write), p.remove, len(p.docs), p.kept)
	}
	// The documentation pages are compared with the document all the same.
	if len(p.standing) != 2 || string(p.standing[0].Baseline) != string(p.standing[0].Old) || p.standing[0].New == nil {
		t.Errorf("plan compares %d documentation pages with the document, want both, each page against its operation's cut", len(p.standing))
	}
}

// The vendor's operations on a page's path, or below it, that no page
// covers are listed; those elsewhere are not.
func TestUncoveredListsOperationsBesideOurs(t *testing.T) {
	doc, err := parseVendor("doc", []byte(`{"openapi": "3.1.0", "paths": {
		"/v1/a": {"get": {}, "post": {}},
		"/v1/a/{id}": {"delete": {}},
		"/v1/ab": {"get": {}},
		"/v1/b": {"get": {}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := uncovered(doc, []page{{Op: pagecut.Operation{Method: "get", Path: "/v1/a"}}})
	want := []pagecut.Operation{{Method: "post", Path: "/v1/a"}, {Method: "delete", Path: "/v1/a/{id}"}}
	if !slices.Equal(got, want) {
		t.Errorf("uncovered = %v, want %v", got, want)
	}
}

// A vendor that removed a cut page's operation removes the page; one that
// removed a documentation page's operation keeps the page, unless asked to
// replace documentation pages, but reports it either way.
func TestPlanForRemovedOperations(t *testing.T) {
	pages, err := readPages(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseVendor("empty", []byte(`{"openapi": "3.1.0", "paths": {"/v1/other": {"get": {}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	cut, docs := countPages(pages)
	p := makePlan(repoRoot, doc, pages, false)
	kept := 0
	for _, r := range p.removed {
		if r.Kept {
			kept++
		}
	}
	if len(p.removed) != cut+docs || kept != docs || len(p.docs) != docs {
		t.Errorf("%d removals, %d of them kept, %d documentation pages compared; want %d (every page), %d and %d (the documentation pages)", len(p.removed), kept, len(p.docs), cut+docs, docs, docs)
	}
	if !p.changesPages() {
		t.Error("the plan says it changes no page the merge reads")
	}
	p = makePlan(repoRoot, doc, pages, true)
	if len(p.removed) != cut+docs || len(p.docs) != 0 || len(p.remove) != cut+2*docs {
		t.Errorf("with -replace-docs: %d removals, %d compared, files removed %v; want %d, 0, and every page with the cuts of api/vendor-cut", len(p.removed), len(p.docs), p.remove, cut+docs)
	}
}

// countPages counts the cut pages and the documentation pages.
func countPages(pages []page) (cut, docs int) {
	for _, p := range pages {
		if p.Cut {
			cut++
		} else {
			docs++
		}
	}
	return cut, docs
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A failing go test is reported by its failures, not its whole log.
func TestFailures(t *testing.T) {
	log := "=== RUN   TestA\n    a_test.go:9: noise\n--- FAIL: TestA (0.01s)\nFAIL\nFAIL\tgithub.com/x/client\t0.1s\nok  \tgithub.com/x/client/secretstest\t0.2s\n# github.com/x/client\nclient/x.go:1:2: undefined: gen.X\n"
	got := strings.Join(failures(log, 60), "\n")
	want := "--- FAIL: TestA (0.01s)\nFAIL\nFAIL\tgithub.com/x/client\t0.1s\nok  \tgithub.com/x/client/secretstest\t0.2s\n# github.com/x/client\nclient/x.go:1:2: undefined: gen.X"
	if got != want {
		t.Errorf("failures:\n%s\nwant\n%s", got, want)
	}
}
