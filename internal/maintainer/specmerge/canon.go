package specmerge

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// Two pages may both carry the same operation or component. They mean the
// same thing when they are equal once documentation is ignored, refs are
// followed, and equivalent spellings are made one. The comparison walks both
// trees side by side, so it reports the first JSON pointer where they differ
// and does its work once per node, however many times a component is used.

// docKeys never change what a value means on the wire or in Go.
var docKeys = map[string]bool{
	"title": true, "description": true, "summary": true, "example": true,
	"examples": true, "externalDocs": true, "operationId": true, "tags": true,
}

// comparison compares a value of page a with a value of page b.
type comparison struct {
	a, b page
	// following holds the ref pairs being compared further up, so that a
	// recursive schema compares as equal instead of forever.
	following map[[2]string]bool
}

// differ returns the JSON pointer (below base) of the first place where x
// (in page a) and y (in page b) differ in meaning, and whether they do.
func differ(a, b page, x, y any, base string) (string, bool) {
	c := comparison{a: a, b: b, following: map[[2]string]bool{}}
	return c.diff(x, y, base)
}

func (c *comparison) diff(x, y any, ptr string) (string, bool) {
	xm, xObj := asObject(x)
	ym, yObj := asObject(y)
	if xObj && yObj {
		return c.diffObjects(xm, ym, ptr)
	}
	xl, xList := asList(x)
	yl, yList := asList(y)
	if xList && yList && len(xl) == len(yl) {
		for i := range xl {
			if p, d := c.diff(xl[i], yl[i], ptr+"/"+itoa(i)); d {
				return p, true
			}
		}
		return "", false
	}
	if reflect.DeepEqual(number(x), number(y)) {
		return "", false
	}
	return ptr, true
}

func (c *comparison) diffObjects(x, y object, ptr string) (string, bool) {
	xr, xRef := x["$ref"].(string)
	yr, yRef := y["$ref"].(string)
	if xRef && yRef && xr == yr {
		// Both name the same component, which the merge compares on its
		// own when it meets the second definition.
		return "", false
	}
	if xRef || yRef {
		pair := [2]string{xr, yr}
		if c.following[pair] {
			return "", false
		}
		c.following[pair] = true
		defer delete(c.following, pair)
		var ok bool
		if xRef {
			if x, ok = resolveObject(c.a.Doc, xr); !ok {
				return ptr, true
			}
		}
		if yRef {
			if y, ok = resolveObject(c.b.Doc, yr); !ok {
				return ptr, true
			}
		}
		return c.diffObjects(x, y, ptr)
	}
	x, y = meaning(x), meaning(y)
	keys := map[string]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		if p, d := c.diff(x[k], y[k], ptr+"/"+jsonpointer.Escape(k)); d {
			return p, true
		}
	}
	return "", false
}

// meaning is a shallow copy of m without documentation and with equivalent
// spellings made one.
func meaning(m object) object {
	out := make(object, len(m))
	for k, v := range m {
		if docKeys[k] || strings.HasPrefix(k, "x-fern-") || strings.HasPrefix(k, "x-source") || k == "x-vendor-operation-id" {
			continue
		}
		out[k] = v
	}
	if req, ok := asList(out["required"]); ok {
		sorted := append([]any(nil), req...)
		sort.Slice(sorted, func(i, j int) bool { return fmt.Sprint(sorted[i]) < fmt.Sprint(sorted[j]) })
		out["required"] = sorted
	}
	if params, ok := asList(out["parameters"]); ok {
		sorted := append([]any(nil), params...)
		sort.Slice(sorted, func(i, j int) bool { return paramKey(sorted[i]) < paramKey(sorted[j]) })
		out["parameters"] = sorted
	}
	if members, ok := asList(out["oneOf"]); ok && disjointTypes(members) {
		// With members of distinct simple types at most one can match, so
		// oneOf and anyOf accept exactly the same values.
		delete(out, "oneOf")
		out["anyOf"] = members
	}
	return out
}

// number makes 1 and 1.0 compare equal, as they do in JSON.
func number(v any) any {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case uint64:
		return float64(n)
	}
	return v
}

func paramKey(v any) string {
	p, _ := asObject(v)
	return fmt.Sprint(p["in"], "\x00", p["name"], "\x00", p["$ref"])
}

// disjointTypes reports whether every member is just a distinct simple type.
func disjointTypes(members []any) bool {
	seen := map[any]bool{}
	for _, m := range members {
		mo, ok := asObject(m)
		t, isString := mo["type"].(string)
		if !ok || len(mo) != 1 || !isString || t == "object" || t == "array" || seen[t] {
			return false
		}
		seen[t] = true
	}
	return !(seen["integer"] && seen["number"])
}

// resolve finds the target of a local ref such as #/components/schemas/X
// or #/paths/~1a/get/parameters/0.
func resolve(doc object, ref string) (any, bool) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for _, tok := range strings.Split(rest, "/") {
		switch node := cur.(type) {
		case object:
			if cur, ok = node[jsonpointer.Unescape(tok)]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			cur = node[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func resolveObject(doc object, ref string) (object, bool) {
	v, ok := resolve(doc, ref)
	if !ok {
		return nil, false
	}
	return asObject(v)
}
