package readmecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A link to a missing file, to a heading a file lacks, or to a missing
// heading of its own file fails, naming the file and line; the good links
// beside them pass.
func TestPlantedBrokenLinksFail(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("docs/b.md", "# B\n\n## Where it is: `here`, §2\n")
	write("a.md", strings.Join([]string{
		"# A", // 1
		"[good](docs/b.md) [good](docs/b.md#where-it-is-here-2) [self](#a)", // 2
		"[gone](docs/missing.md)",            // 3
		"[wrong heading](docs/b.md#nowhere)", // 4
		"[own heading](#not-here)",           // 5
		"```sh",                              // 6
		"[in code](nothing.md)",              // 7
		"```",                                // 8
		"`[inline](nothing.md)` [web](https://example.com/x.md) [dir](docs/)", // 9
		"[ref]: docs/gone-too.md", // 10
	}, "\n")+"\n")
	problems := checkLinks(root, []string{"a.md", "docs/b.md"})
	want := []string{
		"a.md:3: docs/missing.md:",
		"a.md:4: docs/b.md#nowhere:",
		"a.md:5: #not-here:",
		"a.md:10: docs/gone-too.md:",
	}
	if len(problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(problems), len(want), strings.Join(problems, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i], w) {
			t.Errorf("problem %d = %q, want it to start %q", i, problems[i], w)
		}
	}
}

func TestAnchors(t *testing.T) {
	md := "# Reliability\n## Beyond the client: the fake, `xisecrets fake` and spec-diff\n```\n# not a heading\n```\n## Issue 19 §3 budgets\n## Twice\n## Twice\n### `make test`, warm_ok\n"
	got := anchors(md)
	for _, a := range []string{"reliability", "beyond-the-client-the-fake-xisecrets-fake-and-spec-diff", "issue-19-3-budgets", "twice", "twice-1", "make-test-warm_ok"} {
		if !got[a] {
			t.Errorf("no anchor %q in %v", a, got)
		}
	}
	if got["not-a-heading"] {
		t.Error("a # line in a code block made an anchor")
	}
}

// Every relative link of the repository's documentation points at a file
// that exists, and at a heading that exists.
func TestDocLinksResolve(t *testing.T) {
	root := repoRoot(t)
	files, err := linkCheckedFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkLinks(root, files) {
		t.Error(p)
	}
}
