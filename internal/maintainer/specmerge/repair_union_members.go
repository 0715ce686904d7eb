package specmerge

import (
	"strconv"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// oapi-codegen names the inline types of a schema by the path that leads
// to them (see repair_collisions_inline.go), but in two places its path
// gives two types one name, and the Go does not compile ("duplicate
// typename" for a component, a redeclaration in an operation's body):
//
//   - a union member is named after its union and its place (member 0 of
//     Foo's property u is FooU0), and when that member is an inline array
//     or map of an inline enum (or of arrays or maps of one), so is the
//     enum: `type FooU0 = []FooU0` beside `type FooU0 string` (other
//     inline elements are anonymous, or named apart);
//   - the inline types under a map's value schema are named after the map
//     (Foo0 for member 0 of a union value of map Foo), so in an object
//     with properties and additionalProperties they take the names of the
//     properties' (Foo_Value for a union property value of either).
//
// Both repairs move the element schema to a component of its own, which
// oapi-codegen names by the component. They run after the operations are
// named (a body's types are named after its operation) and before the
// collision check, which then sees the new components.

// hoistUnionMemberElements moves the inline enum that is the element
// schema (items, or additionalProperties) of an array or map that is an
// inline member of a union, or the element of an array or map there, to
// components/schemas, named <Union><Member>Item or ...Value (...ItemValue
// further down; with 2, 3... if taken), and refers to it there.
func hoistUnionMemberElements(doc object, fix func(where string)) error {
	walkTypeNames(doc, fix, func(s object, names []string, ptr string, hoist func(holder object, key, name, ptr string)) {
		for _, key := range []string{"oneOf", "anyOf"} {
			for i, m := range listOf(s[key]) {
				mo, _ := asObject(m)
				if mo["$ref"] != nil {
					continue
				}
				member := joinCamel(appendPath(names, strconv.Itoa(i)))
				hoistElementEnums(mo, member, ptr+"/"+key+"/"+itoa(i), hoist)
			}
		}
	})
	return nil
}

// elementKeys are where an array or a map holds its element schema, and
// what the element's component name adds.
var elementKeys = []struct{ key, suffix string }{{"items", "Item"}, {"additionalProperties", "Value"}}

// hoistElementEnums hoists the inline enum that is the element schema of
// container (named name, at ptr), or one further down through inline
// arrays' items and maps' values (an array of maps of an enum):
// oapi-codegen names the types under an array's items or a map's value
// after the array or map, so that enum too is named as the union member.
func hoistElementEnums(container object, name, ptr string, hoist func(holder object, key, name, ptr string)) {
	for _, e := range elementKeys {
		inner, ok := asObject(container[e.key])
		if !ok || inner["$ref"] != nil {
			continue
		}
		if inner["enum"] != nil {
			hoist(container, e.key, name+e.suffix, ptr+"/"+e.key)
		} else if len(unionMembers(inner)) == 0 && inner["allOf"] == nil {
			hoistElementEnums(inner, name+e.suffix, ptr+"/"+e.key, hoist)
		}
	}
}

// hoistClashingMapValues moves the inline value schema of an object with
// properties to components/schemas, named <Object>Value (with 2, 3... if
// taken), when an inline type it brings has the name of one the
// properties bring; other such value schemas keep their Go types.
func hoistClashingMapValues(doc object, fix func(where string)) error {
	walkTypeNames(doc, fix, func(s object, names []string, ptr string, hoist func(holder object, key, name, ptr string)) {
		value, ok := asObject(s["additionalProperties"])
		props, hasProps := asObject(s["properties"])
		if !ok || !hasProps || value["$ref"] != nil {
			return
		}
		root := joinCamel(names)
		taken := map[string]bool{}
		for _, k := range inlineTypeKeys(doc, root, object{"properties": props}) {
			taken[k] = true
		}
		for _, k := range inlineTypeKeys(doc, root, value) {
			if taken[k] {
				hoist(s, "additionalProperties", root+"Value", ptr+"/additionalProperties")
				return
			}
		}
	})
	return nil
}

// walkTypeNames calls fn on every inline schema under every type root of
// doc (component schemas and operation bodies), with the names of the path
// oapi-codegen names its types by and its JSON pointer, children after
// their parent. hoist moves holder[key] to a new component named after
// name, refers to it there and records the fix at ptr; the new component
// is walked in turn.
func walkTypeNames(doc object, fix func(where string), fn func(s object, names []string, ptr string, hoist func(holder object, key, name, ptr string))) {
	var work []typeRoot
	schemas := child(doc, "components", "schemas")
	for _, name := range sortedKeys(schemas) {
		work = append(work, typeRoot{name, pointer("components", "schemas", name), schemas[name]})
	}
	forEachOperation(doc, func(path, method string, op object) {
		name, _ := op["operationId"].(string)
		work = append(work, operationBodies(op, name, pointer("paths", path, method))...)
	})
	hoist := func(holder object, key, name, ptr string) {
		name = freeComponentName(doc, name)
		ensure(ensure(doc, "components"), "schemas")[name] = holder[key]
		work = append(work, typeRoot{name, pointer("components", "schemas", name), holder[key]})
		holder[key] = object{"$ref": "#/components/schemas/" + name}
		fix(ptr)
	}
	for len(work) > 0 {
		root := work[0]
		work = work[1:]
		var walk func(v any, names []string, ptr string)
		walk = func(v any, names []string, ptr string) {
			s, ok := asObject(v)
			if !ok || s["$ref"] != nil {
				return
			}
			fn(s, names, ptr, hoist)
			for _, key := range []string{"oneOf", "anyOf"} {
				for i, m := range listOf(s[key]) {
					walk(m, appendPath(names, strconv.Itoa(i)), ptr+"/"+key+"/"+itoa(i))
				}
			}
			for i, m := range listOf(s["allOf"]) {
				walk(m, names, ptr+"/allOf/"+itoa(i))
			}
			props, _ := asObject(s["properties"])
			for _, name := range sortedKeys(props) {
				walk(props[name], appendPath(names, name), ptr+"/properties/"+jsonpointer.Escape(name))
			}
			walk(s["items"], appendPath(names, "Item"), ptr+"/items")
			walk(s["additionalProperties"], names, ptr+"/additionalProperties")
		}
		walk(root.schema, []string{root.name}, root.ptr)
	}
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
