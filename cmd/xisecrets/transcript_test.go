package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// fakeKey is the only key the fake in the transcripts accepts.
const fakeKey = "xi-transcript-key-7f3c9a"

// TestTranscripts runs each testdata/script/*.txtar against the built
// binary and a fresh fake: the CLI's commands as a user sees them, exact
// stdout, stderr and exit status (the runner is in script_test.go).
// UPDATE_TRANSCRIPTS=1 rewrites the sections that differ (review the diff).
func TestTranscripts(t *testing.T) {
	scripts, _ := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if len(scripts) == 0 {
		t.Fatal("no transcripts in testdata/script")
	}
	binary := filepath.Join(t.TempDir(), "xisecrets")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, path := range scripts {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runTranscript(t, binary, path)
		})
	}
}

// runTranscript runs one script in its own directory, against its own fake.
func runTranscript(t *testing.T, binary, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseArchive(string(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	fake := secretstest.NewServer(t, secretstest.WithAPIKey(fakeKey))
	work := t.TempDir()
	for name, content := range a.files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := &runner{
		binary: binary, work: work, url: fake.URL(), files: a.files,
		env: []string{
			"HOME=" + work, "PATH=" + os.Getenv("PATH"), "LANG=C",
			"XISECRETS_CONFIG_DIR=" + filepath.Join(work, "config"),
			"ELEVENLABS_API_KEY=" + fakeKey, "XISECRETS_BASE_URL=" + fake.URL(),
			// No keyring service: auth login takes --insecure-storage.
			"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(work, "no-bus"),
		},
		inUse: func(id, kind, name string) error {
			return fake.MarkInUse(id, client.DependencyKind(kind), name)
		},
	}
	if os.Getenv("UPDATE_TRANSCRIPTS") != "" {
		r.update = func(name, got string) {
			if _, ok := a.files[name]; !ok {
				a.order = append(a.order, name)
			}
			a.files[name] = got
		}
	}
	if err := r.run(a.script); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if r.update != nil {
		if err := os.WriteFile(path, []byte(a.format()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkNoLeak(t, path, r)
}

// checkNoLeak fails if a secret shows in any output; the message names
// the exec, never the secret.
func checkNoLeak(t *testing.T, path string, r *runner) {
	for _, leak := range leaks(r) {
		t.Errorf("%s: %s", path, leak)
	}
}

// leaks lists the execs whose output holds the fake's key or a piped value
// (a whole stdin, or each value of its NAME=value lines).
func leaks(r *runner) []string {
	secrets := []string{fakeKey}
	for _, in := range r.piped {
		secrets = append(secrets, strings.TrimSpace(in))
		for _, line := range strings.Split(in, "\n") {
			if _, value, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
				secrets = append(secrets, strings.Trim(strings.TrimSpace(value), `"'`))
			}
		}
	}
	var found []string
	for _, x := range r.execs {
		for i, s := range secrets {
			if len(s) >= 6 && strings.Contains(x.stdout+x.stderr, s) {
				found = append(found, fmt.Sprintf("%s: output holds secret #%d", x.line, i))
			}
		}
	}
	return found
}
