package specmerge

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// The merge works on plain decoded trees (map[string]any, []any, scalars):
// they are cheap to copy, compare and re-encode, and yaml.v3 writes maps with
// sorted keys, which is what makes the output deterministic.

type object = map[string]any

func asObject(v any) (object, bool) {
	m, ok := v.(object)
	return m, ok
}

func asList(v any) ([]any, bool) {
	l, ok := v.([]any)
	return l, ok
}

// child returns the object at the given keys, or nil.
func child(m object, keys ...string) object {
	for _, k := range keys {
		next, ok := asObject(m[k])
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

// ensure returns the object at key, creating it when missing.
func ensure(m object, key string) object {
	if c, ok := asObject(m[key]); ok {
		return c
	}
	c := object{}
	m[key] = c
	return c
}

// sortedKeys returns m's keys in byte order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// deepCopy copies a decoded tree so that a page's later repairs never reach
// into another page's nodes.
func deepCopy(v any) any {
	switch t := v.(type) {
	case object:
		c := make(object, len(t))
		for k, e := range t {
			c[k] = deepCopy(e)
		}
		return c
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			c[i] = deepCopy(e)
		}
		return c
	default:
		return v
	}
}

// pointer builds a JSON pointer (RFC 6901) from reference tokens.
func pointer(tokens ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(jsonpointer.Escape(t))
	}
	return b.String()
}

// normalizeKeys converts what yaml.v3 decodes into plain trees with string
// keys: an unquoted response code such as 200 decodes as an int key.
func normalizeKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalizeKeys(e)
		}
		return t
	case map[any]any:
		m := make(object, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = normalizeKeys(e)
		}
		return m
	case []any:
		for i, e := range t {
			t[i] = normalizeKeys(e)
		}
		return t
	default:
		return v
	}
}

// httpMethods are the operation keys of a path item, in output order.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func isHTTPMethod(k string) bool {
	for _, m := range httpMethods {
		if m == k {
			return true
		}
	}
	return false
}

// forEachOperation calls fn for every operation of doc, in path then method
// order, so callers that build names see operations deterministically.
func forEachOperation(doc object, fn func(path, method string, op object)) {
	paths := child(doc, "paths")
	for _, p := range sortedKeys(paths) {
		item, _ := asObject(paths[p])
		for _, m := range httpMethods {
			if op, ok := asObject(item[m]); ok {
				fn(p, m, op)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
