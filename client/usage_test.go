package client

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/xisecrets/xisecrets/gen"
)

// The facade decodes Get, List and Dependencies responses into its own
// wire types; their JSON fields must be the generated types' (so the
// spec's), except the ones the facade has no use for.
func TestWireTypesMatch(t *testing.T) {
	for _, tc := range []struct {
		ours, generated any
		unused          string
	}{
		{wireSecret{}, gen.ConvAIWorkspaceStoredSecretConfig{}, "type"},
		{wireSecretsPage{}, gen.GetWorkspaceSecretsResponseModel{}, ""},
		{wireDependentsPage{}, gen.GetSecretDependenciesResponseModel{}, ""},
		{wireUsage{}, gen.ConvAIStoredSecretDependencies{}, ""},
	} {
		got, want := jsonNames(reflect.TypeOf(tc.ours)), jsonNames(reflect.TypeOf(tc.generated))
		delete(want, tc.unused)
		if !maps.Equal(got, want) {
			t.Errorf("%T has fields %q, %T has %q (less the unused %q)",
				tc.ours, slices.Sorted(maps.Keys(got)), tc.generated, slices.Sorted(maps.Keys(want)), tc.unused)
		}
	}
}
