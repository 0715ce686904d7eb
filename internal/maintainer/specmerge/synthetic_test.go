package specmerge

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticPages makes n vendor-like pages for the benchmarks: each has its
// own path and operation, named by fern extensions or by documentation-page
// tags (dotted or nested), its own few schemas full of 3.1 constructs and
// of the vendor's non-3.0 keys (a tuple, a snake_case keyword,
// propertyNames, a Python field option, an array without items, a null
// type, anyOf beside oneOf), and the shared HTTPValidationError/ValidationError (in the
// two spellings the real pages use) and Status, which must dedupe.
func syntheticPages(n int) []source {
	srcs := make([]source, 0, n)
	for i := range n {
		srcs = append(srcs, source{File: fmt.Sprintf("api/synthetic-%04d.yaml", i), Data: []byte(syntheticPage(i))})
	}
	return srcs
}

func syntheticPage(i int) string {
	area, res := fmt.Sprintf("area%d", i%10), fmt.Sprintf("res%d", i)
	Res := fmt.Sprintf("Res%d", i)
	method, verb := [4]string{"get", "post", "patch", "delete"}[i%4], [4]string{"get", "create", "update", "delete"}[i%4]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("openapi: 3.1.%d", i%2)
	w("info: {title: synthetic %d, version: '1.0'}", i)
	w("paths:")
	w("  /v1/%s/%s/items/{item_id}:", area, res)
	w("    %s:", method)
	switch i % 3 {
	case 0:
		w("      operationId: %s_%s_route", verb, res)
		w("      tags: [Agents Platform]")
		w("      x-fern-sdk-group-name: [%s, %s]", area, res)
		w("      x-fern-sdk-method-name: %s", verb)
	case 1:
		w("      operationId: %s", verb)
		w("      tags: [subpackage_%s.subpackage_%s/%s]", area, area, res)
	case 2:
		w("      operationId: %s", verb)
		w("      tags:\n        - - subpackage_%s\n          - subpackage_%s/%s", area, area, res)
	}
	w("      summary: Synthetic operation %d", i)
	w("      parameters:")
	w("        - {name: item_id, in: path, required: true, schema: {type: string, title: Item Id}}")
	w("        - {name: cursor, in: query, schema: {anyOf: [{type: string}, {type: 'null'}], title: Cursor}}")
	w("        - {name: page_size, in: query, schema: {type: [integer, 'null'], exclusiveMinimum: 0, maximum: 100}}")
	w("        - {name: xi-api-key, in: header, schema: {anyOf: [{type: string}, {type: 'null'}]}}")
	if method == "post" || method == "patch" {
		w("      requestBody:")
		w("        required: true")
		w("        content: {application/json: {schema: {$ref: '#/components/schemas/%sRequest'}}}", Res)
	}
	w("      responses:")
	if method == "delete" {
		w("        '204':")
		w("          description: Deleted")
		w("          content: {application/json: {schema: {$ref: '#/components/schemas/%sDeleted'}}}", Res)
	} else {
		w("        '200':")
		w("          description: Successful Response")
		w("          content: {application/json: {schema: {$ref: '#/components/schemas/%sResponse'}}}", Res)
	}
	w("        '422':")
	w("          description: Validation Error")
	w("          content: {application/json: {schema: {$ref: '#/components/schemas/HTTPValidationError'}}}")
	w("components:")
	w("  schemas:")
	w("    %sResponse:", Res)
	w("      type: object")
	w("      title: %sResponse", Res)
	w("      required: [kind, id]")
	w("      properties:")
	w("        kind: {type: string, const: %s, title: Kind}", res)
	w("        id: {type: string, examples: [id-%d]}", i)
	w("        label: {type: [string, 'null']}")
	w("        size: {type: [string, integer]}")
	w("        weight: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1000}")
	w("        status: {$ref: '#/components/schemas/Status'}")
	w("        item: {anyOf: [{$ref: '#/components/schemas/%sResponse/$defs/Item'}, {type: 'null'}]}", Res)
	w("        tuple: {type: array, prefixItems: [{type: integer}, {type: integer}], items: {type: integer}, max_items: 2}")
	w("        tags: {type: object, additionalProperties: {type: string}, propertyNames: {pattern: '^[a-z]+$'}, optional: true}")
	w("        anything: {type: array}")
	w("        retired: {type: 'null'}")
	w("        either: {anyOf: [{type: string}, {type: integer}], oneOf: [{type: string}, {type: integer}]}")
	w("        spare: {anyOf: [{$ref: '#/components/schemas/%sResponse/$defs/Item'}, {$ref: '#/components/schemas/%sResponse/$defs/Item'}, {type: string}]}", Res, Res)
	w("      $defs:")
	w("        Item: {type: object, properties: {name: {type: string}, count: {type: integer}}}")
	w("    %sRequest:", Res)
	w("      type: object")
	w("      required: [name]")
	w("      properties: {name: {type: string}, value: {type: [string, 'null']}}")
	w("    %sDeleted: {type: object, properties: {}}", Res)
	w("    Status: {type: string, enum: [active, archived], title: Status}")
	if i%2 == 0 { // the vendor pages' spelling
		w("    HTTPValidationError: {type: object, title: HTTPValidationError, properties: {detail: {type: array, title: Detail, items: {$ref: '#/components/schemas/ValidationError'}}}}")
		w("    ValidationError:")
		w("      type: object")
		w("      required: [loc, msg, type]")
		w("      properties: {loc: {type: array, items: {anyOf: [{type: string}, {type: integer}]}}, msg: {type: string}, type: {type: string}}")
	} else { // the documentation pages' spelling
		w("    HTTPValidationError: {type: object, properties: {detail: {type: array, items: {$ref: '#/components/schemas/ValidationError'}}}}")
		w("    ValidationErrorLocItems: {oneOf: [{type: string}, {type: integer}]}")
		w("    ValidationError:")
		w("      type: object")
		w("      required: [msg, type, loc]")
		w("      properties: {loc: {type: array, items: {$ref: '#/components/schemas/ValidationErrorLocItems'}}, msg: {type: string}, type: {type: string}}")
	}
	return b.String()
}

