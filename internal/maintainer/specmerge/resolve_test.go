package specmerge

import "testing"

func TestResolve(t *testing.T) {
	doc := object{"paths": object{"/a": object{"get": object{"parameters": []any{object{"name": "p"}}}}},
		"components": object{"schemas": object{"a/b": object{"type": "string"}}}}
	for ref, ok := range map[string]bool{
		"#/paths/~1a/get/parameters/0":  true,
		"#/paths/~1a/get/parameters/1":  false,
		"#/paths/~1a/get/parameters/-1": false,
		"#/paths/~1a/get/parameters/x":  false,
		"#/components/schemas/a~1b":     true,
		"#/components/schemas/nope":     false,
		"other.yaml#/x":                 false,
	} {
		if _, got := resolve(doc, ref); got != ok {
			t.Errorf("resolve(%q) ok = %v, want %v", ref, got, ok)
		}
	}
}
