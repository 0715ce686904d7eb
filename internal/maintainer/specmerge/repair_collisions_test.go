package specmerge

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Schemas called like generated Go types are renamed, every ref follows
// (discriminator mappings included), and the Go generates without a name
// declared twice.
func TestGoNameCollisions(t *testing.T) {
	res := mergeCase(t, "go-names")
	renamed := map[string]string{
		"SecretsListParams":     "ModelSecretsListParams", // <Op>Params...: appending cannot help
		"SecretsCreateResponse": "SecretsCreateResponseModel",
		"secret_kind":           "secret_kindModel", // Go's SecretKind, like the schema SecretKind
	}
	for from, to := range renamed {
		if has(res.doc, schemaPtr(from)) {
			t.Errorf("%s is still there; want it renamed to %s", from, to)
		}
		at(t, res.doc, schemaPtr(to))
		wantFix(t, res, "go-name-collisions", schemaPtr(from)+" -> "+to)
	}
	at(t, res.doc, schemaPtr("SecretKind")) // the first of two equal Go names keeps its name
	refs := map[string]string{
		opPtr("/v1/secrets", "get") + "/responses/200/content/application~1json/schema/$ref":  schemaPtr("ModelSecretsListParams"),
		opPtr("/v1/secrets", "post") + "/responses/200/content/application~1json/schema/$ref": schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/oneOf/0/$ref":                                                  schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/discriminator/mapping/stored":                                  schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/discriminator/mapping/other":                                   schemaPtr("Other"),
		schemaPtr("Other") + "/properties/b/$ref":                                             schemaPtr("secret_kindModel"),
	}
	for ptr, want := range refs {
		if got := at(t, res.doc, ptr); got != want {
			t.Errorf("%s = %v, want %s", ptr, got, want)
		}
	}
	code := generate(t, res)
	for _, decl := range []string{"type SecretsListParams struct", "type ModelSecretsListParams struct", "type SecretsCreateResponse struct", "type SecretsCreateResponseModel struct"} {
		if !strings.Contains(code, decl) {
			t.Errorf("generated Go lacks %q", decl)
		}
	}
}

func TestFreeNameEnds(t *testing.T) {
	free := func(name string) bool { return !strings.HasPrefix(name, "Secrets") }
	if got := freeName("SecretsListParams", free); got != "ModelSecretsListParams" {
		t.Errorf("freeName = %q, want ModelSecretsListParams", got)
	}
	taken := object{"XModel": object{}, "XModel2": object{}}
	if got := freeName("X", func(name string) bool { return taken[name] == nil }); got != "XModel3" {
		t.Errorf("freeName = %q, want XModel3", got)
	}
}

// generateGo is the last guard: it reports names declared twice, and
// locateGenerated names the pages and pointers of the components behind
// the name, and what to do. Each case undoes one rename of the
// go-name-collisions repair.
func TestGenerateGoReportsDuplicateNames(t *testing.T) {
	for _, tc := range []struct {
		name, fixture, renamed, original, reported string
		wants                                      []string
	}{
		// The compiler: the vendor schema and oapi-codegen's <Op>Response
		// type are both SecretsCreateResponse.
		{"declared twice", "go-names", "SecretsCreateResponseModel", "SecretsCreateResponse", "SecretsCreateResponse",
			[]string{"from the component testdata/cases/go-names/page.yaml: #/components/schemas/SecretsCreateResponse: teach go-name-collisions"}},
		// oapi-codegen itself: Gizmo's enum part_kind and GizmoPart's enum
		// kind are both GizmoPartKind.
		{"duplicate typename", "inline-names", "GizmoPartModel", "GizmoPart", "duplicate typename 'GizmoPartKind'",
			[]string{
				"the component testdata/cases/inline-names/page.yaml: #/components/schemas/Gizmo,",
				"the component testdata/cases/inline-names/page.yaml: #/components/schemas/GizmoPart:",
				"teach go-name-collisions",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mergeCase(t, tc.fixture)
			spec := strings.ReplaceAll(string(res.yaml), tc.renamed, tc.original)
			if err := validate([]byte(spec)); err != nil {
				t.Fatal(err)
			}
			_, err := generateGo([]byte(spec), specName, repoGeneratorConfig(t))
			if err == nil || !strings.Contains(err.Error(), tc.reported) {
				t.Fatalf("generateGo error = %v, want one containing %q", err, tc.reported)
			}
			unrenamed := &Result{origin: res.origin}
			if err := yaml.Unmarshal([]byte(spec), &unrenamed.doc); err != nil {
				t.Fatal(err)
			}
			got := unrenamed.locateGenerated(err).Error()
			for _, want := range tc.wants {
				if !strings.Contains(got, want) {
					t.Errorf("locateGenerated = %v\nwant it to contain %q", got, want)
				}
			}
		})
	}
}

// oapi-codegen's own names for inline types (an enum property, a union and
// its members, an operation's inline body) count as taken: a component
// called like one is renamed, and so is a component whose inline types
// would be called like another's.
func TestInlineTypeNameCollisions(t *testing.T) {
	res := mergeCase(t, "inline-names")
	for from, to := range map[string]string{
		"WidgetKind":                    "WidgetKindModel",
		"WidgetFit0":                    "WidgetFit0Model",
		"GizmoPart":                     "GizmoPartModel", // its kind enum would be Gizmo's part_kind
		"WidgetsGet200JSONResponseBody": "WidgetsGet200JSONResponseBodyModel",
	} {
		wantFix(t, res, "go-name-collisions", schemaPtr(from)+" -> "+to)
		at(t, res.doc, schemaPtr(to))
	}
	for _, kept := range []string{"Widget", "Gizmo"} {
		at(t, res.doc, schemaPtr(kept))
	}
	code := generate(t, res)
	for _, decl := range []string{"type WidgetKind string", "type WidgetKindModel = int", "type GizmoPartKind string", "type GizmoPartModelKind string"} {
		if !strings.Contains(code, decl) {
			t.Errorf("generated Go lacks %q", decl)
		}
	}
}

// The inline types of a schema an allOf refers to are named after the
// allOf's path, so a component with such a name is renamed
// (testdata/cases/allof-ref-names).
func TestCollisionThroughAllOfRef(t *testing.T) {
	res := mergeCase(t, "allof-ref-names")
	if !has(res.doc, schemaPtr("UpdateThingJSONBodyChoice1Model")) || has(res.doc, schemaPtr("UpdateThingJSONBodyChoice1")) {
		t.Errorf("UpdateThingJSONBodyChoice1 was not renamed; fixes: %v", res.Fixes)
	}
	generate(t, res)
}

// The members of a map's union value are named after the map, so a
// component with such a name is renamed (testdata/cases/map-union-names).
func TestCollisionWithMapValueMember(t *testing.T) {
	res := mergeCase(t, "map-union-names")
	if !has(res.doc, schemaPtr("Scores1Model")) || has(res.doc, schemaPtr("Scores1")) {
		t.Errorf("Scores1 was not renamed; fixes: %v", res.Fixes)
	}
	generate(t, res)
}
