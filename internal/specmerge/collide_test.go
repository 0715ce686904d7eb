package specmerge

import (
	"strings"
	"testing"
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
		if has(res.Doc, schemaPtr(from)) {
			t.Errorf("%s is still there; want it renamed to %s", from, to)
		}
		at(t, res.Doc, schemaPtr(to))
		wantFix(t, res, "go-name-collisions", schemaPtr(from)+" -> "+to)
	}
	at(t, res.Doc, schemaPtr("SecretKind")) // the first of two equal Go names keeps its name
	refs := map[string]string{
		opPtr("/v1/secrets", "get") + "/responses/200/content/application~1json/schema/$ref":  schemaPtr("ModelSecretsListParams"),
		opPtr("/v1/secrets", "post") + "/responses/200/content/application~1json/schema/$ref": schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/oneOf/0/$ref":                                                  schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/discriminator/mapping/stored":                                  schemaPtr("SecretsCreateResponseModel"),
		schemaPtr("Entry") + "/discriminator/mapping/other":                                   schemaPtr("Other"),
		schemaPtr("Other") + "/properties/b/$ref":                                             schemaPtr("secret_kindModel"),
	}
	for ptr, want := range refs {
		if got := at(t, res.Doc, ptr); got != want {
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
	everything := func(key string) bool { return strings.HasPrefix(key, "secrets") } // keys are goKey-folded
	if got := freeName("SecretsListParams", object{}, everything); got != "ModelSecretsListParams" {
		t.Errorf("freeName = %q, want ModelSecretsListParams", got)
	}
	taken := object{"XModel": object{}, "XModel2": object{}}
	if got := freeName("X", taken, func(string) bool { return false }); got != "XModel3" {
		t.Errorf("freeName = %q, want XModel3", got)
	}
}

// TrialGenerate is the last guard: it reports names declared twice.
func TestTrialGenerateReportsDuplicateDeclarations(t *testing.T) {
	// Without the renaming repair the vendor schema and oapi-codegen's
	// <Op>Response type are both SecretsCreateResponse.
	res := mergeCase(t, "go-names")
	spec := strings.ReplaceAll(string(res.YAML), "SecretsCreateResponseModel", "SecretsCreateResponse")
	doc, err := Validate([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	_, err = TrialGenerate(doc, repoGeneratorConfig(t))
	if err == nil || !strings.Contains(err.Error(), "SecretsCreateResponse") {
		t.Fatalf("TrialGenerate error = %v, want one naming SecretsCreateResponse declared twice", err)
	}
}
