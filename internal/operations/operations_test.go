package operations

import (
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/gen/genspec"
)

// specOperation is one operation as gen/openapi.yaml has it.
type specOperation struct{ id, method, path string }

func specOperations(t *testing.T) []specOperation {
	t.Helper()
	doc, err := genspec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	var out []specOperation
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			out = append(out, specOperation{op.OperationID, method, path})
		}
	}
	return out
}

// Every operation of the spec has one row, and every row is an operation
// of the spec: the one place a new operation fails, naming what to add.
func TestEveryOperationOfTheSpecHasARow(t *testing.T) {
	rows := map[string]Operation{}
	for _, op := range All {
		if _, dup := rows[op.ID]; dup {
			t.Errorf("operations.All lists %s twice", op.ID)
		}
		rows[op.ID] = op
	}
	inSpec := map[string]bool{}
	for _, s := range specOperations(t) {
		inSpec[s.id] = true
		op, ok := rows[s.id]
		switch {
		case !ok:
			t.Errorf("gen/openapi.yaml has %s %s (%s), which internal/operations.All does not list: add a row with its "+
				"retry class and what serves it (the facade's methods, the fake's handler, the CLI's commands), or say in "+
				"Unwrapped why nothing does; CONTRIBUTING.md, \"Adding an operation\", lists every place", s.method, s.path, s.id)
		case op.Method != s.method || op.Path != s.path:
			t.Errorf("operations.All: %s is %s %s, but gen/openapi.yaml has it as %s %s", s.id, op.Method, op.Path, s.method, s.path)
		}
	}
	for _, op := range All {
		if !inSpec[op.ID] {
			t.Errorf("operations.All lists %s (%s %s), which gen/openapi.yaml does not have: remove its row", op.ID, op.Method, op.Path)
		}
	}
}

// Each row is whole: a retry class, and either the facade's methods or
// the reason there are none.
func TestRowsAreWhole(t *testing.T) {
	for _, op := range All {
		if op.Retry != Repeatable && op.Retry != Once {
			t.Errorf("%s: no retry class (Repeatable or Once)", op.ID)
		}
		if (len(op.Facade) == 0) == (op.Unwrapped == "") {
			t.Errorf("%s: give either the facade's methods or, in Unwrapped, why there are none (not both)", op.ID)
		}
		for _, f := range op.Facade {
			if service, method, ok := strings.Cut(f, "."); !ok || service == "" || method == "" {
				t.Errorf("%s: facade method %q is not Service.Method", op.ID, f)
			}
		}
	}
}

// The rows' paths are the generated routes, which the client's transport
// used to take from gen: the two lists cannot drift.
func TestRowsAreTheGeneratedRoutes(t *testing.T) {
	if len(specOperations(t)) != len(All) {
		t.Skip("the rows are not the spec's operations: TestEveryOperationOfTheSpecHasARow says which to add")
	}
	var fromRows, fromGen []string
	for _, op := range All {
		fromRows = append(fromRows, Template(op.Path))
	}
	for _, r := range gen.Routes {
		fromGen = append(fromGen, strings.Join(r, "/"))
	}
	slices.Sort(fromRows)
	fromRows = slices.Compact(fromRows)
	slices.Sort(fromGen)
	if !slices.Equal(fromRows, fromGen) {
		t.Errorf("the rows' paths %v are not gen.Routes %v", fromRows, fromGen)
	}
}

func TestTemplate(t *testing.T) {
	for in, want := range map[string]string{
		"/v1/convai/secrets":                              "v1/convai/secrets",
		"/v1/convai/secrets/{secret_id}":                  "v1/convai/secrets/*",
		"/v1/a/{x}/b/{y}/":                                "v1/a/*/b/*/",
		"/v1/convai/secrets/{secret_id}/dependencies/{t}": "v1/convai/secrets/*/dependencies/*",
	} {
		if got := Template(in); got != want {
			t.Errorf("Template(%q) = %q, want %q", in, got, want)
		}
	}
}

// The creates are the operations a lost answer must not repeat: a second
// secret of the name, or a 409 for a label the first attempt made.
func TestOnlyTheCreatesAreOnce(t *testing.T) {
	creates := map[string]bool{"SecretsCreate": true, "EnvironmentVariablesCreate": true}
	for _, op := range All {
		if want := creates[op.ID]; (op.Retry == Once) != want {
			t.Errorf("%s (%s %s): Once is %t, want %t", op.ID, op.Method, op.Path, op.Retry == Once, want)
		}
	}
}
