package transport

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Route is one operation of the API, as the client tells the transport
// (from internal/operations, checked against the spec there): the only
// requests the key may go to, and how each may be retried.
type Route struct {
	// Method is the HTTP method, upper case.
	Method string
	// Template is the path without its leading "/", split at "/" into
	// literal segments and "*" for a path parameter; a final empty
	// segment stands for a trailing slash.
	Template string
	// Repeatable says a failed attempt may be sent again whatever became
	// of it (retry.go); otherwise only when the server certainly did not
	// act.
	Repeatable bool
}

// Router matches requests to the routes under a base URL's path.
type Router struct {
	prefix []string // the base URL's path, decoded, split into segments
	routes []route
}

type route struct {
	Route
	segs []string
}

// NewRouter returns the Router of routes under base.
func NewRouter(base *url.URL, routes []Route) *Router {
	r := &Router{}
	if base.Path != "" {
		r.prefix = strings.Split(base.Path[1:], "/")
	}
	for _, rt := range routes {
		r.routes = append(r.routes, route{rt, strings.Split(rt.Template, "/")})
	}
	return r
}

// match returns the route of a request's method and escaped path, or nil;
// pathKnown reports whether the path alone is one of the routes', so a
// refusal can say which part was wrong. A path matches when it is the
// base URL's path followed by a template: each literal segment as the
// template writes it, a final empty segment only where the template ends
// in one, and each parameter one segment that decodes to a valid id
// (never empty, "." or ".."). Checking the segments is not enough: the
// generated client resolves dot segments before the request reaches us,
// so Raw().SecretsGetDependencies(ctx, "..", ...) would arrive as
// /v1/convai/dependencies/tools, a path made only of plain segments;
// CheckPathParam, run by gen.CheckPathParams before the URL is built,
// refuses such an id. These checks stay for what a request editor sets.
func (r *Router) match(method, escaped string) (found *route, pathKnown bool) {
	rest, ok := strings.CutPrefix(escaped, "/")
	if !ok || r == nil {
		return nil, false
	}
	segs := make([]string, 0, 16) // on the stack for any path the API has
	for seg := range strings.SplitSeq(rest, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return nil, false
		}
		segs = append(segs, dec)
	}
	if len(segs) < len(r.prefix) || !slices.Equal(segs[:len(r.prefix)], r.prefix) {
		return nil, false
	}
	segs = segs[len(r.prefix):]
	for i := range r.routes {
		rt := &r.routes[i]
		if len(rt.segs) == len(segs) && segmentsMatch(rt.segs, segs) {
			pathKnown = true
			if rt.Method == method {
				return rt, true
			}
		}
	}
	return nil, pathKnown
}

func segmentsMatch(template, segs []string) bool {
	for i, want := range template {
		if want == "*" && UnsafeID(segs[i]) || want != "*" && segs[i] != want {
			return false
		}
	}
	return true
}

// repeatable reports whether req's route is Repeatable; a request no route
// matches (or any, on a nil Router) is not: the guard refuses it anyway.
func (r *Router) repeatable(req *http.Request) bool {
	if req.URL == nil {
		return false
	}
	rt, _ := r.match(req.Method, req.URL.EscapedPath())
	return rt != nil && rt.Repeatable
}
