package specmerge

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// minimalPage is a valid page; extra is appended under paths./v1/x.get.
const minimalPage = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /v1/x:
    get:
      operationId: get_x
      x-fern-sdk-group-name: [things]
      x-fern-sdk-method-name: get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/X'}
components:
  schemas:
    X: {type: string}
`

func TestMergeErrors(t *testing.T) {
	schema := "#/paths/~1v1~1x/get/responses/200/content/application~1json/schema"
	tests := []struct {
		name string
		srcs []source
		want []string
	}{
		{"unresolvable $ref",
			[]source{src("a.yaml", strings.ReplaceAll(minimalPage, "schemas/X'", "schemas/Missing'"))},
			[]string{`api/a.yaml: ` + schema + `: unresolvable $ref "#/components/schemas/Missing"`}},
		{"unresolvable $ref inside a component",
			[]source{src("a.yaml", minimalPage+"    Y: {type: object, properties: {p: {$ref: '#/components/schemas/Nope'}}}\n")},
			[]string{`api/a.yaml: #/components/schemas/Y/properties/p: unresolvable $ref "#/components/schemas/Nope"`}},
		{"ref to another file",
			[]source{src("a.yaml", strings.ReplaceAll(minimalPage, "'#/components/schemas/X'", "'other.yaml#/components/schemas/X'"))},
			[]string{`api/a.yaml: ` + schema + `: $ref "other.yaml#/components/schemas/X": only refs within the page are supported`}},
		{"duplicate key",
			[]source{src("bad.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n")},
			[]string{"api/bad.yaml: ", `line 4: mapping key "paths" already defined at line 3`}},
		{"not a mapping",
			[]source{src("list.yaml", "- openapi\n- 3.1.0\n")},
			[]string{"api/list.yaml:1: not an OpenAPI document"}},
		{"empty file",
			[]source{src("empty.yaml", "")},
			[]string{"api/empty.yaml:0: not an OpenAPI document"}},
		{"no openapi key",
			[]source{src("a.yaml", "swagger: '2.0'\n")},
			[]string{"api/a.yaml:1: not an OpenAPI page: no `openapi` key"}},
		{"the same file twice",
			[]source{src("a.yaml", minimalPage), src("a.yaml", minimalPage)},
			[]string{"api/a.yaml: given twice"}},
		{"only an overlay",
			[]source{src("overlay.yaml", overlayWith(`$.info`))},
			[]string{"no OpenAPI pages among the inputs (api/overlay.yaml)"}},
		{"overlay action matching no page",
			[]source{src("a.yaml", minimalPage), src("overlay.yaml", overlayWith(`$.info`, `$.servers[?(@.url == 'https://nowhere.example')]`))},
			[]string{`api/overlay.yaml: action 1 (target "$.servers[?(@.url == 'https://nowhere.example')]") matches no page`}},
		{"two overlays",
			[]source{src("a.yaml", minimalPage), src("o1.yaml", overlayWith(`$.info`)), src("o2.yaml", overlayWith(`$.info`))},
			[]string{"api/o1.yaml and api/o2.yaml are both overlays"}},
		{"invalid overlay",
			[]source{src("a.yaml", minimalPage), src("overlay.yaml", "overlay: 1.0.0\nactions: []\n")},
			[]string{"api/overlay.yaml: invalid overlay"}},
		{"overlay with a bad JSONPath",
			[]source{src("a.yaml", minimalPage), src("overlay.yaml", overlayWith(`$.paths[`))},
			[]string{"api/overlay.yaml: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustFail(t, tt.srcs, tt.want...)
		})
	}
}

// yaml.v3 reports the line where the construct holding the error starts,
// counted from 0 for parser errors and from 1 for scanner errors: the test
// pins the file and that a line is given, not yaml.v3's arithmetic.
func TestMergeInvalidYAML(t *testing.T) {
	line := regexp.MustCompile(`^api/bad\.yaml: invalid YAML: yaml: line [0-9]+: `)
	for name, data := range map[string]string{
		"unclosed flow mapping": "openapi: 3.1.0\ninfo: {title: t\npaths: {}\n",
		"bad indentation":       "openapi: 3.1.0\npaths:\n  /x:\n    get: {}\n   post: {}\n",
		"tab indentation":       "openapi: 3.1.0\npaths:\n\t/x: {}\n",
		"unclosed quote":        "openapi: 3.1.0\ninfo:\n  title: 'open\n",
	} {
		t.Run(name, func(t *testing.T) {
			err := mustFail(t, []source{src("a.yaml", minimalPage), src("bad.yaml", data)}, "api/bad.yaml")
			if !line.MatchString(err.Error()) {
				t.Errorf("error does not match %s:\n  %v", line, err)
			}
		})
	}
}

// yaml.v3 gives no line for an unknown alias; the file is still named.
func TestMergeUnknownAlias(t *testing.T) {
	mustFail(t, []source{src("bad.yaml", "openapi: 3.1.0\ninfo: *nowhere\n")},
		"api/bad.yaml: invalid YAML: yaml: unknown anchor 'nowhere' referenced")
}

// overlayWith is an overlay with one update action per target.
func overlayWith(targets ...string) string {
	s := "overlay: 1.0.0\ninfo: {title: o, version: 1.0.0}\nactions:\n"
	for _, target := range targets {
		s += "  - target: \"" + target + "\"\n    update: {x-touched: true}\n"
	}
	return s
}

func TestReadDirErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := readDir(dir); err == nil {
		t.Error("readDir of a directory without pages succeeded")
	}
	for _, name := range []string{"b.yml", "a.yaml", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(minimalPage), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srcs, err := readDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 || filepath.Base(srcs[0].File) != "a.yaml" || filepath.Base(srcs[1].File) != "b.yml" {
		t.Errorf("readDir = %s, want a.yaml then b.yml (and no .txt)", files(srcs))
	}
}

// A construct no repair mends and kin-openapi refuses is reported at the
// page and JSON pointer it came from, with what to do.
func TestValidationErrorsNamePageAndPointer(t *testing.T) {
	pathParam := strings.Replace(minimalPage, "  /v1/x:\n    get:\n", "  /v1/x/{id}:\n    get:\n      parameters: [{name: id, in: path, schema: {type: string}}]\n", 1)
	for _, tc := range []struct {
		name string
		srcs []source
		want []string
	}{
		{"component", []source{src("b.yaml", strings.Replace(minimalPage, "X: {type: string}", "X: {type: strin}", 1))},
			[]string{"api/b.yaml: #/components/schemas/X: merged document is not valid OpenAPI", `unsupported 'type' value "strin"`, "new Repair"}},
		{"renamed component", []source{src("a.yaml", strings.ReplaceAll(minimalPage, "schemas/X", "schemas/ThingsGetParams")+
			"    ThingsGetParams: {type: object, required: [a, a]}\n")},
			[]string{"api/a.yaml: #/components/schemas/ThingsGetParams: ", `duplicate field "a" in required`}},
		{"operation", []source{src("a.yaml", minimalPage), src("p.yaml", pathParam)},
			[]string{"api/p.yaml: #/paths/~1v1~1x~1{id}/get: ", "path"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustMerge(t, tc.srcs)
			err := validate(res.yaml)
			if err == nil {
				t.Fatal("validate accepted the document")
			}
			for _, w := range tc.want {
				if !strings.Contains(res.locate(err).Error(), w) {
					t.Errorf("error does not contain %q:\n  %v", w, res.locate(err))
				}
			}
		})
	}
}
