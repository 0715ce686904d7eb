package specmerge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nestedPage is minimalPage with its schema X an array of arrays k deep.
// The top level is depth 1 and X's mapping (line 17) depth 4, so the innermost
// schema is at depth 4+k.
func nestedPage(k int) string {
	return strings.Replace(minimalPage, "X: {type: string}",
		"X: "+strings.Repeat("{type: array, items: ", k)+"{type: string}"+strings.Repeat("}", k), 1)
}

// runPages runs the pipeline (merge and validation) on pages written to a
// scratch api/ directory.
func runPages(t *testing.T, pages map[string]string) error {
	t.Helper()
	dir := t.TempDir()
	api := filepath.Join(dir, "api")
	if err := os.Mkdir(api, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range pages {
		if err := os.WriteFile(filepath.Join(api, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Run(Options{APIDir: api, Out: filepath.Join(dir, "openapi.yaml")})
	return err
}

// mustRefuseQuickly runs pages, expecting an error containing every one
// of want within a bound far above what the refusal takes (it is a guard
// against doing the expensive work first, not a timing).
func mustRefuseQuickly(t *testing.T, pages map[string]string, want ...string) {
	t.Helper()
	start := time.Now()
	err := runPages(t, pages)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("refusing took %v, want well under 5 s", took)
	}
	if err == nil {
		t.Fatalf("Run succeeded, want an error containing %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n  %.600s", w, err)
		}
	}
}

// The red team's page: 110 KB nested 5,000 deep, which took seconds and
// gigabytes to merge, validate and generate.
func TestDeepPageRefused(t *testing.T) {
	mustRefuseQuickly(t, map[string]string{"deep.yaml": nestedPage(5000)},
		"deep.yaml:17: #/components/schemas/X/items/items/", "nests more than 64 mappings and lists deep")
}

func TestPageAtTheDepthLimitMerges(t *testing.T) {
	if err := runPages(t, map[string]string{"a.yaml": nestedPage(maxPageDepth - 4)}); err != nil {
		t.Fatalf("a page nested %d deep: %v", maxPageDepth, err)
	}
	at := "#/components/schemas/X" + strings.Repeat("/items", maxPageDepth-3) + ": nests more"
	mustRefuseQuickly(t, map[string]string{"a.yaml": nestedPage(maxPageDepth - 3)}, "api/a.yaml:17: "+at)
}

// An alias repeats its anchor's nesting where it is used: a page whose
// anchors each stay under the limit nests beyond it once they are used
// inside one another, and is refused where the decoded page would pass it.
func TestDeepThroughAliasesRefused(t *testing.T) {
	deep := func(k int, inner string) string {
		return strings.Repeat("{type: array, items: ", k) + inner + strings.Repeat("}", k)
	}
	page := strings.Replace(minimalPage, "X: {type: string}",
		"X: {type: object, properties: {a: &a "+deep(40, "{type: string}")+", b: &b "+deep(40, "*a")+", c: "+deep(40, "*b")+"}}", 1)
	mustRefuseQuickly(t, map[string]string{"alias.yaml": page},
		"alias.yaml:", "#/components/schemas/X/properties/c/items/", "nests more than 64")
}

func TestLargePageRefused(t *testing.T) {
	big := minimalPage + "# " + strings.Repeat("x", maxPageBytes) + "\n"
	mustRefuseQuickly(t, map[string]string{"big.yaml": big}, "api/big.yaml: ", "larger than 4 MiB")
}
