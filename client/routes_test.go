package client

import (
	"slices"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/gen/genspec"
)

// The host guard's route table is the spec's paths: a new endpoint in
// gen/openapi.yaml must be added there, or Raw() could not reach it.
func TestAPIRoutesMatchSpec(t *testing.T) {
	spec, err := genspec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	var fromSpec []string
	for path := range spec.Paths.Map() {
		segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				segs[i] = "*"
			}
		}
		fromSpec = append(fromSpec, strings.Join(segs, "/"))
	}
	var ours []string
	for _, r := range apiRoutes {
		ours = append(ours, strings.Join(r, "/"))
	}
	slices.Sort(fromSpec)
	slices.Sort(ours)
	if !slices.Equal(fromSpec, ours) {
		t.Errorf("apiRoutes = %q, the spec's paths are %q", ours, fromSpec)
	}
}
