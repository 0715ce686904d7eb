package transport

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// trailingRoutes is what genroutes writes for the templates /v1/items/,
// /v1/items/{id}/tags and /v1/items/{id}/tags/ (TestTrailingSlashRoute in
// internal/maintainer/genroutes): templates no refused id turns into one another,
// so the guard alone refuses those ids here.
var trailingRoutes = [][]string{
	{"v1", "items", ""},
	{"v1", "items", "*", "tags"},
	{"v1", "items", "*", "tags", ""},
}

func testGuard(t *testing.T, base string, routes [][]string) *hostGuard {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return &hostGuard{base: endpointOf(u), scheme: u.Scheme, host: u.Host, router: NewRouter(u, getRoutes(routes))}
}

// getRoutes are GET routes of the templates.
func getRoutes(templates [][]string) []Route {
	var out []Route
	for _, t := range templates {
		out = append(out, Route{Method: http.MethodGet, Template: strings.Join(t, "/"), Repeatable: true})
	}
	return out
}

func guardAllows(t *testing.T, g *hostGuard, rawURL string) bool {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return g.check(req) == nil
}

// A template's trailing slash is matched exactly: the route is reachable,
// with or without a base URL prefix, and no other path is (issue 19,
// section 2).
func TestGuardMatchesTrailingSlashExactly(t *testing.T) {
	for _, base := range []string{"https://api.example.com", "https://api.example.com/proxy/v2"} {
		g := testGuard(t, base, trailingRoutes)
		for _, p := range []string{"/v1/items/", "/v1/items/it_1/tags", "/v1/items/it_1/tags/"} {
			if !guardAllows(t, g, base+p) {
				t.Errorf("%s%s refused", base, p)
			}
		}
		for _, p := range []string{
			"/v1/items", "/v1/items//", "/v1/items/it_1", "/v1/items/it_1/", "/v1/items/it_1/tags//",
			"/v1/items/./tags/", "/v1/items/%2e%2e/tags/", "/v1/items/it_1%2F/tags", "/v1/items/%252e/tags/", "/",
		} {
			if guardAllows(t, g, base+p) {
				t.Errorf("%s%s allowed", base, p)
			}
		}
	}
	// A table without the trailing route refuses the trailing slash.
	g := testGuard(t, "https://api.example.com", [][]string{{"v1", "items"}})
	if guardAllows(t, g, "https://api.example.com/v1/items/") {
		t.Error("/v1/items/ allowed by a table without it")
	}
}

// refusedIDs are ids UnsafeID refuses, one or more of each family.
var refusedIDs = []string{"", ".", "..", "/", "a/", "/a", "a/..", "a/../b", "%2e%2e", "%2E", "x%2F%2e%2e", "%252e%252e",
	`..\`, `a\`, "%5C..", "..;", "..;x", ";x", "%2F"}

// Every refused id, escaped as the generated client puts it into the
// path, fails CheckPathParam before the URL is built, with an error that
// names the operation and parameter but not the id; a plain id passes.
func TestCheckPathParam(t *testing.T) {
	for _, id := range append(refusedIDs, "sk_live_SECRET/..") {
		err := CheckPathParam("SecretsGet", "secretID", url.PathEscape(id))
		if !errors.Is(err, ErrUnsafeRequest) || !strings.Contains(err.Error(), "SecretsGet: path parameter secretID ") {
			t.Errorf("%q: err = %v, want ErrUnsafeRequest naming the operation and parameter", id, err)
		} else if len(id) > 2 && strings.Contains(err.Error(), id) {
			t.Errorf("%q: err = %q quotes the id", id, err)
		}
	}
	for _, id := range []string{"sec_1", "a.b", "...", "tools"} {
		if err := CheckPathParam("SecretsGet", "secretID", url.PathEscape(id)); err != nil {
			t.Errorf("%q: %v", id, err)
		}
	}
}

// A builder that does not escape its parameter (oapi-codegen copies one
// with content text/plain as it is, and puts one with application/json
// in as its JSON) can put "/", "?" or "#" into the path: "x/tags" turns
// /v1/items/{id} into /v1/items/{id}/tags, another operation's path, and
// "x?" or "x#" cuts what follows. Such a value is not one segment, and
// is refused, naming the operation and parameter but not the value.
func TestCheckPathParamNotOneSegment(t *testing.T) {
	for _, value := range []string{"x/tags", "s1/dependencies/tools", "x?", "x?limit=1", "x#", `"x#"`, "#", "?"} {
		err := CheckPathParam("GetItem", "itemID", value)
		if !errors.Is(err, ErrUnsafeRequest) || !strings.Contains(err.Error(), "GetItem: path parameter itemID ") {
			t.Errorf("%q: err = %v, want ErrUnsafeRequest naming the operation and parameter", value, err)
		} else if len(value) > 2 && strings.Contains(err.Error(), value) {
			t.Errorf("%q: err = %q quotes the value", value, err)
		}
	}
	// What the styling escapes, as it arrives.
	for _, value := range []string{"x%2Ftags", "x%3F", "x%23", `%22x%22`, "a,b"} {
		if err := CheckPathParam("GetItem", "itemID", value); err != nil {
			t.Errorf("%q: %v", value, err)
		}
	}
}

// No refused id, built into a template as the generated client builds it
// (escaped, then "./<path>" resolved against the server URL), reaches any
// route: in particular never a trailing-slash route it was not given.
func TestRefusedIDsNeverReachARoute(t *testing.T) {
	ids := refusedIDs
	templates := []string{"/v1/items/%s/tags", "/v1/items/%s/tags/"}
	for _, base := range []string{"https://api.example.com/", "https://api.example.com/proxy/v2/"} {
		g := testGuard(t, strings.TrimSuffix(base, "/"), trailingRoutes)
		server, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		for _, tmpl := range templates {
			for _, id := range ids {
				u, err := server.Parse("." + strings.Replace(tmpl, "%s", url.PathEscape(id), 1))
				if err != nil {
					continue // not a URL: never sent
				}
				if guardAllows(t, g, u.String()) {
					t.Errorf("template %s, id %q: %s allowed", tmpl, id, u)
				}
			}
		}
	}
}

// A path of the API with a method none of its operations has is refused,
// saying so: the guard knows operations, not only paths.
func TestGuardRefusesAMethodThePathDoesNotHave(t *testing.T) {
	g := testGuard(t, "https://api.example.com", trailingRoutes)
	req, err := http.NewRequest(http.MethodDelete, "https://api.example.com/v1/items/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.check(req); !errors.Is(err, ErrUnsafeRequest) || !strings.Contains(err.Error(), "has no DELETE operation") {
		t.Errorf("DELETE of a GET-only path: %v", err)
	}
}
