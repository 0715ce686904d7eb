package specmerge

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// runDir is a scratch copy of the real api/ pages, copies of the
// repository's oapi-codegen configs writing beside the merged document as
// in the repository (gen/secrets.gen.go, gen/genspec/spec.gen.go), the
// client's guards (gen/routes.gen.go, gen/pathparams.gen.go), and an old
// file at each output.
type runDir struct {
	dir, api, out      string
	routes, pathParams string
	configs            []string
	outputs            []string // out, each config's output, routes, pathParams
	old                []byte
}

func newRunDir(t *testing.T) runDir {
	t.Helper()
	dir := t.TempDir()
	gen := filepath.Join(dir, "gen")
	d := runDir{dir: dir, api: filepath.Join(dir, "api"), out: filepath.Join(gen, "openapi.yaml"), old: []byte("# the previous output\n")}
	d.outputs = []string{d.out}
	for _, c := range []struct{ config, output string }{
		{repoConfig, filepath.Join(gen, "secrets.gen.go")},
		{repoSpecConfig, filepath.Join(gen, "genspec", "spec.gen.go")},
	} {
		config := filepath.Join(dir, filepath.Base(c.config))
		scratchConfig(t, c.config, config, c.output)
		d.configs = append(d.configs, config)
		d.outputs = append(d.outputs, c.output)
	}
	d.routes, d.pathParams = filepath.Join(gen, "routes.gen.go"), filepath.Join(gen, "pathparams.gen.go")
	d.outputs = append(d.outputs, d.routes, d.pathParams)
	for _, s := range realSources(t) {
		d.add(t, filepath.Base(s.File), string(s.Data))
	}
	for _, out := range d.outputs {
		writeFile(t, out, d.old)
	}
	return d
}

func (d runDir) add(t *testing.T, name, data string) {
	t.Helper()
	writeFile(t, filepath.Join(d.api, name), []byte(data))
}

func (d runDir) run(configs ...string) (*Result, error) {
	return d.runWith(slices.Concat(d.configs, configs))
}

func (d runDir) runWith(configs []string) (*Result, error) {
	return Run(Options{APIDir: d.api, Out: d.out, Configs: configs, Routes: d.routes, PathParams: d.pathParams})
}

// untouched fails unless every output is exactly the old one and no
// temporary file was left next to one.
func (d runDir) untouched(t *testing.T) {
	t.Helper()
	for _, out := range d.outputs {
		if got := readFile(t, out); !bytes.Equal(got, d.old) {
			t.Errorf("%s changed on error:\n%s", out, firstLines(got, 5))
		}
	}
	d.noLeftovers(t)
}

// noLeftovers fails unless the outputs are the only files under gen/.
func (d runDir) noLeftovers(t *testing.T) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Dir(d.out), func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := slices.Sorted(slices.Values(d.outputs)); !slices.Equal(files, want) {
		t.Errorf("gen/ holds %v, want only %v", files, want)
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

// A config that cannot be generated stops every output, the spec's and
// the good configs' Go included.
func TestRunLeavesOutputWhenGenerationFails(t *testing.T) {
	for _, tt := range []struct{ name, config, want string }{
		{"unknown option", "package: gen\noutput: x.go\nno-such-option: true\n", "field no-such-option not found"},
		{"no output", "package: gen\ngenerate: {models: true}\n", "no output"},
		{"output twice", "package: gen\noutput: OUT\ngenerate: {models: true}\n", "is written twice"},
		{"oapi-codegen's overlay", "package: gen\noutput: x.go\noutput-options: {overlay: {path: o.yaml}}\n", "output-options.overlay"},
		{"generation fails", "package: gen\noutput: x.go\noutput-options: {name-normalizer: NoSuchNormalizer}\n", "name-normalizer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newRunDir(t)
			cfg := filepath.Join(t.TempDir(), "bad-config.yaml")
			writeFile(t, cfg, []byte(strings.ReplaceAll(tt.config, "OUT", d.outputs[1])))
			_, err := d.run(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), cfg) {
				t.Errorf("Run error = %v, want one naming %s and containing %q", err, cfg, tt.want)
			}
			d.untouched(t)
		})
	}
}

