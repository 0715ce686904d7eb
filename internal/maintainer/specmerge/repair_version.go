package specmerge

import (
	"fmt"
	"regexp"
)

// The `openapi` label of a page: refused when it is not 3.x, relabelled
// 3.0.3 when it is.

// anyVersion3 matches every OpenAPI 3 label. The label says little: the
// vendor has published 3.1 constructs under 3.0.x labels, so the schema
// repairs look for the constructs themselves, whatever the label.
var anyVersion3 = regexp.MustCompile(`^3\.\d+(\.\d+)?$`)

// checkVersion refuses what is not OpenAPI 3 at all (Swagger 2.0, a 4.x):
// the repairs know nothing of their structure.
func checkVersion(p page) error {
	// An unquoted 3.1 is a YAML number; it is still a 3.x label.
	if v, ok := p.Doc["openapi"]; !ok || !anyVersion3.MatchString(fmt.Sprint(v)) {
		return fmt.Errorf("%s: #/openapi: version %q is not OpenAPI 3.x, the only major version the merge understands", p.File, fmt.Sprint(p.Doc["openapi"]))
	}
	return nil
}

// repairVersion labels every 3.x page (3.0.1 to 3.2.0 so far) 3.0.3, the
// version oapi-codegen v2.8 and kin-openapi's validator fully support. The
// label is not trusted: the other repairs mend the 3.1 constructs that are
// there, whatever the page says it is.
func repairVersion(doc object, fix func(where string)) error {
	if doc["openapi"] != "3.0.3" {
		doc["openapi"] = "3.0.3"
		fix("#/openapi")
	}
	return nil
}
