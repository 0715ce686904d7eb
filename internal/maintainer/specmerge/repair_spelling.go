package specmerge

// Repairs of JSON Schema 2020-12 (OpenAPI 3.1) keywords into their OpenAPI
// 3.0 spelling, which is what oapi-codegen v2.8 generates from.

// repairConst spells 3.1's `const` as 3.0 does: a one-value `enum`.
var repairConst = schemaRepair(func(s object, ptr string, fix func(string)) error {
	if v, ok := s["const"]; ok {
		delete(s, "const")
		s["enum"] = []any{v}
		fix(ptr)
	}
	return nil
})

// repairKeywords respells the 3.1 forms of 3.0 keywords: an `examples`
// list becomes its first entry as `example`, and a numeric
// `exclusiveMinimum`/`exclusiveMaximum` becomes the bound plus the 3.0
// boolean.
var repairKeywords = schemaRepair(func(s object, ptr string, fix func(string)) error {
	if respellKeywords(s) {
		fix(ptr)
	}
	return nil
})

func respellKeywords(s object) bool {
	changed := false
	if ex, ok := asList(s["examples"]); ok {
		delete(s, "examples")
		if len(ex) > 0 {
			s["example"] = ex[0]
		}
		changed = true
	}
	for _, b := range []struct {
		exclusive, inclusive string
		// tighter reports whether "> e" (or "< e") bounds more than ">= i".
		tighter func(e, i float64) bool
	}{
		{"exclusiveMinimum", "minimum", func(e, i float64) bool { return e >= i }},
		{"exclusiveMaximum", "maximum", func(e, i float64) bool { return e <= i }},
	} {
		e, ok := toFloat(s[b.exclusive])
		if !ok {
			continue // absent, or already the 3.0 boolean
		}
		changed = true
		// 3.1 allows both bounds at once; 3.0 has one number per side, so
		// keep whichever bound is tighter.
		if i, hasInclusive := toFloat(s[b.inclusive]); hasInclusive && !b.tighter(e, i) {
			delete(s, b.exclusive)
			continue
		}
		s[b.inclusive] = s[b.exclusive]
		s[b.exclusive] = true
	}
	return changed
}

// toFloat returns a decoded YAML number as a float64.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// repairTupleItems rewrites 3.1 `prefixItems` (a tuple) into 3.0 `items`:
// every element is one of the tuple's members or, after them, `items`. 3.0
// has no tuples, and requires `items` on an array.
var repairTupleItems = schemaRepair(func(s object, ptr string, fix func(string)) error {
	prefix, ok := asList(s["prefixItems"])
	if !ok {
		return nil
	}
	delete(s, "prefixItems")
	var members []any
	for _, m := range append(prefix, s["items"]) {
		if _, isSchema := asObject(m); isSchema && !containsEqual(members, m) {
			members = append(members, m)
		}
	}
	switch len(members) {
	case 0:
		s["items"] = object{}
	case 1:
		s["items"] = members[0]
	default:
		s["items"] = object{"anyOf": members}
	}
	fix(ptr + "/prefixItems")
	return nil
})

// repairArrayItems gives an array without `items` (any elements, in 3.1)
// the 3.0 spelling of the same, `items: {}`: 3.0, and so kin-openapi,
// requires items.
var repairArrayItems = schemaRepair(func(s object, ptr string, fix func(string)) error {
	if _, has := s["items"]; s["type"] == "array" && !has {
		s["items"] = object{}
		fix(ptr + "/items")
	}
	return nil
})
