package specmerge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// hostileYAML is a name, in YAML's double-quoted escapes, that would set
// the clipboard (OSC 52), clear the screen, return the carriage, reverse
// the text (U+202E) and start a CSI of its own (C1 U+009B) if printed raw.
const hostileYAML = `N\e]52;c;aGk=\a\e[2J\r\u202E\x9b`

// hostileShown is how the name starts once escaped.
const hostileShown = `N\x1b]52;c;aGk=`

// pageWith is minimalPage with its schema called by the hostile name and
// declared as decl (a YAML flow mapping).
func pageWith(decl string) string {
	p := strings.Replace(minimalPage, "{$ref: '#/components/schemas/X'}", `{$ref: "#/components/schemas/`+hostileYAML+`"}`, 1)
	return strings.Replace(p, "X: {type: string}", `"`+hostileYAML+`": `+decl, 1)
}

// Every error Run returns that quotes page text (a name, a pointer, a
// value, a file name, or a message of yaml.v3, kin-openapi or oapi-codegen
// quoting any of those) shows it escaped: a page must not retitle, clear
// or rewrite the terminal of the person running go generate.
func TestRunErrorsEscapePageText(t *testing.T) {
	hostileFile := "p\x1b]0;pwned\x07\u202e.yaml"
	for _, tc := range []struct {
		name  string
		pages map[string]string
		want  []string
	}{
		{"name conflict", map[string]string{"a.yaml": pageWith("{type: string}"), "b.yaml": pageWith("{type: integer}")},
			[]string{"conflict: ", "#/components/schemas/" + hostileShown}},
		{"validation location", map[string]string{"a.yaml": pageWith("{type: strin}")},
			[]string{"a.yaml: #/components/schemas/" + hostileShown, "not valid OpenAPI"}},
		{"unrepairable", map[string]string{"a.yaml": pageWith("{anyOf: [{type: string}], oneOf: [{type: integer}]}")},
			[]string{"a.yaml: #/components/schemas/" + hostileShown, "both `anyOf` and `oneOf`"}},
		{"unrepairable value", map[string]string{"a.yaml": pageWith(`{type: [string, "\e[2J"], oneOf: [{type: integer}]}`)},
			[]string{"a.yaml: #/components/schemas/" + hostileShown, `\x1b[2J`}},
		{"unresolvable $ref", map[string]string{"a.yaml": pageWith(`{type: object, properties: {"` + hostileYAML + `": {$ref: '#/components/schemas/Nope'}}}`)},
			[]string{"a.yaml: #/components/schemas/" + hostileShown, "unresolvable $ref"}},
		{"$ref leaving the page", map[string]string{"a.yaml": pageWith(`{type: object, properties: {p: {$ref: "o.yaml#/` + hostileYAML + `"}}}`)},
			[]string{"a.yaml: #/components/schemas/" + hostileShown, "only refs within the page"}},
		{"invalid YAML", map[string]string{"a.yaml": "openapi: 3.1.0\n\"" + hostileYAML + "\": 1\n\"" + hostileYAML + "\": 2\n"},
			[]string{"a.yaml: ", "already defined"}},
		{"version", map[string]string{"a.yaml": strings.Replace(minimalPage, "openapi: 3.1.0", `openapi: "`+hostileYAML+`"`, 1)},
			[]string{"a.yaml: #/openapi: version"}},
		{"overlay target", map[string]string{"a.yaml": minimalPage, "overlay.yaml": overlayWith(`$.info`, `$.`+hostileYAML)},
			[]string{"overlay.yaml: action 1"}},
		{"file name", map[string]string{hostileFile: "openapi: 3.1.0\npaths: {\n"},
			[]string{"invalid YAML"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			api := filepath.Join(dir, "api")
			if err := os.Mkdir(api, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, data := range tc.pages {
				if err := os.WriteFile(filepath.Join(api, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Run(Options{APIDir: api, Out: filepath.Join(dir, "openapi.yaml")})
			if err == nil {
				t.Fatal("Run succeeded")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not contain %q:\n  %s", w, textsafe.Escape(msg))
				}
			}
			if !utf8.ValidString(msg) {
				t.Errorf("error is not UTF-8: %s", textsafe.Escape(msg))
			}
			for _, r := range msg {
				if textsafe.Hidden(r) {
					t.Errorf("error holds the raw rune %U: %s", r, textsafe.Escape(msg))
					break
				}
			}
		})
	}
}

// specmerge -v prints every Fix, whose pointer may hold a page's name.
func TestFixStringEscapesPageText(t *testing.T) {
	res := mustMerge(t, []source{src("a.yaml", pageWith(`{type: [string, "null"]}`))})
	shown := 0
	for _, f := range res.Fixes {
		s := f.String()
		if strings.Contains(s, hostileShown) {
			shown++
		}
		for _, r := range s {
			if textsafe.Hidden(r) {
				t.Errorf("Fix shows the raw rune %U: %s", r, textsafe.Escape(s))
				break
			}
		}
	}
	if shown == 0 {
		t.Errorf("no fix names the schema; fixes: %v", res.Fixes)
	}
}
