package specmerge

import "github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"

// Finding and rewriting the refs of a document: `$ref` values, and the refs
// a discriminator mapping holds as plain strings.

// walkRefs calls fn with every $ref under v and the pointer of its holder,
// in a stable order.
func walkRefs(v any, ptr string, fn func(ref, ptr string)) {
	switch t := v.(type) {
	case object:
		if ref, ok := t["$ref"].(string); ok {
			fn(ref, ptr)
		}
		for _, k := range sortedKeys(t) {
			walkRefs(t[k], ptr+"/"+jsonpointer.Escape(k), fn)
		}
	case []any:
		for i, e := range t {
			walkRefs(e, ptr+"/"+itoa(i), fn)
		}
	}
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

// rewriteDiscriminators renames refs held as discriminator mapping values,
// which are plain strings rather than $ref objects.
func rewriteDiscriminators(v any, to func(string) string) {
	switch t := v.(type) {
	case object:
		if d, ok := asObject(t["discriminator"]); ok {
			if mapping, ok := asObject(d["mapping"]); ok {
				for k, ref := range mapping {
					if s, ok := ref.(string); ok {
						mapping[k] = to(s)
					}
				}
			}
		}
		for _, e := range t {
			rewriteDiscriminators(e, to)
		}
	case []any:
		for _, e := range t {
			rewriteDiscriminators(e, to)
		}
	}
}
