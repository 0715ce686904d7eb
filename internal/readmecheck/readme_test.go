package readmecheck

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// snippet is one ```go block of README.md.
type snippet struct {
	line int // of the block's first code line, from 1
	code string
}

// goBlocks returns the ```go blocks of a Markdown text.
func goBlocks(md string) ([]snippet, error) {
	var out []snippet
	var cur *snippet
	var b strings.Builder
	for i, line := range strings.Split(md, "\n") {
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = &snippet{line: i + 2}
			b.Reset()
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.code = b.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			b.WriteString(line + "\n")
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("the go block at line %d is not closed", cur.line-1)
	}
	return out, nil
}

// readmeBlocks returns the repository's root and its README's go blocks.
func readmeBlocks(t *testing.T) (string, []snippet) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := goBlocks(string(md))
	if err != nil {
		t.Fatal(err)
	}
	return root, blocks
}

func TestReadmeGoBlocksCompile(t *testing.T) {
	root, blocks := readmeBlocks(t)
	if len(blocks) < 4 {
		t.Fatalf("found %d go blocks in README.md; the quick start, errors, response and secretstest examples make at least 4", len(blocks))
	}
	// Each block becomes a package under this directory, in the overlay
	// only: README line N of a block is file line N-block.line+1.
	tmp := t.TempDir()
	overlay := map[string]string{}
	var pkgs []string
	where := map[string]int{}
	for i, b := range blocks {
		if !strings.HasPrefix(strings.TrimSpace(b.code), "package ") {
			t.Errorf("README.md:%d: a go block must be a whole file, starting with its package clause", b.line)
			continue
		}
		dir := fmt.Sprintf("snippet%02d", i+1)
		src := filepath.Join(tmp, dir+".go")
		if err := os.WriteFile(src, []byte(b.code), 0o600); err != nil {
			t.Fatal(err)
		}
		overlay[filepath.Join(root, "internal", "readmecheck", dir, "snippet.go")] = src
		pkgs = append(pkgs, "./internal/readmecheck/"+dir)
		where[dir] = b.line
	}
	ov, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		t.Fatal(err)
	}
	ovFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovFile, ov, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool(), append([]string{"build", "-overlay", ovFile}, pkgs...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("README.md's go blocks do not compile:\n%s\n(snippetNN is the NNth go block; its line 1 is README.md line %v)", out, where)
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

func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}