// Run writes the merged document and each config's Go, exactly the
// committed files (which TestGeneratedGoIsTheTools ties to the command's
// output), and leaves files it would not change alone.
func TestRunReplacesOutput(t *testing.T) {
	d := newRunDir(t)
	res, err := d.run()
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, d.out); !bytes.Equal(got, res.yaml) {
		t.Error("the output is not the Result's YAML")
	}
	past := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	// The guards' header names the spec and the client where this run
	// writes them; the rest is the committed file's.
	header := func(committed string) bool { return committed == committedRoutes || committed == committedPathParams }
	for i, committed := range []string{committedSpec, committedGo, committedSpecGo, committedRoutes, committedPathParams} {
		out := d.outputs[i]
		got, want := readFile(t, out), readFile(t, committed)
		if header(committed) {
			_, got, _ = bytes.Cut(got, []byte("\n"))
			_, want, _ = bytes.Cut(want, []byte("\n"))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("Run on a copy of api/ does not write the committed %s:\n%s", committed, firstLineDiff(want, got))
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s mode = %v, want 0644", out, info.Mode().Perm())
		}
		if err := os.Chtimes(out, past, past); err != nil {
			t.Fatal(err)
		}
	}
	d.noLeftovers(t)

	// Unchanged outputs are not rewritten, so make sees nothing to do.
	if _, err := d.run(); err != nil {
		t.Fatal(err)
	}
	for _, out := range d.outputs {
		if info, err := os.Stat(out); err != nil || !info.ModTime().Equal(past) {
			t.Errorf("an unchanged %s was rewritten (mtime %v, want %v)", out, info.ModTime(), past)
		}
	}
}

// guardPage is a valid page whose path template tmpl has the one path
// parameter param.
func guardPage(tmpl, param string) string {
	return `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  ` + tmpl + `:
    get:
      operationId: get_guarded
      x-fern-sdk-group-name: [guarded]
      x-fern-sdk-method-name: get
      parameters:
        - {name: ` + param + `, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: ok}
`
}

// Routes the guard cannot match, or a client the path parameter wrapper
// does not know, stop every output, the spec and the configs' Go included:
// gen/ never holds a new client beside old guards that may not compile
// against it.
func TestRunWritesAllOrNothing(t *testing.T) {
	for _, tt := range []struct {
		name, page string
		want       []string
	}{
		{"route the guard cannot match", guardPage("/v1/files/{file_id}.json", "file_id"),
			[]string{"gen/openapi.yaml: #/paths/~1v1~1files~1{file_id}.json: segment"}},
		{"client the wrapper does not know", guardPage("/v1/things/{pc}", "pc"),
			[]string{"oapi-codegen.yaml: ", "gen/secrets.gen.go:", ": (*Client).GuardedGet has a parameter without a name or named pc"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newRunDir(t)
			d.add(t, "zz-guarded.yaml", tt.page)
			_, err := d.run()
			for _, want := range tt.want {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("Run error = %v, want one containing %q", err, want)
				}
			}
			d.untouched(t)
		})
	}
}

// The guards join the package of the one config that generates the
// client; without one, or with two, Run refuses and writes nothing.
func TestRunGuardsNeedOneClient(t *testing.T) {
	d := newRunDir(t)
	if _, err := d.runWith(d.configs[1:]); err == nil || !strings.Contains(err.Error(), "none does") {
		t.Errorf("without a client: err = %v, want a refusal", err)
	}
	d.untouched(t)
	second := filepath.Join(t.TempDir(), "second-client.yaml")
	writeFile(t, second, []byte("package gen\noutput: "+filepath.Join(d.dir, "other.gen.go")+"\ngenerate: {client: true}\n"))
	if _, err := d.run(second); err == nil || !strings.Contains(err.Error(), second) {
		t.Errorf("with two clients: err = %v, want one naming %s", err, second)
	}
	d.untouched(t)
}
