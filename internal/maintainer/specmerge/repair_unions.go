package specmerge

import "reflect"

// repairUnionDuplicates removes a union member that repeats an earlier one.
var repairUnionDuplicates = schemaRepair(func(s object, ptr string, fix func(string)) error {
	for _, key := range []string{"anyOf", "oneOf", "allOf"} {
		members, ok := asList(s[key])
		if !ok {
			continue
		}
		var kept []any
		for _, m := range members {
			if !containsEqual(kept, m) {
				kept = append(kept, m)
			}
		}
		if len(kept) != len(members) {
			s[key] = kept
			fix(ptr + "/" + key)
		}
	}
	return nil
})

func containsEqual(list []any, v any) bool {
	for _, e := range list {
		if reflect.DeepEqual(e, v) {
			return true
		}
	}
	return false
}

// repairBothUnions mends a schema with both `anyOf` and `oneOf`, which
// means both hold; oapi-codegen generates each as a union over the same
// type, so the shared members' methods are declared twice. When every
// oneOf member is also an anyOf member, the oneOf implies the anyOf, which
// then goes. Otherwise the two say different things and one must be chosen
// by a person.
var repairBothUnions = schemaRepair(func(s object, ptr string, fix func(string)) error {
	anyOf, hasAny := asList(s["anyOf"])
	oneOf, hasOne := asList(s["oneOf"])
	if !hasAny || !hasOne {
		return nil
	}
	for _, m := range oneOf {
		if !containsEqual(anyOf, m) {
			return &Unrepairable{Where: ptr,
				Problem: "both `anyOf` and `oneOf`, and a `oneOf` member is not among the `anyOf` members",
				Todo:    "keep the one the API means with an overlay action in api/"}
		}
	}
	delete(s, "anyOf")
	fix(ptr + "/anyOf")
	return nil
})

// repairAllOfMaps mends an `allOf` in which more than one member (inline or
// by $ref) has an `additionalProperties` schema: oapi-codegen merges allOf
// members into one Go struct and stops at two maps ("merging two schemas
// with additional properties, this is unhandled"). A value must match every
// member, so the first schema still describes it; later inline members
// allow any additional property instead, which only widens what decodes.
// When the schemas are all behind $refs, shared by other schemas, the
// merge cannot widen one without changing those.
func repairAllOfMaps(doc object, fix func(where string)) error {
	var err error
	walkSchemas(doc, func(s object, ptr string) {
		members, _ := asList(s["allOf"])
		seen := false
		for i, m := range members {
			mo, _ := asObject(m)
			target := mo
			if ref, ok := mo["$ref"].(string); ok {
				target, _ = resolveObject(doc, ref)
			}
			if _, isSchema := asObject(target["additionalProperties"]); !isSchema {
				continue
			}
			switch {
			case !seen:
				seen = true
			case mo["$ref"] == nil:
				mo["additionalProperties"] = true
				fix(ptr + "/allOf/" + itoa(i) + "/additionalProperties")
			case err == nil:
				err = &Unrepairable{Where: ptr + "/allOf/" + itoa(i),
					Problem: "an `allOf` whose members' additionalProperties schemas are behind $refs: oapi-codegen cannot merge two",
					Todo:    "inline one of them with an overlay action in api/, or teach allof-maps to"}
			}
		}
	})
	return err
}

// repairNullableMapValues drops `nullable` from the value schema of an
// object that has properties besides additionalProperties (a union, or a
// $ref the null-union repair wrapped): oapi-codegen declares such a map of
// pointers and fills it with values, which does not compile. The map then
// refuses a null value, which the vendor's documents never show in one.
// An allOf is one object to oapi-codegen: when it has properties (its own
// or a member's), its members' map values lose `nullable` too, a $ref
// member's in the component it refers to.
func repairNullableMapValues(doc object, fix func(string)) error {
	walkSchemas(doc, func(s object, ptr string) {
		if hasProperties(s) {
			dropNullableValue(s, ptr, fix)
		}
		members, _ := asList(s["allOf"])
		targets := make([]object, len(members))
		ptrs := make([]string, len(members))
		withProps := hasProperties(s)
		for i, m := range members {
			targets[i], _ = asObject(m)
			ptrs[i] = ptr + "/allOf/" + itoa(i)
			if ref, ok := targets[i]["$ref"].(string); ok {
				targets[i], _ = resolveObject(doc, ref)
				ptrs[i] = ref
			}
			withProps = withProps || hasProperties(targets[i])
		}
		if withProps {
			for i, target := range targets {
				dropNullableValue(target, ptrs[i], fix)
			}
		}
	})
	return nil
}

func hasProperties(s object) bool {
	_, ok := s["properties"]
	return ok
}

// dropNullableValue drops `nullable` from s's additionalProperties schema,
// if it has one; ptr is s's.
func dropNullableValue(s object, ptr string, fix func(string)) {
	if value, ok := asObject(s["additionalProperties"]); ok && value["nullable"] == true {
		delete(value, "nullable")
		fix(ptr + "/additionalProperties/nullable")
	}
}
