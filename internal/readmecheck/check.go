package readmecheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// mdFile is a Markdown file by its path from the repository's root.
type mdFile struct {
	name string // slash-separated, from the root: "docs/cli.md"
	text string
}

// The files checked: the go blocks of what a user or contributor reads,
// and the links of every page of documentation.
var (
	goBlockRoots = []string{"README.md", "CONTRIBUTING.md"}
	linkRoots    = []string{"README.md", "CONTRIBUTING.md", "BENCHMARKS.md", "RELIABILITY.md",
		"terraform-provider-xisecrets/README.md", "terraform-provider-xisecrets/BENCHMARKS.md"}
)

// goBlockFiles lists the files whose go blocks must compile: README.md,
// CONTRIBUTING.md and docs/*.md.
func goBlockFiles(root string) ([]string, error) { return withDocs(root, goBlockRoots) }

// linkCheckedFiles lists the files whose relative links must resolve:
// README.md, CONTRIBUTING.md, BENCHMARKS.md, RELIABILITY.md, the
// provider's README.md and BENCHMARKS.md, and docs/*.md.
func linkCheckedFiles(root string) ([]string, error) { return withDocs(root, linkRoots) }

// withDocs is names, each of which must exist, and docs/*.md.
func withDocs(root string, names []string) ([]string, error) {
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(root, n)); err != nil {
			return nil, err
		}
	}
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(docs)
	out := append([]string(nil), names...)
	for _, d := range docs {
		out = append(out, "docs/"+filepath.Base(d))
	}
	return out, nil
}

// checkLinks returns one line per broken relative link in files (paths
// from root, slash-separated), in file and line order: "FILE:LINE:
// TARGET: what is wrong". A link must name a file or directory that
// exists; its #anchor, on a Markdown file or the file itself, a heading
// of it.
func checkLinks(root string, files []string) []string {
	var problems []string
	headings := map[string]map[string]bool{} // by file, read once
	anchorsOf := func(name string) (map[string]bool, error) {
		if a, ok := headings[name]; ok {
			return a, nil
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		headings[name] = anchors(string(b))
		return headings[name], nil
	}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		for _, l := range links(string(b)) {
			file, anchor, _ := strings.Cut(l.target, "#")
			target := name
			if file != "" {
				target = path.Clean(path.Join(path.Dir(name), file))
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil {
					problems = append(problems, fmt.Sprintf("%s:%d: %s: no such file or directory (%s from the root)", name, l.line, l.target, target))
					continue
				}
			}
			if anchor == "" || !strings.HasSuffix(target, ".md") {
				continue
			}
			a, err := anchorsOf(target)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %s: %v", name, l.line, l.target, err))
			} else if !a[anchor] {
				problems = append(problems, fmt.Sprintf("%s:%d: %s: no heading of %s makes the anchor #%s", name, l.line, l.target, target, anchor))
			}
		}
	}
	return problems
}

// buildGoBlocks builds every go block of files, each as a package of this
// module through a go build overlay, writing nothing into the tree. Each
// block must be a whole file (package clause, imports). A //line directive
// before each block makes the compiler name the Markdown file and line.
func buildGoBlocks(root string, files []mdFile) error {
	tmp, err := os.MkdirTemp("", "readmecheck")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var problems []string
	overlay := map[string]string{}
	var pkgs []string
	hasMain := false
	for _, f := range files {
		blocks, err := goBlocks(f.text)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", f.name, err))
			continue
		}
		for _, b := range blocks {
			if !strings.HasPrefix(strings.TrimSpace(b.code), "package ") {
				problems = append(problems, fmt.Sprintf("%s:%d: a go block must be a whole file, starting with its package clause", f.name, b.line))
				continue
			}
			dir := fmt.Sprintf("snippet%03d", len(pkgs)+1)
			src := filepath.Join(tmp, dir+".go")
			code := fmt.Sprintf("//line %s:%d\n%s", f.name, b.line, b.code)
			if err := os.WriteFile(src, []byte(code), 0o600); err != nil {
				return err
			}
			overlay[filepath.Join(root, "internal", "readmecheck", dir, "snippet.go")] = src
			pkgs = append(pkgs, "./internal/readmecheck/"+dir)
			hasMain = hasMain || strings.HasPrefix(strings.TrimSpace(b.code), "package main\n")
		}
	}
	if len(pkgs) > 0 {
		if out, err := buildOverlay(root, tmp, overlay, pkgs, hasMain); err != nil {
			problems = append(problems, fmt.Sprintf("the go blocks do not compile: %v\n%s", err, out))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// buildOverlay runs go build on pkgs with the overlay and returns its
// output. A main package's binary goes into tmp (go build writes one
// into the working directory when it builds a single main package, and
// refuses -o DIR when there is none).
func buildOverlay(root, tmp string, overlay map[string]string, pkgs []string, hasMain bool) ([]byte, error) {
	ov, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		return nil, err
	}
	ovFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovFile, ov, 0o600); err != nil {
		return nil, err
	}
	args := []string{"build", "-overlay", ovFile}
	if hasMain {
		bin := filepath.Join(tmp, "bin") + string(filepath.Separator)
		if err := os.Mkdir(bin, 0o700); err != nil {
			return nil, err
		}
		args = append(args, "-o", bin)
	}
	cmd := exec.Command(goTool(), append(args, pkgs...)...)
	cmd.Dir = root
	return cmd.CombinedOutput()
}
