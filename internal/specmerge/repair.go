package specmerge

import (
	"fmt"
	"reflect"
	"strings"
)

// Repair is one defect of the vendor's pages that the merge mends, with the
// reason it must be mended. Every repair the merge can make is listed in
// [Repairs]; a [Fix] records one place where it was made.
type Repair struct {
	ID     string
	Reason string
}

// Fix records that a repair was applied, where.
type Fix struct {
	Repair string // a Repair ID
	File   string // the page, or "" for the merged document
	Where  string // JSON pointer
}

// String renders "<repair> in <file> at <pointer>".
func (f Fix) String() string {
	if f.File == "" {
		return fmt.Sprintf("%s at %s", f.Repair, f.Where)
	}
	return fmt.Sprintf("%s in %s at %s", f.Repair, f.File, f.Where)
}

// Repairs is every repair the merge makes, in the order it makes them.
var Repairs = []Repair{
	{"nested-tags", "a tag given as a list of tags (the delete page) is flattened: kin-openapi and oapi-codegen refuse to load a non-string tag"},
	{"openapi-3.0", "pages declare 3.1.0 or 3.1.1; the merged document is 3.0.3, the version oapi-codegen v2.8 and kin-openapi's validator fully support"},
	{"const-to-enum", "3.1 `const` becomes a one-value `enum`, its 3.0 spelling"},
	{"null-union", "`anyOf`/`oneOf` with a `type: 'null'` member becomes the other member with `nullable: true`"},
	{"type-array", "3.1 type arrays: `[T, 'null']` becomes `T` + `nullable`; several types become a `oneOf`, which oapi-codegen can generate"},
	{"defs-hoist", "`$defs` inside a schema move to components/schemas (refs rewritten): oapi-codegen cannot follow refs into `$defs`"},
	{"keywords-3.0", "3.1 spellings of 3.0 keywords: `examples` list -> `example`, numeric `exclusiveMinimum`/`exclusiveMaximum` -> bound + boolean"},
	{"no-content-body", "a 204/205/304 response declares a body: generated clients then fail to decode the empty body and Go's server would keep Content-Type"},
	{"api-key-security", "`xi-api-key` header parameters become one `apiKey` security scheme, so the key is set in one place and never sent twice or empty"},
	{"union-duplicates", "a union listing the same member twice generates duplicate Go methods that do not compile"},
	{"operation-names", "operationIds become `<Group><Method>` from the vendor's SDK group/method or tags, so every page format names an operation the same and names never collide"},
	{"go-name-collisions", "a schema whose Go name equals a generated type (`<Op>Params`, `<Op>Response`...) or another schema's is renamed, refs rewritten"},
	{"prune-unreferenced", "schemas no operation reaches (left behind by the repairs above) are dropped"},
}

// pageRepairs are the repairs that concern one page; the rest need the
// merged document.
var pageRepairs = []func(p *Page, fix func(id, where string)){
	repairNestedTags,
	repairVersion,
	repairDefs,
	repairSchemas,
	repairNoContentBodies,
	repairAPIKeyParams,
	repairUnionDuplicates,
}

func repairPage(p *Page) []Fix {
	var fixes []Fix
	fix := func(id, where string) { fixes = append(fixes, Fix{Repair: id, File: p.File, Where: where}) }
	for _, r := range pageRepairs {
		r(p, fix)
	}
	return fixes
}

func repairNestedTags(p *Page, fix func(id, where string)) {
	forEachOperation(p.Doc, func(path, method string, op object) {
		tags, ok := asList(op["tags"])
		if !ok {
			return
		}
		var flat []any
		nested := false
		var flatten func(v any)
		flatten = func(v any) {
			if l, ok := asList(v); ok {
				nested = true
				for _, e := range l {
					flatten(e)
				}
				return
			}
			flat = append(flat, fmt.Sprint(v))
		}
		for _, t := range tags {
			flatten(t)
		}
		if nested {
			op["tags"] = flat
			fix("nested-tags", pointer("paths", path, method, "tags"))
		}
	})
}

func repairVersion(p *Page, fix func(id, where string)) {
	// checkVersion has refused anything but 3.0.x and 3.1.x.
	if v := fmt.Sprint(p.Doc["openapi"]); v != "3.0.3" {
		p.Doc["openapi"] = "3.0.3"
		fix("openapi-3.0", "#/openapi")
	}
}

// repairSchemas rewrites every 3.1-only construct into its 3.0 spelling.
func repairSchemas(p *Page, fix func(id, where string)) {
	walkSchemas(p.Doc, func(s object, ptr string) {
		if v, ok := s["const"]; ok {
			delete(s, "const")
			s["enum"] = []any{v}
			fix("const-to-enum", ptr)
		}
		if types, ok := asList(s["type"]); ok {
			repairTypeArray(s, types)
			fix("type-array", ptr+"/type")
		}
		for _, key := range []string{"anyOf", "oneOf"} {
			if repairNullUnion(s, key) {
				fix("null-union", ptr+"/"+key)
			}
		}
		if repairKeywords(s) {
			fix("keywords-3.0", ptr)
		}
	})
}

func repairTypeArray(s object, types []any) {
	var kinds []string
	for _, t := range types {
		if t == "null" {
			s["nullable"] = true
			continue
		}
		kinds = append(kinds, fmt.Sprint(t))
	}
	delete(s, "type")
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
}

