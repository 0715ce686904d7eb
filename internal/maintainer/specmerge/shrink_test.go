package specmerge

import "strconv"

// Shrinking a failing page of TestGrammarPages: drop one part of its tree
// at a time (a path, an operation, a parameter, a property, a union
// member, a keyword...), keeping each drop after which the page still
// fails the same way, until no drop keeps it failing or the tries run
// out. Larger parts come first, so most of a page goes in a few tries.

// maxShrinkTries bounds the checks: with builds, each costs seconds.
const maxShrinkTries = 400

func (p *pagePipeline) shrink(pg grammarPage, signature string) grammarPage {
	tries := 0
	for changed := true; changed && tries < maxShrinkTries; {
		changed = false
		for i := 0; tries < maxShrinkTries; tries++ {
			parts := droppableParts(pg.doc)
			if i >= len(parts) {
				break
			}
			candidate := pg
			candidate.doc, _ = asObject(without(pg.doc, parts[i]))
			if f := p.check([]grammarPage{candidate}); f != nil && f.signature() == signature {
				pg, changed = candidate, true
				continue // the next part now has index i
			}
			i++
		}
	}
	return pg
}

// droppableParts lists the paths (keys and list indices) of every part of
// doc, parents before children, less what makes a page a page: its
// openapi label, its info, the paths key, an operation's responses and a
// response's description.
func droppableParts(doc object) [][]string {
	var parts [][]string
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		if len(path) > 0 && !essential(path) {
			parts = append(parts, path)
		}
		if o, ok := asObject(v); ok {
			for _, k := range sortedKeys(o) {
				walk(o[k], appendPath(path, k))
			}
		}
		if l, ok := asList(v); ok {
			for i, e := range l {
				walk(e, appendPath(path, strconv.Itoa(i)))
			}
		}
	}
	walk(doc, nil)
	return parts
}

func essential(path []string) bool {
	switch {
	case path[0] == "openapi" || path[0] == "info" || len(path) == 1 && path[0] == "paths":
		return true
	case path[0] == "paths" && len(path) == 4 && path[3] == "responses":
		return true
	case path[0] == "paths" && len(path) == 6 && path[3] == "responses" && path[5] == "description":
		return true
	}
	return false
}

// without returns v with the part at path removed, copying only the
// objects and lists on the way to it: the rest is shared, and never
// changed (a page is checked through its YAML).
func without(v any, path []string) any {
	switch t := v.(type) {
	case object:
		c := make(object, len(t))
		for k, e := range t {
			c[k] = e
		}
		if len(path) == 1 {
			delete(c, path[0])
		} else {
			c[path[0]] = without(t[path[0]], path[1:])
		}
		return c
	case []any:
		i, _ := strconv.Atoi(path[0])
		if len(path) == 1 {
			return append(append([]any{}, t[:i]...), t[i+1:]...)
		}
		c := append([]any{}, t...)
		c[i] = without(t[i], path[1:])
		return c
	}
	return v
}
