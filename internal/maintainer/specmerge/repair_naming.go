package specmerge

import (
	"fmt"
	"strings"
	"unicode"
)

// The Go name of an operation is <Group><Method>: the last segment of the
// vendor's SDK group (x-fern-sdk-group-name) and its SDK method name
// (x-fern-sdk-method-name). Documentation pages carry neither, but spell the
// same facts as a tag path ("subpackage_conversationalAi/secrets") and a
// short operationId ("update"), so both formats name an operation the same.
// When two operations would share a name, each takes one more group segment
// until they differ; as a last resort the HTTP method and path are added.

type opName struct {
	path, method string
	op           object
	groups       []string // outermost first, CamelCase
	verb         string   // CamelCase
	depth        int      // how many trailing groups the name uses
	fallback     bool
}

func (n *opName) name() string {
	var b strings.Builder
	start := len(n.groups) - n.depth
	for _, g := range n.groups[start:] {
		b.WriteString(g)
	}
	b.WriteString(n.verb)
	if n.fallback {
		b.WriteString(camel(n.method))
		b.WriteString(camel(n.path))
	}
	return b.String()
}

// nameOperations sets every operationId to <Group><Method> (see the top of
// this file), so that both page formats name an operation the same and no
// two operations share a name; the vendor's own id is kept as
// x-vendor-operation-id.
func nameOperations(doc object, fix func(where string)) error {
	var ops []*opName
	forEachOperation(doc, func(path, method string, op object) {
		groups, verb := operationIdentity(op, method, path)
		n := &opName{path: path, method: method, op: op, groups: groups, verb: verb}
		if len(groups) > 0 {
			n.depth = 1
		}
		ops = append(ops, n)
	})
	for {
		byName := map[string][]*opName{}
		for _, n := range ops {
			byName[n.name()] = append(byName[n.name()], n)
		}
		changed := false
		for _, name := range sortedKeys(byName) {
			same := byName[name]
			if len(same) < 2 {
				continue
			}
			for _, n := range same {
				switch {
				case n.depth < len(n.groups):
					n.depth++
					changed = true
				case !n.fallback:
					n.fallback = true
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	for _, n := range ops {
		name := n.name()
		if old := fmt.Sprint(n.op["operationId"]); old != name {
			if _, had := n.op["operationId"]; had {
				n.op["x-vendor-operation-id"] = old
			}
			n.op["operationId"] = name
			fix(pointer("paths", n.path, n.method, "operationId"))
		}
	}
	return nil
}

// operationIdentity returns the SDK group path and method of an operation.
func operationIdentity(op object, method, path string) (groups []string, verb string) {
	fernMethod, _ := op["x-fern-sdk-method-name"].(string)
	if fernMethod != "" {
		for _, g := range stringsOf(op["x-fern-sdk-group-name"]) {
			groups = append(groups, camel(g))
		}
		return dedupeAdjacent(groups), camel(fernMethod)
	}
	id, _ := op["operationId"].(string)
	if id == "" {
		return nil, camel(method) + camel(path)
	}
	tags := stringsOf(op["tags"])
	if len(tags) == 0 {
		return nil, camel(id)
	}
	// The last tag is the most specific: "a.a/secrets" or ["a", "a/secrets"].
	for _, seg := range strings.FieldsFunc(tags[len(tags)-1], func(r rune) bool { return r == '.' || r == '/' }) {
		groups = append(groups, camel(strings.TrimPrefix(seg, "subpackage_")))
	}
	return dedupeAdjacent(groups), camel(id)
}

func stringsOf(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	var out []string
	for _, e := range listOf(v) {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

func dedupeAdjacent(s []string) []string {
	var out []string
	for _, e := range s {
		if e != "" && (len(out) == 0 || out[len(out)-1] != e) {
			out = append(out, e)
		}
	}
	return out
}

// camel turns "get_dependencies", "conversationalAi" or "/v1/{id}" into
// "GetDependencies", "ConversationalAi" and "V1Id".
func camel(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
