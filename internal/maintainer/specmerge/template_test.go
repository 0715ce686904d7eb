package specmerge

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// lazySpec is the one change oapi-codegen-spec.yaml's inline.tmpl makes
// to oapi-codegen's: the embedded spec is decoded on first use, not at
// package init, where every command of the CLI paid for it.
var lazySpec = strings.NewReplacer(`var rawSpec = decodeSpecCached()

// a naive cache of the decoded OpenAPI spec
func decodeSpecCached() func() ([]byte, error) {
	data, err := decodeSpec()
	return func() ([]byte, error) {
		return data, err
	}
}
`, `// rawSpec decodes the embedded spec on first use, not at package init,
// which every command of a program that links this package would pay.
var rawSpec = sync.OnceValues(decodeSpec)
`, `// codegen. The result is cached at package init time, so repeated calls
// are cheap.`, `// codegen. The result is decoded on the first call and cached, so
// repeated calls are cheap.`)

// An upgrade of oapi-codegen that changes its inline.tmpl would otherwise
// leave genspec generated from the old version's template: the override
// must stay oapi-codegen's own but for the lazy decoding.
func TestInlineTemplateIsUpstreams(t *testing.T) {
	cfg, err := loadGeneratorConfig(repoSpecConfig)
	if err != nil {
		t.Fatal(err)
	}
	ours, ok := cfg.OutputOptions.UserTemplates["inline.tmpl"]
	if !ok {
		t.Fatalf("%s overrides no inline.tmpl: genspec would decode the spec at init again", repoSpecConfig)
	}
	pc := reflect.ValueOf(codegen.Generate).Pointer()
	file, _ := runtime.FuncForPC(pc).FileLine(pc)
	upstreamPath := filepath.Join(filepath.Dir(file), "templates", "inline.tmpl")
	upstream, err := os.ReadFile(upstreamPath)
	if err != nil {
		t.Fatalf("reading oapi-codegen's own template: %v", err)
	}
	want := lazySpec.Replace(string(upstream))
	if want == string(upstream) {
		t.Fatalf("%s no longer holds the eager decoding the override replaces: oapi-codegen changed it; redo the override in %s from it", upstreamPath, repoSpecConfig)
	}
	if ours != want {
		t.Errorf("%s's inline.tmpl is not %s with the spec decoded lazily: copy oapi-codegen's template again and make the one change (lazySpec)", repoSpecConfig, upstreamPath)
	}
}
