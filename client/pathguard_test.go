package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/gen"
)

// Whatever builds a request (the facade, Raw(), a request editor), one
// whose path would reach another endpoint once the server or a proxy
// resolves it is refused below the generated client: nothing is sent.
func TestDotSegmentPathsRefusedBelowTheGeneratedClient(t *testing.T) {
	ctx := context.Background()
	setPath := func(path, rawPath string) gen.RequestEditorFn {
		return func(_ context.Context, r *http.Request) error {
			r.URL.Path, r.URL.RawPath = path, rawPath
			return nil
		}
	}
	listEdited := func(edit gen.RequestEditorFn) func(*client.Client) error {
		return func(c *client.Client) error { _, err := c.Raw().SecretsList(ctx, nil, edit); return err }
	}
	update := gen.SecretsUpdateJSONRequestBody{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: "N", Value: "v"}
	tests := []struct {
		name string
		send func(c *client.Client) error
	}{
		{"Raw delete ..", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, ".."); return err }},
		{"Raw delete .", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "."); return err }},
		{"Raw delete empty", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, ""); return err }},
		{"Raw get ..", func(c *client.Client) error { _, err := c.Raw().SecretsGetWithResponse(ctx, ".."); return err }},
		{"Raw update empty", func(c *client.Client) error { _, err := c.Raw().SecretsUpdate(ctx, "", update); return err }},
		{"Raw dependencies ..", func(c *client.Client) error {
			_, err := c.Raw().SecretsGetDependencies(ctx, "..", gen.SecretDependencyResourceType(client.DependencyTools), nil)
			return err
		}},
		{"Raw id with an escaped slash and ..", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "a/../b"); return err }},
		{"Raw id ending in a slash", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "a/"); return err }},
		{"Raw id ..;", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "..;"); return err }},
		{"editor sets ..; in Path", listEdited(setPath("/v1/convai/secrets/..;", ""))},
		{`Raw id ..\`, func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, `..\`); return err }},
		{"Raw id %2e%2e", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "%2e%2e"); return err }},
		{"Raw id x%2F%2e%2e", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "x%2F%2e%2e"); return err }},
		// %zz does not decode; a proxy that decodes leniently still turns
		// the rest into "../%zz".
		{"Raw id %2e%2e%2f%zz", func(c *client.Client) error { _, err := c.Raw().SecretsDelete(ctx, "%2e%2e%2f%zz"); return err }},
		{"Raw dependencies kind %2e%2e%2f%zz", func(c *client.Client) error {
			_, err := c.Raw().SecretsGetDependencies(ctx, "s1", gen.SecretDependencyResourceType("%2e%2e%2f%zz"), nil)
			return err
		}},
		{"editor sets %2e%2e", listEdited(setPath("/v1/convai/secrets/..", "/v1/convai/secrets/%2e%2e"))},
		{"editor sets %2E.", listEdited(setPath("/v1/convai/secrets/../x", "/v1/convai/secrets/%2E./x"))},
		{"editor sets //", listEdited(setPath("/v1//convai/secrets", ""))},
		{"editor sets a trailing slash", listEdited(setPath("/v1/convai/secrets/", ""))},
		// net/http sends EscapedPath(), which ignores a RawPath that is not
		// an encoding of Path: the guard must read that, not RawPath.
		{"editor sets a RawPath that is not Path's", listEdited(setPath("/v1/convai/secrets/..", "/v1/convai/secrets/x"))},
		{"editor sets an invalid RawPath", listEdited(setPath("/v1/convai/secrets/..", "/v1/convai/secrets/x y"))},
		// Sent as %252e%252e, ".." to a proxy that decodes twice.
		{"editor sets %2e%2e in Path, no RawPath", listEdited(setPath("/v1/convai/secrets/%2e%2e", ""))},
		// A lenient server reads the request line "GET /v1/convai/secrets?a=b c HTTP/1.1" as it likes.
		{"editor sets a space in the query", listEdited(func(_ context.Context, r *http.Request) error { r.URL.RawQuery = "a=b c"; return nil })},
		{"editor sets a tab in the query", listEdited(func(_ context.Context, r *http.Request) error { r.URL.RawQuery = "a=b\tc"; return nil })},
		{"editor sets a non-ASCII query", listEdited(func(_ context.Context, r *http.Request) error { r.URL.RawQuery = "a=\xc3\xa9"; return nil })},
		{"editor sets # in the query", listEdited(func(_ context.Context, r *http.Request) error { r.URL.RawQuery = "a=#b"; return nil })},
		{"editor sets an opaque URL", listEdited(func(_ context.Context, r *http.Request) error {
			r.URL.Opaque = "/v1/convai/../other"
			return nil
		})},
		{"editor sets another Host header", listEdited(func(_ context.Context, r *http.Request) error {
			r.Host = "other.example"
			return nil
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRecorder(t, 200, `{"secrets":[]}`)
			err := tt.send(recorderClient(t, w))
			if !errors.Is(err, client.ErrUnsafeRequest) {
				t.Errorf("err = %v, want ErrUnsafeRequest", err)
			}
			if reqs := w.requests(); len(reqs) != 0 {
				t.Errorf("sent %s %s", reqs[0].Method, reqs[0].RequestURI)
			}
		})
	}
}

// The facade refuses the same ids earlier, as an invalid argument naming
// the id.
func TestIDsWithDotSegmentsInvalid(t *testing.T) {
	w := newRecorder(t, 200, `{}`)
	c := recorderClient(t, w)
	ctx := context.Background()
	// One id of each family UnsafeID refuses (ids_test.go in
	// internal/transport has them all).
	// The last is a pasted secret value: the error never quotes an id.
	for _, id := range []string{"a/", "a/../b", "a//b", "%2e%2e", "%252e%252e", `..\`, "..;", "%2e%2e%2f%zz", "sk_live_PASTED/../x"} {
		_, getErr := c.Secrets.Get(ctx, id)
		_, updErr := c.Secrets.Update(ctx, id, "N", "v")
		_, depErr := collect(t, c.Secrets.Dependencies(ctx, id, client.DependencyAgents))
		for _, err := range []error{getErr, updErr, c.Secrets.Delete(ctx, id), depErr} {
			if !errors.Is(err, client.ErrInvalidArgument) {
				t.Errorf("id %q: err = %v, want ErrInvalidArgument", id, err)
			}
			if err != nil && strings.Contains(err.Error(), "PASTED") {
				t.Errorf("the error quotes the id: %v", err)
			}
		}
	}
	if reqs := w.requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent, the first %s %s", len(reqs), reqs[0].Method, reqs[0].RequestURI)
	}
}

// A base URL whose path would be resolved away is refused up front: the
// guard checks every segment of the requests, the prefix included.
func TestBaseURLPathWithDotSegmentsRefused(t *testing.T) {
	for _, u := range []string{"https://api.example.com/a/../b", "https://api.example.com/./x", "https://api.example.com//x", "https://api.example.com/a//b/",
		// Decoded once by the URL parser, ".." once more by a proxy.
		"https://api.example.com/%252e%252e/v1", `https://api.example.com/a\..\b`} {
		if _, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(u)); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", u, err)
		}
	}
	if _, err := client.New(client.WithAPIKey("k"), client.WithBaseURL("https://api.example.com/prefix/v2/")); err != nil {
		t.Errorf("a plain prefix: %v", err)
	}
}

