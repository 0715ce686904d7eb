package specmerge

import (
	"fmt"
	"regexp"
)

// Repairs of a page's structure outside its schemas.

func repairNestedTags(doc object, fix func(where string)) error {
	forEachOperation(doc, func(path, method string, op object) {
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
			fix(pointer("paths", path, method, "tags"))
		}
	})
	return nil
}

// anyVersion3 matches every OpenAPI 3 label. The label says little: the
// vendor has published 3.1 constructs under 3.0.x labels, so the schema
// repairs look for the constructs themselves, whatever the label.
var anyVersion3 = regexp.MustCompile(`^3\.\d+(\.\d+)?$`)

// checkVersion refuses what is not OpenAPI 3 at all (Swagger 2.0, a 4.x):
// the repairs know nothing of their structure.
func checkVersion(p Page) error {
	// An unquoted 3.1 is a YAML number; it is still a 3.x label.
	if v, ok := p.Doc["openapi"]; !ok || !anyVersion3.MatchString(fmt.Sprint(v)) {
		return fmt.Errorf("%s: #/openapi: version %q is not OpenAPI 3.x, the only major version the merge understands", p.File, fmt.Sprint(p.Doc["openapi"]))
	}
	return nil
}

func repairVersion(doc object, fix func(where string)) error {
	if doc["openapi"] != "3.0.3" {
		doc["openapi"] = "3.0.3"
		fix("#/openapi")
	}
	return nil
}

// repairNoContentBodies drops the body a 204, 205 or 304 response declares.
func repairNoContentBodies(doc object, fix func(where string)) error {
	forEachOperation(doc, func(path, method string, op object) {
		responses := child(op, "responses")
		for _, code := range []string{"204", "205", "304"} {
			if r := child(responses, code); r != nil {
				if _, ok := r["content"]; ok {
					delete(r, "content")
					fix(pointer("paths", path, method, "responses", code, "content"))
				}
			}
		}
	})
	return nil
}
