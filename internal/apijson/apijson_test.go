package apijson

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/gen"
)

// leftOut are the generated models' fields these types do not decode, by
// "<our type>.<JSON name>", with the reason.
var leftOut = map[string]string{
	"Secret.type": `always "stored": it tells a caller nothing`,
}

// Each type here has the JSON fields of its generated model, and Dependent
// those of every variant of every dependent list the models hold: a field
// the vendor adds to the spec (so to gen) fails this test by name, as does
// one it drops.
func TestMatchesGenerated(t *testing.T) {
	w := newShapeWalk()
	w.pair("Get", reflect.TypeFor[Secret](), reflect.TypeFor[gen.ConvAIWorkspaceStoredSecretConfig]())
	w.pair("List", reflect.TypeFor[SecretsPage](), reflect.TypeFor[gen.GetWorkspaceSecretsResponseModel]())
	w.pair("Dependencies", reflect.TypeFor[DependentsPage](), reflect.TypeFor[gen.GetSecretDependenciesResponseModel]())
	for _, p := range w.problems() {
		t.Error(p)
	}
	// The walk reached every dependent list: a variant of each kind.
	for _, v := range []string{"DependentAvailableToolIdentifier", "DependentUnknownAgentIdentifier", "DependentAvailableMCPServerIdentifier", "DependentPhoneNumberIdentifier"} {
		if !w.variants[v] {
			t.Errorf("the walk never reached gen.%s: it no longer follows the dependent lists", v)
		}
	}
}

// The check itself can fail: a model's new field, a variant's new field,
// and a field no model or variant has any more are each named.
func TestMismatchesAreNamed(t *testing.T) {
	type workspaceTool struct {
		ID          string `json:"id"`
		WorkspaceID string `json:"workspace_id"`
	}
	w := newShapeWalk()
	w.pair("Get", reflect.TypeFor[Usage](), reflect.TypeFor[struct {
		Tools     []unionOf[workspaceTool] `json:"tools"`
		RotatedAt string                   `json:"rotated_at"`
	}]())
	got := strings.Join(w.problems(), "\n")
	for _, want := range []string{
		`Get: the generated model has "rotated_at"; apijson.Usage has no such field`,
		`Get: apijson.Usage has "agents"; the generated model has no such field`,
		`a dependent variant (workspaceTool at Get.tools) has "workspace_id"; apijson.Dependent has no such field`,
		`apijson.Dependent has "label"; no dependent variant has it`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
}

// unionOf[T] is shaped like a generated union whose one variant is T.
type unionOf[T any] struct{}

func (unionOf[T]) AsVariant() (T, error) { var v T; return v, nil }

// shapeWalk walks one of our types beside its generated model.
type shapeWalk struct {
	mismatches []string
	// dependentFields: the JSON fields of every dependent variant met,
	// each with where it was first met.
	dependentFields map[string]string
	variants        map[string]bool // names of the dependent variants met
}

func newShapeWalk() *shapeWalk {
	return &shapeWalk{dependentFields: map[string]string{}, variants: map[string]bool{}}
}

// pair compares ours with generated at the JSON path at, and goes on into
// the fields both have. Lists and pointers are looked through; a generated
// union is each of its variants (the types its As... methods return).
func (w *shapeWalk) pair(at string, ours, generated reflect.Type) {
	for ours.Kind() == reflect.Slice || ours.Kind() == reflect.Pointer {
		ours = ours.Elem()
	}
	for generated.Kind() == reflect.Slice || generated.Kind() == reflect.Pointer {
		generated = generated.Elem()
	}
	if variants := unionVariants(generated); len(variants) > 0 {
		for _, v := range variants {
			w.pair(at, ours, v)
		}
		return
	}
	if ours.Kind() != reflect.Struct {
		return
	}
	theirs := fields(generated)
	if ours == reflect.TypeFor[Dependent]() {
		w.variants[generated.Name()] = true
		for name := range theirs {
			if _, ok := w.dependentFields[name]; !ok {
				w.dependentFields[name] = fmt.Sprintf("%s at %s", generated.Name(), at)
			}
		}
		return
	}
	mine := fields(ours)
	for _, name := range slices.Sorted(maps.Keys(theirs)) {
		if _, ok := mine[name]; !ok && leftOut[ours.Name()+"."+name] == "" {
			w.mismatches = append(w.mismatches, fmt.Sprintf("%s: the generated model has %q; apijson.%s has no such field: add it (and map it in client), or list it in leftOut with the reason", at, name, ours.Name()))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(mine)) {
		if g, ok := theirs[name]; ok {
			w.pair(at+"."+name, mine[name], g)
		} else {
			w.mismatches = append(w.mismatches, fmt.Sprintf("%s: apijson.%s has %q; the generated model has no such field: drop it", at, ours.Name(), name))
		}
	}
}

// problems are the mismatches found, with Dependent's against the union of
// the variants met.
func (w *shapeWalk) problems() []string {
	out := slices.Clone(w.mismatches)
	mine := fields(reflect.TypeFor[Dependent]())
	for _, name := range slices.Sorted(maps.Keys(w.dependentFields)) {
		if _, ok := mine[name]; !ok {
			out = append(out, fmt.Sprintf("a dependent variant (%s) has %q; apijson.Dependent has no such field: add it (and map it in client)", w.dependentFields[name], name))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(mine)) {
		if _, ok := w.dependentFields[name]; !ok {
			out = append(out, fmt.Sprintf("apijson.Dependent has %q; no dependent variant has it: drop it", name))
		}
	}
	return out
}

// fields maps a struct's JSON field names to their types.
func fields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.IsExported() && name != "" && name != "-" {
			out[name] = f.Type
		}
	}
	return out
}

// unionVariants returns what a generated union's As... methods return:
// the types its JSON may be.
func unionVariants(t reflect.Type) []reflect.Type {
	var out []reflect.Type
	for m := range t.Methods() {
		if strings.HasPrefix(m.Name, "As") && m.Type.NumOut() == 2 {
			out = append(out, m.Type.Out(0))
		}
	}
	return out
}