// A base URL's path prefix, escaped characters included, is part of every
// allowed path.
func TestBaseURLPrefixPassesTheGuard(t *testing.T) {
	for _, prefix := range []string{"/proxy/v2", "/pre%20fix"} {
		w := newRecorder(t, 204, "")
		c, err := client.New(client.WithAPIKey("k"), client.WithBaseURL(w.URL+prefix))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Secrets.Delete(context.Background(), "sec_1"); err != nil {
			t.Errorf("prefix %s: %v", prefix, err)
		}
		if reqs := w.requests(); len(reqs) != 1 || reqs[0].RequestURI != prefix+"/v1/convai/secrets/sec_1" {
			t.Errorf("prefix %s: sent %+v", prefix, reqs)
		}
	}
}

// Through Raw(), a path parameter that URL resolution would turn into
// another path ("." or ".." removed, "" leaving an empty segment) is
// refused before the generated client builds the URL, naming the
// operation and the parameter: each parameter of a two-parameter route,
// and nothing is sent.
func TestPathParamsRefusedBeforeTheURLIsBuilt(t *testing.T) {
	ctx := context.Background()
	w := newRecorder(t, 200, `{"dependencies":[],"has_more":false}`)
	c := recorderClient(t, w)
	deps := func(id, resourceType string) error {
		_, err := c.Raw().SecretsGetDependenciesWithResponse(ctx, id, gen.SecretDependencyResourceType(resourceType), nil)
		return err
	}
	for _, bad := range []string{".", "..", "", "%2e", "%2e%2e", "a/..", "sk_live_SECRET/..", "sk_live_SECRET%2F%2e%2e"} {
		for _, tc := range []struct {
			param string
			err   error
		}{
			{"secretID", deps(bad, "tools")},
			{"resourceType", deps("sec_1", bad)},
		} {
			if !errors.Is(tc.err, client.ErrUnsafeRequest) {
				t.Errorf("%s %q: err = %v, want ErrUnsafeRequest", tc.param, bad, tc.err)
				continue
			}
			msg := tc.err.Error()
			if !strings.Contains(msg, "SecretsGetDependencies") || !strings.Contains(msg, "path parameter "+tc.param+" ") {
				t.Errorf("%s %q: err = %q, want it to name the operation and the parameter", tc.param, bad, msg)
			}
			if len(bad) > 3 && strings.Contains(msg, bad) || strings.Contains(msg, "SECRET") {
				t.Errorf("%s: err = %q quotes the value", tc.param, msg)
			}
		}
	}
	if reqs := w.requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent, the first %s %s", len(reqs), reqs[0].Method, reqs[0].RequestURI)
	}
	if err := deps("sec_1", "tools"); err != nil {
		t.Errorf("valid parameters: %v", err)
	}
	if reqs := w.requests(); len(reqs) != 1 || reqs[0].RequestURI != "/v1/convai/secrets/sec_1/dependencies/tools" {
		t.Errorf("valid parameters: sent %+v", reqs)
	}
}
