package specmerge

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A request body's inline union becomes a component named after its
// operation (suffixed when the name is taken), a body by $ref is left
// alone, the generated request body types are aliases of the unions,
// which keep their MarshalJSON, and a second run changes nothing
// (testdata/cases/union-request-bodies).
func TestUnionRequestBodies(t *testing.T) {
	res := mergeCase(t, "union-request-bodies")
	body := "/requestBody/content/application~1json/schema"
	bodies := map[string]string{
		opPtr("/v1/widgets", "post") + body:              "WidgetsCreateRequest2",
		opPtr("/v1/widgets/{widget_id}", "patch") + body: "WidgetsUpdateRequest",
	}
	for ptr, component := range bodies {
		wantFix(t, res, "union-request-bodies", ptr)
		if got := at(t, res.doc, ptr+"/$ref"); got != schemaPtr(component) {
			t.Errorf("%s refers to %v, want %s", ptr, got, schemaPtr(component))
		}
		if len(unionMembers(at(t, res.doc, schemaPtr(component)).(map[string]any))) != 2 {
			t.Errorf("%s is not the body's union of two", component)
		}
	}
	if got := fixesOf(res, "union-request-bodies"); len(got) != len(bodies) {
		t.Errorf("fixes at %v, want the two union bodies only", got)
	}
	if got := at(t, res.doc, schemaPtr("WidgetsCreateRequest")+"/properties/id/type"); got != "string" {
		t.Errorf("the vendor's WidgetsCreateRequest was overwritten: id is %v", got)
	}

	before := deepCopy(res.doc)
	if err := hoistUnionRequestBodies(res.doc, func(where string) { t.Errorf("second run fixed %s", where) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, res.doc) {
		t.Error("a second run changed the document")
	}

	code := generate(t, res)
	for _, want := range []string{
		"type WidgetsCreateJSONRequestBody = WidgetsCreateRequest2\n",
		"type WidgetsUpdateJSONRequestBody = WidgetsUpdateRequest\n",
		"type WidgetsReplaceJSONRequestBody = CreateRoundWidget\n",
		"func (t WidgetsCreateRequest2) MarshalJSON() ([]byte, error)",
		"func (t WidgetsUpdateRequest) MarshalJSON() ([]byte, error)",
	} {
		if !strings.Contains(code, want) {
			t.Errorf("generated Go lacks %q", want)
		}
	}
	t.Run("sends the body", func(t *testing.T) { sendUnionBody(t, code) })
}

// sendUnionBody builds code as a scratch module's gen package and runs a
// program that sends a union body built with the generated From method to
// a loopback server: the server gets the member's fields, not `{}`.
func sendUnionBody(t *testing.T, code string) {
	if testing.Short() {
		t.Skip("builds and runs the generated client with the go command")
	}
	mod := scratchModule(t, t.TempDir())
	writeFile(t, filepath.Join(mod.dir, "gen", "gen.go"), []byte(code))
	writeFile(t, filepath.Join(mod.dir, "send", "main.go"), []byte(`package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"

	"scratch.example/corpus/gen"
)

func main() {
	got := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- b
	}))
	defer srv.Close()
	c, err := gen.NewClient(srv.URL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var body gen.WidgetsCreateJSONRequestBody
	if err := body.FromCreateRoundWidget(gen.CreateRoundWidget{Shape: "round", Label: "porch", Radius: 3}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := c.WidgetsCreate(context.Background(), body)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp.Body.Close()
	os.Stdout.Write(<-got)
}
`))
	out, err := command(mod.dir, "go", "run", "-trimpath", "./send")
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, firstLines(out, 40))
	}
	var sent map[string]any
	if err := json.Unmarshal(out, &sent); err != nil {
		t.Fatalf("the server got %q: %v", out, err)
	}
	if want := map[string]any{"shape": "round", "label": "porch", "radius": 3.0}; !reflect.DeepEqual(sent, want) {
		t.Errorf("the server got %s, want the member's fields %v", out, want)
	}
}
