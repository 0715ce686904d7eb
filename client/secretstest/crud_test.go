package secretstest

import (
	"context"
	"net/http"
	"testing"

	"github.com/xisecrets/xisecrets/gen"
)

// genClient is the generated client, pointed at s with its key: the fake
// must serve what the generated code expects.
func genClient(t *testing.T, s *Server) *gen.ClientWithResponses {
	t.Helper()
	c, err := gen.NewClientWithResponses(s.URL(),
		gen.WithHTTPClient(newHTTPClient(t)),
		gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
			r.Header.Set("xi-api-key", s.APIKey())
			return nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLifecycleWithGeneratedClient(t *testing.T) {
	s := NewServer(t)
	c, ctx := genClient(t, s), context.Background()

	cr, err := c.SecretsCreateWithResponse(ctx, gen.PostWorkspaceSecretRequest{Type: gen.PostWorkspaceSecretRequestTypeNew, Name: "db", Value: "v1"})
	if err != nil || cr.JSON200 == nil {
		t.Fatalf("create: %v %d %s", err, cr.StatusCode(), cr.Body)
	}
	id := cr.JSON200.SecretID
	if cr.JSON200.Name != "db" || cr.JSON200.Type != "stored" || id == "" {
		t.Errorf("create answered %+v", *cr.JSON200)
	}
	if s.Len() != 1 || !s.ValueIs(id, "v1") || s.ValueIs(id, "v2") || s.ValueIs("other", "v1") {
		t.Errorf("after create: Len %d, ValueIs wrong", s.Len())
	}

	gr, err := c.SecretsGetWithResponse(ctx, id)
	if err != nil || gr.JSON200 == nil {
		t.Fatalf("get: %v %d %s", err, gr.StatusCode(), gr.Body)
	}
	if gr.JSON200.Name != "db" || len(gr.JSON200.UsedBy.Tools) != 0 {
		t.Errorf("get answered %+v", *gr.JSON200)
	}

	ur, err := c.SecretsUpdateWithResponse(ctx, id, gen.PatchWorkspaceSecretRequest{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: "db2", Value: "v2"})
	if err != nil || ur.JSON200 == nil || ur.JSON200.Name != "db2" || ur.JSON200.SecretID != id {
		t.Fatalf("update: %v %d %s", err, ur.StatusCode(), ur.Body)
	}
	if !s.ValueIs(id, "v2") {
		t.Error("update did not replace the value")
	}

	lr, err := c.SecretsListWithResponse(ctx, &gen.SecretsListParams{})
	if err != nil || lr.JSON200 == nil || len(lr.JSON200.Secrets) != 1 || lr.JSON200.Secrets[0].Name != "db2" || lr.JSON200.NextCursor != nil {
		t.Fatalf("list: %v %d %s", err, lr.StatusCode(), lr.Body)
	}

	dr, err := c.SecretsDeleteWithResponse(ctx, id)
	if err != nil || dr.StatusCode() != http.StatusNoContent {
		t.Fatalf("delete: %v %d %s", err, dr.StatusCode(), dr.Body)
	}
	if len(dr.Body) != 0 || dr.HTTPResponse.Header.Get("Content-Type") != "" {
		t.Errorf("204 with body %q, Content-Type %q", dr.Body, dr.HTTPResponse.Header.Get("Content-Type"))
	}
	if s.Len() != 0 {
		t.Errorf("Len after delete = %d", s.Len())
	}
	for _, r := range []reply{
		call(t, s, "GET", "/v1/convai/secrets/"+id, nil),
		call(t, s, "DELETE", "/v1/convai/secrets/"+id, nil),
		call(t, s, "PATCH", "/v1/convai/secrets/"+id, map[string]any{"type": "update", "name": "n", "value": "v"}),
		call(t, s, "GET", "/v1/convai/secrets/"+id+"/dependencies/tools", nil),
	} {
		if r.status != http.StatusNotFound || r.detailStatus(t) != "secret_not_found" {
			t.Errorf("deleted secret: %d %s, want 404 secret_not_found", r.status, r.body)
		}
	}
}

func TestAuth(t *testing.T) {
	s := NewServer(t)
	for _, tc := range []struct {
		key, want string
	}{
		{"", "missing_api_key"},
		{"wrong", "invalid_api_key"},
		{s.APIKey() + "x", "invalid_api_key"},
	} {
		// A bad body too: authentication comes first, as at the vendor.
		r := callWithKey(t, s, tc.key, "POST", "/v1/convai/secrets", `{"type":"bogus"}`)
		if r.status != http.StatusUnauthorized || r.detailStatus(t) != tc.want {
			t.Errorf("key %q: %d %s, want 401 %s", tc.key, r.status, r.body, tc.want)
		}
	}
	if s.Len() != 0 {
		t.Error("an unauthenticated create stored a secret")
	}
}
