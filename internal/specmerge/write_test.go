package specmerge

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runDir is a scratch copy of the real api/ pages plus an existing output.
type runDir struct {
	api, out string
	old      []byte
}

func newRunDir(t *testing.T) runDir {
	t.Helper()
	dir := t.TempDir()
	d := runDir{api: filepath.Join(dir, "api"), out: filepath.Join(dir, "gen", "openapi.yaml"), old: []byte("# the previous output\n")}
	for _, sub := range []string{d.api, filepath.Dir(d.out)} {
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range realSources(t) {
		d.add(t, filepath.Base(s.File), string(s.Data))
	}
	if err := os.WriteFile(d.out, d.old, 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d runDir) add(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(d.api, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (d runDir) run() (*Result, error) {
	return Run(Options{APIDir: d.api, Out: d.out, Config: repoConfig})
}

// untouched fails unless the output is exactly the old one and no temporary
// file was left next to it.
func (d runDir) untouched(t *testing.T) {
	t.Helper()
	if got := readFile(t, d.out); !bytes.Equal(got, d.old) {
		t.Errorf("output changed on error:\n%s", got)
	}
	d.noLeftovers(t)
}

func (d runDir) noLeftovers(t *testing.T) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(d.out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output directory holds %v, want only openapi.yaml", names)
	}
}

func TestRunLeavesOutputOnError(t *testing.T) {
	create := string(readFile(t, realAPIDir+"/convai-secrets-create.yaml"))
	tests := []struct {
		name, file, data, want string
	}{
		{"invalid YAML", "zz-bad.yaml", "openapi: 3.1.0\npaths: {\n", "zz-bad.yaml: invalid YAML"},
		{"conflict", "zz-conflict.yaml",
			strings.Replace(create, "        msg:\n          type: string", "        msg:\n          type: integer", 1),
			"both define #/components/schemas/ValidationError but differ at #/components/schemas/ValidationError/properties/msg/type"},
		{"unresolvable ref", "zz-ref.yaml",
			strings.Replace(create, "'#/components/schemas/HTTPValidationError'", "'#/components/schemas/Nope'", 1),
			`unresolvable $ref "#/components/schemas/Nope"`},
		{"overlay action matching no page", "overlay.yaml",
			"overlay: 1.0.0\ninfo: {title: o, version: 1.0.0}\nactions:\n  - target: $.nothing\n    update: {x: 1}\n",
			"matches no page"},
		// Merges, but kin-openapi refuses it.
		{"invalid OpenAPI", "zz-invalid.yaml", strings.Replace(minimalPage, "X: {type: string}", "X: {type: text}", 1),
			"merged document is not valid OpenAPI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newRunDir(t)
			d.add(t, tt.file, tt.data)
			_, err := d.run()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run error = %v, want one containing %q", err, tt.want)
			}
			d.untouched(t)
		})
	}
}

func TestRunLeavesOutputWhenGenerationFails(t *testing.T) {
	d := newRunDir(t)
	cfg := filepath.Join(t.TempDir(), "bad-config.yaml")
	if err := os.WriteFile(cfg, []byte("package: gen\nno-such-option: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{APIDir: d.api, Out: d.out, Config: cfg}); err == nil {
		t.Error("Run with an unknown generator option succeeded")
	}
	d.untouched(t)
}

func TestRunReplacesOutput(t *testing.T) {
	d := newRunDir(t)
	res, err := d.run()
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, d.out)
	if !bytes.Equal(got, res.yaml) {
		t.Error("the output is not the Result's YAML")
	}
	if !bytes.Equal(got, readFile(t, committedSpec)) {
		t.Error("Run on a copy of api/ does not write the committed gen/openapi.yaml")
	}
	info, err := os.Stat(d.out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("output mode = %v, want 0644", info.Mode().Perm())
	}
	d.noLeftovers(t)

	// Unchanged output is not rewritten, so make sees nothing to do.
	past := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(d.out, past, past); err != nil {
		t.Fatal(err)
	}
	if _, err := d.run(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(d.out); err != nil || !info.ModTime().Equal(past) {
		t.Errorf("an unchanged output was rewritten (mtime %v, want %v)", info.ModTime(), past)
	}
}
