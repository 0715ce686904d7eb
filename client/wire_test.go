package client

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/gen"
)

// The facade decodes Get, List and Dependencies responses into its own
// wire types; their JSON fields must be the generated types' (so the
// spec's), except the ones the facade has no use for.
func TestWireTypesMatch(t *testing.T) {
	for _, tc := range []struct {
		ours, generated any
		unused          []string
	}{
		{wireSecret{}, gen.ConvAIWorkspaceStoredSecretConfig{}, []string{"type"}},
		{wireSecretsPage{}, gen.GetWorkspaceSecretsResponseModel{}, nil},
		{wireDependentsPage{}, gen.GetSecretDependenciesResponseModel{}, nil},
		{wireUsage{}, gen.ConvAIStoredSecretDependencies{}, nil},
	} {
		want := slices.DeleteFunc(jsonFields(tc.generated), func(f string) bool { return slices.Contains(tc.unused, f) })
		if got := jsonFields(tc.ours); !slices.Equal(got, want) {
			t.Errorf("%T has fields %q, %T has %q (less the unused %q)", tc.ours, got, tc.generated, want, tc.unused)
		}
	}
}

// jsonFields returns the sorted JSON names of a struct's fields.
func jsonFields(v any) []string {
	var out []string
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
