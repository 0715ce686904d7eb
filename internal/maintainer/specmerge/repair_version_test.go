package specmerge

import (
	"testing"
)

// The label is not trusted either way: every 3.x label is accepted and
// relabelled 3.0.3, and what is there is repaired, whatever the label says.
func TestEveryVersion3LabelIsRepaired(t *testing.T) {
	for _, v := range []string{"3.0.1", "3.0.3", "3.0.4", "3.1.0", "3.1.1", "3.2.0", "3.1"} {
		t.Run(v, func(t *testing.T) {
			// A 3.1 null member beside a oneOf under any label.
			page := src("v.yaml", "openapi: "+v+`
info: {title: t, version: '1'}
paths:
  /v1/x:
    get:
      operationId: get_x
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf: [{type: string}, {type: integer}, {type: 'null'}]
`)
			res := mustMerge(t, []source{page})
			if got := at(t, res.doc, "#/openapi"); got != "3.0.3" {
				t.Errorf("openapi = %v, want 3.0.3", got)
			}
			schema := opPtr("/v1/x", "get") + "/responses/200/content/application~1json/schema"
			wantFix(t, res, "null-union", schema+"/oneOf")
			if at(t, res.doc, schema+"/nullable") != true {
				t.Error("the null member did not become nullable")
			}
			generate(t, res)
		})
	}
}

func TestNonVersion3Refused(t *testing.T) {
	for _, v := range []string{`"2.0"`, `"4.0.0"`, `three`, `[3, 1]`} {
		mustFail(t, []source{src("v.yaml", "openapi: "+v+"\ninfo: {title: t, version: '1'}\npaths: {}\n")},
			"api/v.yaml: #/openapi:", "not OpenAPI 3.x")
	}
}
