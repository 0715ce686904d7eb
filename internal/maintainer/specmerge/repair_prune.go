package specmerge

// pruneUnreferenced drops components that no operation reaches.
func pruneUnreferenced(doc object, fix func(where string)) error {
	reached := map[string]bool{}
	var visit func(v any)
	reach := func(ref string) {
		if reached[ref] {
			return
		}
		reached[ref] = true
		if target, ok := resolve(doc, ref); ok {
			visit(target)
		}
	}
	visit = func(v any) {
		walkRefs(v, "#", func(ref, _ string) { reach(ref) })
		// Discriminator mappings hold refs as plain strings; the rewriter
		// is the walker that finds them (it is given the identity).
		rewriteDiscriminators(v, func(ref string) string { reach(ref); return ref })
	}
	visit(doc["paths"])
	comps := child(doc, "components")
	for _, section := range componentSections {
		named := child(comps, section)
		for _, name := range sortedKeys(named) {
			ptr := pointer("components", section, name)
			if !reached[ptr] {
				delete(named, name)
				fix(ptr)
			}
		}
		if named != nil && len(named) == 0 {
			delete(comps, section)
		}
	}
	return nil
}
