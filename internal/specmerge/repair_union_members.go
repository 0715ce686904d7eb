package specmerge

import "strconv"

// oapi-codegen names a union member after its union and its place: member 0
// of Foo's property u is FooU0. When that member is an inline array or map,
// it also names the inline type of its elements (an enum, an object, a
// union) FooU0, not FooU0Item as it does elsewhere: `type FooU0 = []FooU0`
// beside `type FooU0 string`, which does not compile ("duplicate typename"
// for a component, a redeclaration in an operation's body).

// hoistUnionMemberElements moves the inline element schema (items, or
// additionalProperties) of every array or map that is an inline member of
// a union into components/schemas, named <Union><Member>Item or ...Value
// (with 2, 3... if taken), and refers to it there, so oapi-codegen names
// the elements by the component. It runs after the
// operations are named (a body's types are named after its operation) and
// before the collision check, which then sees the new components.
func hoistUnionMemberElements(doc object, fix func(where string)) error {
	var work []typeRoot
	schemas := child(doc, "components", "schemas")
	for _, name := range sortedKeys(schemas) {
		work = append(work, typeRoot{name, pointer("components", "schemas", name), schemas[name]})
	}
	forEachOperation(doc, func(path, method string, op object) {
		name, _ := op["operationId"].(string)
		work = append(work, operationBodies(op, name, pointer("paths", path, method))...)
	})
	for len(work) > 0 {
		root := work[0]
		work = work[1:]
		var walk func(v any, names []string, ptr string)
		walk = func(v any, names []string, ptr string) {
			so, ok := asObject(v)
			if !ok || so["$ref"] != nil {
				return
			}
			for _, key := range []string{"oneOf", "anyOf"} {
				for i, m := range listOf(so[key]) {
					member, memberPtr := appendPath(names, strconv.Itoa(i)), ptr+"/"+key+"/"+itoa(i)
					mo, _ := asObject(m)
					for _, elem := range []struct{ key, suffix string }{{"items", "Item"}, {"additionalProperties", "Value"}} {
						inner, ok := asObject(mo[elem.key])
						if !ok || mo["$ref"] != nil || !needsOwnType(inner) {
							continue
						}
						name := freeComponentName(doc, joinCamel(member)+elem.suffix)
						ensure(ensure(doc, "components"), "schemas")[name] = inner
						mo[elem.key] = object{"$ref": "#/components/schemas/" + name}
						fix(memberPtr + "/" + elem.key)
						work = append(work, typeRoot{name, pointer("components", "schemas", name), inner})
					}
					walk(m, member, memberPtr)
				}
			}
			for i, m := range listOf(so["allOf"]) {
				walk(m, names, ptr+"/allOf/"+itoa(i))
			}
			props, _ := asObject(so["properties"])
			for _, name := range sortedKeys(props) {
				walk(props[name], appendPath(names, name), ptr+"/properties/"+escapeToken(name))
			}
			walk(so["items"], appendPath(names, "Item"), ptr+"/items")
			walk(so["additionalProperties"], appendPath(names, "AdditionalProperties"), ptr+"/additionalProperties")
		}
		walk(root.schema, []string{root.name}, root.ptr)
	}
	return nil
}

// needsOwnType reports whether oapi-codegen generates a named type for an
// inline schema: an enum, an object with properties, a union or a map.
func needsOwnType(s object) bool {
	if s["$ref"] != nil {
		return false
	}
	props, _ := asObject(s["properties"])
	return s["enum"] != nil || len(props) > 0 || len(unionMembers(s)) > 0 || s["allOf"] != nil || isMapSchema(s)
}

// joinCamel joins a type's path, each part CamelCase: Foo, u, 0 -> FooU0.
func joinCamel(names []string) string {
	var out string
	for _, n := range names {
		out += camel(n)
	}
	return out
}

// freeComponentName is base, or base2, base3... whichever no schema has.
func freeComponentName(doc object, base string) string {
	schemas := child(doc, "components", "schemas")
	name := base
	for i := 2; schemas[name] != nil; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}
