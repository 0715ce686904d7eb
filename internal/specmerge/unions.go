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
