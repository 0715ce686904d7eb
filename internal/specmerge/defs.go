package specmerge

// repairDefs hoists the `$defs` of each component schema into
// components/schemas, named <Parent><Def>, and points every ref at the new
// place. A ref spelt "#/$defs/<Def>" is relative to the schema that holds
// it, so it is rewritten only inside its own parent: two schemas may each
// define a `$defs/Part` of their own.
func repairDefs(doc object, fix func(where string)) error {
	schemas := child(doc, "components", "schemas")
	moved := map[string]string{} // absolute pointer -> new place
	for _, parent := range sortedKeys(schemas) {
		s, _ := asObject(schemas[parent])
		defs, ok := asObject(s["$defs"])
		if !ok {
			continue
		}
		delete(s, "$defs")
		local := map[string]string{} // "#/$defs/<Def>" in this parent -> new place
		for _, name := range sortedKeys(defs) {
			target := parent + name
			for schemas[target] != nil {
				target += "Def"
			}
			schemas[target] = defs[name]
			to := pointer("components", "schemas", target)
			moved[pointer("components", "schemas", parent, "$defs", name)] = to
			local["#/$defs/"+escapeToken(name)] = to
			fix(pointer("components", "schemas", parent, "$defs", name))
		}
		rewriteRefs(s, replaceFrom(local))
		for _, name := range sortedKeys(defs) {
			// A def may refer to its siblings the same way.
			rewriteRefs(defs[name], replaceFrom(local))
		}
	}
	if len(moved) > 0 {
		rewriteRefs(doc, replaceFrom(moved))
	}
	return nil
}

// replaceFrom maps a ref through renames, leaving others unchanged.
func replaceFrom(renames map[string]string) func(string) string {
	return func(ref string) string {
		if to, ok := renames[ref]; ok {
			return to
		}
		return ref
	}
}

// rewriteRefs replaces every $ref value in v with to(ref).
func rewriteRefs(v any, to func(string) string) {
	switch t := v.(type) {
	case object:
		if ref, ok := t["$ref"].(string); ok {
			t["$ref"] = to(ref)
		}
		for _, e := range t {
			rewriteRefs(e, to)
		}
	case []any:
		for _, e := range t {
			rewriteRefs(e, to)
		}
	}
}
