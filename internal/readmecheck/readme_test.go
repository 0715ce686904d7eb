package readmecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository's root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// readMarkdown reads the named files under root.
func readMarkdown(t *testing.T, root string, names []string) []mdFile {
	t.Helper()
	var out []mdFile
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, mdFile{name: name, text: string(b)})
	}
	return out
}

// Every go block of README.md, CONTRIBUTING.md and docs/*.md compiles.
func TestDocsGoBlocksCompile(t *testing.T) {
	root := repoRoot(t)
	names, err := goBlockFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	files := readMarkdown(t, root, names)
	n := 0
	for _, f := range files {
		blocks, err := goBlocks(f.text)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		n += len(blocks)
	}
	if n < 4 {
		t.Fatalf("found %d go blocks in %v; the quick start, errors, response and secretstest examples make at least 4", n, names)
	}
	if err := buildGoBlocks(root, files); err != nil {
		t.Error(err)
	}
}

// A block that does not compile, or is not a whole file, fails naming
// the Markdown file and the line of the fault in it.
func TestPlantedBrokenBlockNamesFileAndLine(t *testing.T) {
	root := repoRoot(t)
	planted := []mdFile{
		{name: "docs/good.md", text: "# Good\n\n```go\npackage good\n\nfunc F() int { return 1 }\n```\n"},
		{name: "docs/planted.md", text: strings.Join([]string{
			"# Planted",       // 1
			"",                // 2
			"```go",           // 3
			"package planted", // 4
			"",                // 5
			"func F() {",      // 6
			"\tnoSuchName()",  // 7
			"}",               // 8
			"```",             // 9
			"",                // 10
			"```go",           // 11
			"func G() {}",     // 12
			"```",             // 13
		}, "\n") + "\n"},
	}
	err := buildGoBlocks(root, planted)
	if err == nil {
		t.Fatal("a go block that does not compile was accepted")
	}
	for _, want := range []string{"docs/planted.md:7", "noSuchName", "docs/planted.md:12: a go block must be a whole file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "good.md") {
		t.Errorf("the error blames the good file:\n%v", err)
	}
}

func TestGoBlocks(t *testing.T) {
	md := "text\n```go\npackage a\n```\n```sh\nls\n```\n```go\npackage b\n\nfunc f() {}\n```\n"
	got, err := goBlocks(md)
	if err != nil || len(got) != 2 || got[0].line != 3 || got[1].code != "package b\n\nfunc f() {}\n" {
		t.Errorf("goBlocks = %+v, %v", got, err)
	}
	if _, err := goBlocks("```go\npackage a\n"); err == nil {
		t.Error("an unclosed block was accepted")
	}
}
