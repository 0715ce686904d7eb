package specmerge

import "github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"

// schemaChildren lists the keywords under which a schema holds further
// schemas, each with how its value holds them.
var schemaChildren = []struct {
	key  string
	kind int // one schema, a list of schemas, or a map of named schemas
}{
	{"items", one}, {"not", one}, {"additionalProperties", one},
	{"allOf", list}, {"anyOf", list}, {"oneOf", list}, {"prefixItems", list},
	{"properties", named}, {"patternProperties", named}, {"$defs", named},
}

const (
	one = iota
	list
	named
)

// walkSchemas calls fn on every schema object of doc, children before their
// parent, with the JSON pointer of each. fn may rewrite the schema in place.
func walkSchemas(doc object, fn func(s object, ptr string)) {
	for _, name := range sortedKeys(child(doc, "components", "schemas")) {
		if s, ok := asObject(child(doc, "components", "schemas")[name]); ok {
			walkSchema(s, pointer("components", "schemas", name), fn)
		}
	}
	for _, section := range []string{"parameters", "headers"} {
		comps := child(doc, "components", section)
		for _, name := range sortedKeys(comps) {
			walkHolder(comps[name], pointer("components", section, name), fn)
		}
	}
	for _, section := range []string{"requestBodies", "responses"} {
		comps := child(doc, "components", section)
		for _, name := range sortedKeys(comps) {
			walkBody(comps[name], pointer("components", section, name), fn)
		}
	}
	paths := child(doc, "paths")
	for _, p := range sortedKeys(paths) {
		item, _ := asObject(paths[p])
		walkParams(item["parameters"], pointer("paths", p, "parameters"), fn)
		for _, m := range httpMethods {
			op, ok := asObject(item[m])
			if !ok {
				continue
			}
			base := pointer("paths", p, m)
			walkParams(op["parameters"], base+"/parameters", fn)
			walkBody(op["requestBody"], base+"/requestBody", fn)
			responses := child(op, "responses")
			for _, code := range sortedKeys(responses) {
				walkBody(responses[code], base+"/responses/"+jsonpointer.Escape(code), fn)
			}
		}
	}
}

func walkParams(v any, ptr string, fn func(object, string)) {
	params, _ := asList(v)
	for i, p := range params {
		walkHolder(p, ptr+"/"+itoa(i), fn)
	}
}

// walkHolder visits the schema of a parameter or header.
func walkHolder(v any, ptr string, fn func(object, string)) {
	if h, ok := asObject(v); ok {
		if s, ok := asObject(h["schema"]); ok {
			walkSchema(s, ptr+"/schema", fn)
		}
	}
}

// walkBody visits the schemas of a request body or response.
func walkBody(v any, ptr string, fn func(object, string)) {
	b, ok := asObject(v)
	if !ok {
		return
	}
	content := child(b, "content")
	for _, mt := range sortedKeys(content) {
		walkHolder(content[mt], ptr+"/content/"+jsonpointer.Escape(mt), fn)
	}
	headers := child(b, "headers")
	for _, h := range sortedKeys(headers) {
		walkHolder(headers[h], ptr+"/headers/"+jsonpointer.Escape(h), fn)
	}
}

func walkSchema(s object, ptr string, fn func(object, string)) {
	for _, c := range schemaChildren {
		switch c.kind {
		case one:
			if sub, ok := asObject(s[c.key]); ok {
				walkSchema(sub, ptr+"/"+c.key, fn)
			}
		case list:
			subs, _ := asList(s[c.key])
			for i, e := range subs {
				if sub, ok := asObject(e); ok {
					walkSchema(sub, ptr+"/"+c.key+"/"+itoa(i), fn)
				}
			}
		case named:
			subs, _ := asObject(s[c.key])
			for _, name := range sortedKeys(subs) {
				if sub, ok := asObject(subs[name]); ok {
					walkSchema(sub, ptr+"/"+c.key+"/"+jsonpointer.Escape(name), fn)
				}
			}
		}
	}
	fn(s, ptr)
}