// repairNullUnion folds a `{type: 'null'}` member of a union into nullable.
func repairNullUnion(s object, key string) bool {
	members, ok := asList(s[key])
	if !ok {
		return false
	}
	var rest []any
	for _, m := range members {
		if mo, ok := asObject(m); ok && mo["type"] == "null" && len(mo) == 1 {
			continue
		}
		rest = append(rest, m)
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

func repairKeywords(s object) bool {
	changed := false
	if ex, ok := asList(s["examples"]); ok {
		delete(s, "examples")
		if len(ex) > 0 {
			s["example"] = ex[0]
		}
		changed = true
	}
	for _, b := range []struct {
		exclusive, inclusive string
		// tighter reports whether "> e" (or "< e") bounds more than ">= i".
		tighter func(e, i float64) bool
	}{
		{"exclusiveMinimum", "minimum", func(e, i float64) bool { return e >= i }},
		{"exclusiveMaximum", "maximum", func(e, i float64) bool { return e <= i }},
	} {
		e, ok := toFloat(s[b.exclusive])
		if !ok {
			continue // absent, or already the 3.0 boolean
		}
		changed = true
		// 3.1 allows both bounds at once; 3.0 has one number per side, so
		// keep whichever bound is tighter.
		if i, hasInclusive := toFloat(s[b.inclusive]); hasInclusive && !b.tighter(e, i) {
			delete(s, b.exclusive)
			continue
		}
		s[b.inclusive] = s[b.exclusive]
		s[b.exclusive] = true
	}
	return changed
}

// toFloat returns a decoded YAML number as a float64.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// repairDefs hoists `$defs` of component schemas into components/schemas,
// named <Parent><Def>, and points every ref at the new place.
func repairDefs(p *Page, fix func(id, where string)) {
	schemas := child(p.Doc, "components", "schemas")
	moved := map[string]string{}
	for _, parent := range sortedKeys(schemas) {
		s, _ := asObject(schemas[parent])
		defs, ok := asObject(s["$defs"])
		if !ok {
			continue
		}
		delete(s, "$defs")
		for _, name := range sortedKeys(defs) {
			target := parent + name
			for schemas[target] != nil {
				target += "Def"
			}
			schemas[target] = defs[name]
			moved[pointer("components", "schemas", parent, "$defs", name)] = pointer("components", "schemas", target)
			moved["#/$defs/"+escapeToken(name)] = pointer("components", "schemas", target)
			fix("defs-hoist", pointer("components", "schemas", parent, "$defs", name))
		}
	}
	if len(moved) > 0 {
		rewriteRefs(p.Doc, func(ref string) string {
			if to, ok := moved[ref]; ok {
				return to
			}
			return ref
		})
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

// repairNoContentBodies drops the body a 204, 205 or 304 response declares.
func repairNoContentBodies(p *Page, fix func(id, where string)) {
	forEachOperation(p.Doc, func(path, method string, op object) {
		responses := child(op, "responses")
		for _, code := range []string{"204", "205", "304"} {
			if r := child(responses, code); r != nil {
				if _, ok := r["content"]; ok {
					delete(r, "content")
					fix("no-content-body", pointer("paths", path, method, "responses", code, "content"))
				}
			}
		}
	})
}

// APIKeyHeader is the header the vendor reads the API key from.
const APIKeyHeader = "xi-api-key"

// APIKeyScheme is the name of the security scheme that carries it.
const APIKeyScheme = "ApiKeyAuth"

func repairAPIKeyParams(p *Page, fix func(id, where string)) {
	found := false
	// drop removes the key parameter, inline or by $ref, from one list.
	drop := func(holder object, ptr string) {
		params, ok := asList(holder["parameters"])
		if !ok {
			return
		}
		kept := params[:0:0]
		for _, param := range params {
			if isAPIKeyParam(p.Doc, param) {
				found = true
				fix("api-key-security", ptr)
				continue
			}
			kept = append(kept, param)
		}
		if len(kept) == 0 {
			delete(holder, "parameters")
		} else {
			holder["parameters"] = kept
		}
	}
	paths := child(p.Doc, "paths")
	for _, path := range sortedKeys(paths) {
		item, _ := asObject(paths[path])
		drop(item, pointer("paths", path, "parameters"))
		for _, m := range httpMethods {
			if op, ok := asObject(item[m]); ok {
				drop(op, pointer("paths", path, m, "parameters"))
			}
		}
	}
	if !found {
		return
	}
	shared := child(p.Doc, "components", "parameters")
	for _, name := range sortedKeys(shared) {
		if isAPIKeyParam(p.Doc, shared[name]) {
			delete(shared, name)
		}
	}
	ensure(ensure(p.Doc, "components"), "securitySchemes")[APIKeyScheme] = object{
		"type": "apiKey", "in": "header", "name": APIKeyHeader,
	}
	p.Doc["security"] = []any{object{APIKeyScheme: []any{}}}
}

// isAPIKeyParam reports whether param, or the parameter it refers to, is
// the xi-api-key header.
func isAPIKeyParam(doc object, param any) bool {
	po, _ := asObject(param)
	if ref, ok := po["$ref"].(string); ok {
		po, _ = resolveObject(doc, ref)
	}
	return po["in"] == "header" && strings.EqualFold(fmt.Sprint(po["name"]), APIKeyHeader)
}

// repairUnionDuplicates removes a union member that repeats an earlier one.
func repairUnionDuplicates(p *Page, fix func(id, where string)) {
	walkSchemas(p.Doc, func(s object, ptr string) {
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
				fix("union-duplicates", ptr+"/"+key)
			}
		}
	})
}

func containsEqual(list []any, v any) bool {
	for _, e := range list {
		if reflect.DeepEqual(e, v) {
			return true
		}
	}
	return false
}
