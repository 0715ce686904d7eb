package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const (
	repoRoot = "../../../.."
	corpus   = repoRoot + "/internal/maintainer/specmerge/testdata/corpus/vendor-openapi-2026-05-26.json.gz"
)

// The refresh, end to end, in one scratch copy of the repository shared by
// every case (reset to its commit between them, so the build cache serves
// what did not change): documents on disk, derived from the vendor's
// document of 2026-05-26 (the corpus), which today's pages were cut from.
func TestRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates and type-checks a scratch copy of the repository for each case")
	}
	repo := t.TempDir()
	if err := copyTree(repoRoot, repo); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(repo, "refresh-report.md")) // ones left by a refresh of the tree under test
	os.Remove(filepath.Join(repo, "refresh-pr-body.md"))
	if err := commitAll(repo, "base"); err != nil {
		t.Fatal(err)
	}
	specdiff := filepath.Join(t.TempDir(), "specdiff")
	if out, err := command(repoRoot+"/internal/cmd/specdiff", "go", "build", "-o", specdiff, "."); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	vendor := readCorpus(t)
	refresh := func(t *testing.T, doc *yaml.Node, want int, args ...string) string {
		t.Helper()
		if out, err := command(repo, "sh", "-c", "git reset -q --hard && git clean -qfd"); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		// YAML, which keeps the vendor's key order: a page that changes
		// must be one the edit reached.
		src := filepath.Join(t.TempDir(), "openapi.yaml")
		b, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(src, b, 0o644); err != nil {
			t.Fatal(err)
		}
		o := options{vendor: src, repo: repo, specdiff: specdiff, replaceDocs: len(args) > 0}
		var stdout, stderr bytes.Buffer
		code := run(o, &stdout, &stderr)
		report, _ := os.ReadFile(filepath.Join(repo, "refresh-report.md"))
		t.Logf("exit %d; %s%s\n%s", code, stdout.String(), stderr.String(), report)
		if code != want {
			t.Fatalf("exit status %d, want %d", code, want)
		}
		return string(report)
	}
	contains := func(t *testing.T, report string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(report, w) {
				t.Errorf("report lacks %q", w)
			}
		}
	}
	changed := func(t *testing.T) string {
		t.Helper()
		out, err := command(repo, "git", "status", "--porcelain")
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return out
	}

	t.Run("unchanged document", func(t *testing.T) {
		// As compressed in the repository, straight from its path.
		o := options{vendor: corpus, repo: repo, specdiff: specdiff}
		var stdout, stderr bytes.Buffer
		if code := run(o, &stdout, &stderr); code != 0 {
			t.Fatalf("exit status %d, want 0: %s", code, stderr.String())
		}
		report, _ := os.ReadFile(filepath.Join(repo, "refresh-report.md"))
		contains(t, string(report), "Verdict: nothing changed", "gen/ was not regenerated", "client compiles and its tests pass",
			// The documentation pages against the document, every time:
			// the update page does not require its body, the vendor's
			// operation does.
			"## Documentation pages against the vendor's document",
			"### `api/convai-secrets-update.yaml`: `patch /v1/convai/secrets/{secret_id}`",
			"PATCH /v1/convai/secrets/{secret_id}: request body became required [request-body-became-required]",
			"### `api/convai-secrets-delete.yaml`: `delete /v1/convai/secrets/{secret_id}`")
		if body, err := os.ReadFile(filepath.Join(repo, "refresh-pr-body.md")); err != nil || string(body) != string(report) {
			t.Errorf("the pull request body (%v) is not the report, which fits:\n%s", err, body)
		}
		if c := changed(t); c != "" {
			t.Errorf("the tree changed:\n%s", c)
		}
	})

	t.Run("additions", func(t *testing.T) {
		doc := clone(t, vendor)
		params := at(t, doc, "paths", "/v1/convai/secrets", "get", "parameters")
		params.Content = append(params.Content, yamlNode(t, `{name: sort, in: query, required: false, schema: {type: string}}`))
		item := at(t, doc, "paths", "/v1/convai/secrets/{secret_id}")
		item.Content = append(item.Content, yamlNode(t, "put"), yamlNode(t, `{responses: {"204": {description: Replaced}}}`))
		report := refresh(t, doc, 0)
		contains(t, report, "Verdict: nothing breaking",
			"`api/convai-secrets-list.yaml` re-cut",
			"GET /v1/convai/secrets: added the new optional `query` request parameter `sort`",
			"gen: SecretsListParams.Sort: added",
			"`put /v1/convai/secrets/{secret_id}`: to cover it",
			"client compiles and its tests pass")
		if strings.Contains(report, "## Breaking changes\n\n###") {
			t.Error("a breaking change reported for additions")
		}
	})

	t.Run("removed operation", func(t *testing.T) {
		doc := clone(t, vendor)
		paths := at(t, doc, "paths")
		for i := 0; i < len(paths.Content); i += 2 {
			if paths.Content[i].Value == "/v1/convai/secrets/{secret_id}/dependencies/{resource_type}" {
				paths.Content = append(paths.Content[:i], paths.Content[i+2:]...)
				break
			}
		}
		report := refresh(t, doc, 1)
		contains(t, report, "Verdict: BREAKING",
			"`get /v1/convai/secrets/{secret_id}/dependencies/{resource_type}`: its page `api/convai-secrets-dependencies.yaml` left api/",
			"BREAKING  GET /v1/convai/secrets/{secret_id}/dependencies/{resource_type}: api path removed without deprecation",
			"gen: INCOMPATIBLE (*Client).SecretsGetDependencies: removed",
			"client: no longer compiles",
			"`go test ./client/...` FAILS")
		if _, err := os.Stat(filepath.Join(repo, "api", "convai-secrets-dependencies.yaml")); !os.IsNotExist(err) {
			t.Errorf("the removed operation's page is still in api/ (%v)", err)
		}
	})

	t.Run("changed response field", func(t *testing.T) {
		doc := clone(t, vendor)
		*at(t, doc, "components", "schemas", "GetWorkspaceSecretsResponseModel", "properties", "next_cursor") = *yamlNode(t, `{type: integer, title: Next Cursor}`)
		report := refresh(t, doc, 1)
		contains(t, report, "Verdict: BREAKING",
			"`api/convai-secrets-list.yaml` re-cut",
			"BREAKING  GET /v1/convai/secrets: the `next_cursor` response's property `type` changed from `string` to `integer`",
			"gen: INCOMPATIBLE GetWorkspaceSecretsResponseModel.NextCursor: changed from *string to *int")
	})

	t.Run("update operation changed", func(t *testing.T) {
		doc := clone(t, vendor)
		params := at(t, doc, "paths", "/v1/convai/secrets/{secret_id}", "patch", "parameters")
		params.Content = append(params.Content, yamlNode(t, `{name: force, in: query, required: true, schema: {type: boolean}}`))
		report := refresh(t, doc, 1)
		contains(t, report, "Verdict: BREAKING",
			"Documentation pages api/convai-secrets-update.yaml, not replaced: the vendor's change to their operations since the last refresh",
			"BREAKING  PATCH /v1/convai/secrets/{secret_id}: added the new required `query` request parameter `force`",
			"new cut is in `api/vendor-cut/`",
			"No page the merge reads changed")
		if c := changed(t); strings.TrimSpace(c) != "M api/vendor-cut/convai-secrets-update.yaml" {
			t.Errorf("the refresh changed, want only the update operation's cut:\n%s", c)
		}
	})

	t.Run("documentation pages replaced", func(t *testing.T) {
		refresh(t, vendor, 1, "-replace-docs") // the cut update operation requires its body
		gen, err := os.ReadFile(filepath.Join(repo, "gen", "secrets.gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, region := range []string{"ServerURLDefault", "ServerURLUS", "ServerURLEU", "ServerURLIndia", "ServerURLSingapore"} {
			if !bytes.Contains(gen, []byte(region+" ")) {
				t.Errorf("gen lost the region %s", region)
			}
		}
	})
}

// readCorpus parses the corpus document, keeping its key order.
func readCorpus(t *testing.T) *yaml.Node {
	t.Helper()
	b, err := readVendor(corpus)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// clone is a deep copy of doc, to edit.
func clone(t *testing.T, doc *yaml.Node) *yaml.Node {
	t.Helper()
	c := *doc
	c.Content = make([]*yaml.Node, len(doc.Content))
	for i, e := range doc.Content {
		c.Content[i] = clone(t, e)
	}
	return &c
}

// at is the node at keys under the document doc.
func at(t *testing.T, doc *yaml.Node, keys ...string) *yaml.Node {
	t.Helper()
	n := doc.Content[0]
next:
	for _, k := range keys {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				n = n.Content[i+1]
				continue next
			}
		}
		t.Fatalf("the corpus has no %q at %v", k, keys)
	}
	return n
}

func yamlNode(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return n.Content[0]
}
