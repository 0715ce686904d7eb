package readmecheck

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client/secretstest"
)

// TestQuickStartIsSafeToRunTwice builds README's quick start (its first
// go block, a whole program) and runs it twice against the fake, as README
// says to: into an empty workspace, and into one that already has the
// name. Each run must succeed and leave one secret of the name at most,
// holding the value given.
func TestQuickStartIsSafeToRunTwice(t *testing.T) {
	bin := buildQuickStart(t)
	for _, preexisting := range []bool{false, true} {
		srv := secretstest.NewServer(t)
		id := ""
		if preexisting {
			var err error
			if id, err = srv.Seed("OPENAI_API_KEY", "sk-old"); err != nil {
				t.Fatal(err)
			}
		}
		for run := 1; run <= 2; run++ {
			cmd := exec.Command(bin)
			cmd.Env = append(os.Environ(), "ELEVENLABS_API_KEY="+srv.APIKey(), "XISECRETS_BASE_URL="+srv.URL(), "OPENAI_API_KEY=sk-test")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("name already stored %t, run %d: %v\n%s", preexisting, run, err, out)
			}
			switch {
			case preexisting && (srv.Len() != 1 || !srv.ValueIs(id, "sk-test")):
				t.Errorf("run %d: want the one stored secret updated to the new value, have %d secrets", run, srv.Len())
			case !preexisting && srv.Len() != 0:
				t.Errorf("run %d: the secret the program created is left behind (%d secrets)", run, srv.Len())
			}
		}
	}
}

// buildQuickStart builds README's first go block into a binary.
func buildQuickStart(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	blocks, err := goBlocks(readMarkdown(t, root, []string{"README.md"})[0].text)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) == 0 || !strings.HasPrefix(blocks[0].code, "package main\n") {
		t.Fatal("README.md's first go block is not the quick start's package main")
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(src, []byte(blocks[0].code), 0o600); err != nil {
		t.Fatal(err)
	}
	ov, err := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(root, "internal", "readmecheck", "quickstart", "main.go"): src}})
	if err != nil {
		t.Fatal(err)
	}
	ovFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovFile, ov, 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "quickstart")
	cmd := exec.Command(goTool(), "build", "-overlay", ovFile, "-o", bin, "./internal/readmecheck/quickstart")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building README's quick start: %v\n%s", err, out)
	}
	return bin
}
