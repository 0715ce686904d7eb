package specmerge

import "github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"

// repairDefs hoists every `$defs` inside a component schema, at any depth,
// into components/schemas, named <Parent><Def>, and points every ref at the
// new place. A ref spelt "#/$defs/<Def>" is relative to the component
// schema that holds it (its JSON Schema resource), so it is rewritten only
// inside that component: two schemas may each define a `$defs/Part` of
// their own.
func repairDefs(doc object, fix func(where string)) error {
	schemas := child(doc, "components", "schemas")
	moved := map[string]string{} // absolute pointer -> new place
	for _, parent := range sortedKeys(schemas) {
		root, _ := asObject(schemas[parent])
		local := map[string]string{} // "#/$defs/<Def>" in this parent -> new place
		var hoisted []string
		rootPtr := pointer("components", "schemas", parent)
		walkSchema(root, rootPtr, func(s object, ptr string) {
			defs, ok := asObject(s["$defs"])
			if !ok {
				return
			}
			delete(s, "$defs")
			for _, name := range sortedKeys(defs) {
				target := parent + name
				for schemas[target] != nil {
					target += "Def"
				}
				schemas[target] = defs[name]
				to := pointer("components", "schemas", target)
				hoisted = append(hoisted, to)
				moved[ptr+"/$defs/"+jsonpointer.Escape(name)] = to
				if ptr == rootPtr {
					local["#/$defs/"+jsonpointer.Escape(name)] = to
				}
				fix(ptr + "/$defs/" + jsonpointer.Escape(name))
			}
		})
		if len(local) > 0 {
			// The parent's defs, wherever they came from, are still
			// inside its resource: their "#/$defs/..." mean the parent's.
			rewriteRefs(root, replaceFrom(local))
			for _, to := range hoisted {
				def, _ := resolve(doc, to)
				rewriteRefs(def, replaceFrom(local))
			}
		}
	}
	if len(moved) > 0 {
		rewriteRefs(doc, replaceFrom(moved))
	}
	return nil
}
