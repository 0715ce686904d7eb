package specmerge

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Two pages may both carry the same operation or component. They mean the
// same thing when their canonical forms are equal: documentation is ignored,
// refs are inlined, and equivalent spellings are made one.

// docKeys never change what a value means on the wire or in Go.
var docKeys = map[string]bool{
	"title": true, "description": true, "summary": true, "example": true,
	"examples": true, "externalDocs": true, "operationId": true, "tags": true,
}

// canonicalizer resolves a page's local refs while building a canonical form.
type canonicalizer struct {
	doc      object
	visiting map[string]bool
}

func canonical(doc object, v any) any {
	c := canonicalizer{doc: doc, visiting: map[string]bool{}}
	return c.value(v)
}

func (c *canonicalizer) value(v any) any {
	switch t := v.(type) {
	case object:
		return c.object(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = c.value(e)
		}
		return out
	case int:
		return float64(t)
	default:
		return v
	}
}

func (c *canonicalizer) object(m object) any {
	if ref, ok := m["$ref"].(string); ok {
		return c.ref(ref)
	}
	out := object{}
	for k, v := range m {
		if docKeys[k] || strings.HasPrefix(k, "x-fern-") || strings.HasPrefix(k, "x-source") {
			continue
		}
		out[k] = c.value(v)
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

func (c *canonicalizer) ref(ref string) any {
	if c.visiting[ref] {
		return object{"$ref": ref}
	}
	target, ok := resolve(c.doc, ref)
	if !ok {
		return object{"$ref": ref}
	}
	c.visiting[ref] = true
	defer delete(c.visiting, ref)
	return c.value(target)
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

// resolve finds the target of a local ref such as #/components/schemas/X.
func resolve(doc object, ref string) (any, bool) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for _, tok := range strings.Split(rest, "/") {
		m, ok := asObject(cur)
		if !ok {
			return nil, false
		}
		if cur, ok = m[unescapeToken(tok)]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// firstDiff returns the JSON pointer (below base) of the first place where a
// and b differ, and whether they differ at all.
func firstDiff(a, b any, base string) (string, bool) {
	am, aObj := asObject(a)
	bm, bObj := asObject(b)
	if aObj && bObj {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			if p, differ := firstDiff(am[k], bm[k], base+"/"+escapeToken(k)); differ {
				return p, true
			}
		}
		return "", false
	}
	al, aList := asList(a)
	bl, bList := asList(b)
	if aList && bList && len(al) == len(bl) {
		for i := range al {
			if p, differ := firstDiff(al[i], bl[i], base+"/"+itoa(i)); differ {
				return p, true
			}
		}
		return "", false
	}
	if reflect.DeepEqual(a, b) {
		return "", false
	}
	return base, true
}