// The synthetic corpus is itself a fixture: it merges, validates and
// generates, with every operation and the shared schemas once. (60 pages
// keep the race-enabled run short; the benchmarks run all 300, and fail if
// they do not merge, validate and generate.)
func TestSyntheticCorpus(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 12
	}
	res := mustMerge(t, syntheticPages(n))
	if got := len(operationIDs(res.doc)); got != n {
		t.Errorf("%d pages gave %d operations", n, got)
	}
	for _, id := range syntheticRepairs {
		if len(fixesOf(res, id)) == 0 {
			t.Errorf("the synthetic corpus does not exercise %s", id)
		}
	}
	generate(t, res)
}

// syntheticRepairs are the repairs the synthetic pages are built to make, so
// that the benchmarks keep measuring them. A new repair needs a fixture
// (TestEveryRepairIsTriggered), not necessarily a place here.
var syntheticRepairs = []string{
	"nested-tags", "openapi-3.0", "defs-hoist", "const-to-enum", "type-array",
	"both-unions", "null-union", "null-type", "keywords-3.0", "keyword-spelling",
	"tuple-items", "array-items", "keywords-3.1-only", "unknown-keywords",
	"no-content-body", "api-key-security", "union-duplicates",
	"operation-names", "prune-unreferenced",
}

// SPECMERGE_SYNTHETIC_DIR=<dir> go test -run TestWriteSyntheticCorpus
// writes the 300 pages to dir, for measuring the command on them (see
// BENCHMARKS.md).
func TestWriteSyntheticCorpus(t *testing.T) {
	dir := os.Getenv("SPECMERGE_SYNTHETIC_DIR")
	if dir == "" {
		t.Skip("set SPECMERGE_SYNTHETIC_DIR to write the synthetic corpus")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range syntheticPages(300) {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s.File)), s.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote 300 pages to %s", dir)
}
