package specmerge

import (
	"fmt"
	"slices"
)

// Repairs of the ways JSON Schema 2020-12 (OpenAPI 3.1) says a value may be
// null, or of several types, into OpenAPI 3.0's `nullable` and `oneOf`.

// repairTypeArrays rewrites 3.1 type arrays: `[T, 'null']` becomes `T` plus
// `nullable`, and several types a `oneOf` of one member per type, which
// oapi-codegen can generate (see repairTypeArray for a schema that already
// has a union).
func repairTypeArrays(doc object, fix func(string)) error {
	var err error
	walkSchemas(doc, func(s object, ptr string) {
		if types, ok := asList(s["type"]); ok && err == nil {
			if err = repairTypeArray(doc, s, types, ptr); err == nil {
				fix(ptr + "/type")
			}
		}
	})
	return err
}

// repairTypeArray rewrites one schema's type array. With several types and
// no union it becomes a oneOf of one member per type. A union the schema
// already has is kept, and the types must then be implied by its members:
// otherwise the schema means "one of these types and one of those members",
// which 3.0 can only spell in ways oapi-codegen does not generate.
func repairTypeArray(doc, s object, types []any, ptr string) error {
	var kinds []string
	nullable := false
	for _, t := range types {
		if t == "null" {
			nullable = true
			continue
		}
		kinds = append(kinds, fmt.Sprint(t))
	}
	if len(kinds) > 1 {
		for _, key := range []string{"oneOf", "anyOf"} {
			members, ok := asList(s[key])
			if !ok {
				continue
			}
			if !membersTyped(doc, members, kinds, nullable) {
				return &Unrepairable{Where: ptr + "/type",
					Problem: fmt.Sprintf("type array %v beside `%s`, whose members do not each declare one of those types", types, key),
					Todo:    "give each member one of the types, or drop the type array, with an overlay action in api/"}
			}
			kinds = nil // the members say it
		}
	}
	delete(s, "type")
	if nullable {
		s["nullable"] = true
	}
	switch len(kinds) {
	case 0:
	case 1:
		s["type"] = kinds[0]
	default:
		members := make([]any, len(kinds))
		for i, k := range kinds {
			members[i] = object{"type": k}
		}
		s["oneOf"] = members
	}
	return nil
}

// membersTyped reports whether every member declares (itself or through its
// $ref) one of kinds as its type, or null when nullable.
func membersTyped(doc object, members []any, kinds []string, nullable bool) bool {
	for _, m := range members {
		mo, _ := asObject(m)
		if ref, ok := mo["$ref"].(string); ok {
			mo, _ = resolveObject(doc, ref)
		}
		t, _ := mo["type"].(string)
		if !slices.Contains(kinds, t) && !(nullable && t == "null") {
			return false
		}
	}
	return true
}

// repairNullUnions folds the `type: 'null'` member (bare, or with only
// documentation beside it) of an `anyOf` or `oneOf` into `nullable: true`
// on the schema, which keeps the other members.
var repairNullUnions = schemaRepair(func(s object, ptr string, fix func(string)) error {
	for _, key := range []string{"anyOf", "oneOf"} {
		if repairNullUnion(s, key) {
			fix(ptr + "/" + key)
		}
	}
	return nil
})

// repairNullUnion folds a `{type: 'null'}` member of a union into nullable.
func repairNullUnion(s object, key string) bool {
	members, ok := asList(s[key])
	if !ok {
		return false
	}
	var rest []any
	for _, m := range members {
		if !isNullMember(m) {
			rest = append(rest, m)
		}
	}
	if len(rest) == len(members) {
		return false
	}
	s["nullable"] = true
	delete(s, key)
	if len(rest) != 1 {
		s[key] = rest
		return true
	}
	only, _ := asObject(rest[0])
	if _, isRef := only["$ref"]; isRef {
		// A 3.0 $ref ignores its siblings, so keep nullable on a wrapper.
		s["allOf"] = []any{only}
		return true
	}
	for k, v := range only {
		if _, taken := s[k]; !taken || k == "type" {
			s[k] = v
		}
	}
	return true
}

// repairNullType spells a schema that only admits null, 3.1's `type:
// 'null'` outside a union, as 3.0 can: nullable, with null its one value.
// 3.0 has no null type.
var repairNullType = schemaRepair(func(s object, ptr string, fix func(string)) error {
	if s["type"] == "null" {
		delete(s, "type")
		s["nullable"] = true
		s["enum"] = []any{nil}
		fix(ptr + "/type")
	}
	return nil
})

// isNullMember reports whether a union member only admits null: `type:
// 'null'` and nothing but documentation beside it.
func isNullMember(m any) bool {
	mo, ok := asObject(m)
	if !ok || mo["type"] != "null" {
		return false
	}
	for k := range mo {
		if k != "type" && !docKeys[k] {
			return false
		}
	}
	return true
}
