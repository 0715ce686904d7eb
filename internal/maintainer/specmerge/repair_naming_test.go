package specmerge

import (
	"reflect"
	"testing"
)

// operationIDs lists "<method> <path> <operationId>" of every operation.
func operationIDs(doc map[string]any) []string {
	var ids []string
	forEachOperation(doc, func(path, method string, op object) {
		ids = append(ids, method+" "+path+" "+op["operationId"].(string))
	})
	return ids
}

func TestOperationNames(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string
	}{
		// The seed's documentation page (tag path + short operationId) and the
		// vendor's page (fern SDK group + method) name update the same.
		{"dotted-tags", []string{"patch /v1/convai/secrets/{secret_id} SecretsUpdate"}},
		{"vendor-update", []string{"patch /v1/convai/secrets/{secret_id} SecretsUpdate"}},
		{"nested-tags", []string{"delete /v1/convai/secrets/{secret_id} SecretsDelete"}},
		{"two-methods", []string{
			"get /v1/convai/secrets/{secret_id} SecretsGet",
			"patch /v1/convai/secrets/{secret_id} SecretsUpdate",
		}},
		// Names that come out the same: one more group when there is one,
		// else the method and path.
		{"same-names", []string{
			"get /v1/agents/secrets AgentsSecretsList",
			"get /v1/things GetThingGetV1Things",
			"get /v1/tools/secrets ToolsSecretsList",
			"post /v1/x DupPostV1X",
			"post /v1/y DupPostV1Y",
			"get /v2/things GetThingGetV2Things",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			res := mergeCase(t, tt.fixture)
			if got := operationIDs(res.doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("operations:\n got  %q\n want %q", got, tt.want)
			}
			generate(t, res)
		})
	}
}

func TestOperationNamesKeepVendorID(t *testing.T) {
	res := mergeCase(t, "dotted-tags")
	op := opPtr("/v1/convai/secrets/{secret_id}", "patch")
	if got := at(t, res.doc, op+"/x-vendor-operation-id"); got != "update" {
		t.Errorf("x-vendor-operation-id = %v, want the page's operationId %q", got, "update")
	}
	wantFix(t, res, "operation-names", op+"/operationId")
}

func TestOperationIdentity(t *testing.T) {
	tests := []struct {
		name       string
		op         object
		wantGroups []string
		wantVerb   string
	}{
		{"fern", object{"x-fern-sdk-group-name": []any{"conversational_ai", "secrets"}, "x-fern-sdk-method-name": "get_dependencies", "operationId": "x", "tags": []any{"y"}},
			[]string{"ConversationalAi", "Secrets"}, "GetDependencies"},
		{"fern group as a string", object{"x-fern-sdk-group-name": "secrets", "x-fern-sdk-method-name": "list"},
			[]string{"Secrets"}, "List"},
		{"dotted tag", object{"operationId": "update", "tags": []any{"subpackage_conversationalAi.subpackage_conversationalAi/secrets"}},
			[]string{"ConversationalAi", "Secrets"}, "Update"},
		{"flattened nested tags: the last is the most specific", object{"operationId": "delete", "tags": []any{"subpackage_conversationalAi", "subpackage_conversationalAi/secrets"}},
			[]string{"ConversationalAi", "Secrets"}, "Delete"},
		{"no tags", object{"operationId": "get_secret_route"}, nil, "GetSecretRoute"},
		{"nothing at all", object{}, nil, "PostV1Things"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups, verb := operationIdentity(tt.op, "post", "/v1/things")
			if !reflect.DeepEqual(groups, tt.wantGroups) || verb != tt.wantVerb {
				t.Errorf("operationIdentity = %q, %q; want %q, %q", groups, verb, tt.wantGroups, tt.wantVerb)
			}
		})
	}
}
