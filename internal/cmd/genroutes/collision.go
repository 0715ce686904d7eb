package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// route is a path template of the spec and its segments, "*" for a
// parameter.
type route struct {
	path string
	segs []string
}

// refusedIDs are the ids the client's guard refuses in a parameter
// segment that still change a path before the guard sees it: the generated
// client builds "./<template>" and resolves it against the server URL, so
// "." and ".." remove segments ("/v1/items/{id}/tags/{tag}" with the tag
// ".." is "/v1/items/ID/"), and "" leaves an empty one ("/v1/items/{id}"
// with the id "" is "/v1/items/"). Other refused ids (escaped slashes and
// dots, backslashes, ";") stay in their segment, where the guard sees them.
var refusedIDs = []string{"", ".", ".."}

// maxParams bounds the parameters of one template: idCollision tries
// 4^params fillings of each, and vendor templates have at most a few.
const maxParams = 8

// idCollision refuses a spec in which a refused id, in some parameter of
// a template, yields another template's path (or the same template's with
// other ids). The guard sees only the path, after the generated client has
// resolved it, so it could not tell such a request from one to the other
// endpoint: DELETE /v1/items/{id} with the id "" would reach a DELETE
// /v1/items/. Every filling of a template's parameters with a valid id or
// one of refusedIDs is resolved as the generated client does and matched
// as the guard does.
func idCollision(routes []route) error {
	byLen := map[int][]route{}
	for _, r := range routes {
		byLen[len(r.segs)] = append(byLen[len(r.segs)], r)
	}
	for _, r := range routes {
		var params []int
		for i, s := range r.segs {
			if s == "*" {
				params = append(params, i)
			}
		}
		if len(params) > maxParams {
			return fmt.Errorf("#/paths/%s: %d path parameters, more than the %d the route guard's checks take", escapeToken(r.path), len(params), maxParams)
		}
		values := append([]string{validID}, refusedIDs...)
		fill := make([]int, len(params)) // an index into values per parameter
		for {
			if slices.ContainsFunc(fill, func(v int) bool { return v > 0 }) {
				segs := slices.Clone(r.segs)
				for i, p := range params {
					segs[p] = values[fill[i]]
				}
				got := resolve(segs)
				for _, o := range byLen[len(got)] {
					if guardMatches(o.segs, got) {
						return fmt.Errorf("#/paths/%s: with %s the generated client sends /%s, a path of #/paths/%s: the client's route guard, which sees only the path, could not refuse such an id",
							escapeToken(r.path), describe(params, fill, values), textsafe.Escape(strings.ReplaceAll(strings.Join(got, "/"), validID, "ID")), escapeToken(o.path))
					}
				}
			}
			if !next(fill, len(values)) {
				break
			}
		}
	}
	return nil
}

// validID stands for any id the guard accepts; it equals no literal
// segment of a real template.
const validID = "\x00valid-id"

// next advances fill to the next filling, as an odometer, and reports
// false after the last.
func next(fill []int, n int) bool {
	for i := range fill {
		if fill[i]++; fill[i] < n {
			return true
		}
		fill[i] = 0
	}
	return false
}

// describe names the refused ids of a filling, e.g. `"" as parameter 1`.
func describe(params, fill []int, values []string) string {
	var parts []string
	for i := range params {
		if fill[i] > 0 {
			parts = append(parts, fmt.Sprintf("%q as parameter %d", values[fill[i]], i+1))
		}
	}
	return strings.Join(parts, " and ")
}

// resolve returns segs as the generated client sends them: "./" + the
// path, resolved against a server URL ending in "/" (RFC 3986 removes the
// dot segments, keeping a trailing slash), split at "/".
func resolve(segs []string) []string {
	base := &url.URL{Scheme: "http", Host: "h", Path: "/"}
	res := base.ResolveReference(&url.URL{Path: "./" + strings.Join(segs, "/")})
	return strings.Split(strings.TrimPrefix(res.Path, "/"), "/")
}

// guardMatches is the guard's rule (client/internal/transport, routeMatches):
// a literal segment, the final empty one included, matches itself; a
// parameter matches any segment but an empty, "." or ".." one (after
// resolution none of the latter two is left).
func guardMatches(route, segs []string) bool {
	if len(route) != len(segs) {
		return false
	}
	for i, want := range route {
		if want == "*" && (segs[i] == "" || segs[i] == "." || segs[i] == "..") || want != "*" && segs[i] != want {
			return false
		}
	}
	return true
}
