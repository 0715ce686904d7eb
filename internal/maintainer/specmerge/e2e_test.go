package specmerge

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

var goName = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

// The real pages, the whole pipeline: the drift check in test form.
func TestRealPages(t *testing.T) {
	res := mustMerge(t, realSources(t))
	if committed := readFile(t, committedSpec); !bytes.Equal(res.yaml, committed) {
		t.Errorf("merging api/ does not give the committed %s (run go generate ./...):\n%s",
			committedSpec, firstLineDiff(committed, res.yaml))
	}
	// Which operations api/ holds is internal/operations' to check, against
	// the committed spec; here, that each has one Go name of its own.
	seen := map[string]string{}
	forEachOperation(res.doc, func(path, method string, op object) {
		id, _ := op["operationId"].(string)
		if !goName.MatchString(id) {
			t.Errorf("%s %s: operationId %q is not a Go name", method, path, id)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("%s %s and %s share the operationId %q", method, path, other, id)
		}
		seen[id] = method + " " + path
	})
	code := generate(t, res)
	if committed := readFile(t, committedGo); !bytes.Equal([]byte(code), committed) {
		t.Errorf("generation does not give the committed %s:\n%s", committedGo, firstLineDiff(committed, []byte(code)))
	}
	t.Run("go build", func(t *testing.T) { buildGenerated(t, code) })
}

// buildGenerated compiles code as the module's gen package, through a build
// overlay so that nothing in the repository is written.
func buildGenerated(t *testing.T, code string) {
	if testing.Short() {
		t.Skip("builds the generated package with the go command")
	}
	gofile, err := filepath.Abs(committedGo)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	replacement := filepath.Join(dir, "secrets.gen.go")
	overlay := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(replacement, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := json.Marshal(map[string]any{"Replace": map[string]string{gofile: replacement}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(overlay, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"build", "-overlay", overlay, "./gen"},
		{"vet", "-overlay", overlay, "./gen"},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %v: %v\n%s", args, err, out)
		}
	}
}
