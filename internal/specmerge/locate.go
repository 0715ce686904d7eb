package specmerge

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// kin-openapi reports where in the merged document it found a problem; the
// maintainer needs the page and the JSON pointer there, and what to do.

// kinSections maps kin-openapi's names for component buckets to
// their key in the document.
var kinSections = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers",
	"request body": "requestBodies", "response": "responses", "security scheme": "securitySchemes",
}

// Locate names the page and JSON pointer of the component or operation a
// validation error of the merged document is about, when it can tell.
func (r *Result) Locate(err error) error {
	file, ptr := r.where(err)
	if ptr == "" {
		return err
	}
	return fmt.Errorf("%s: %s: %w; repair the construct with a new Repair in internal/specmerge, or record accepted drift in the overlay in api/", file, ptr, err)
}

func (r *Result) where(err error) (file, ptr string) {
	var comp *openapi3.ComponentValidationError
	if errors.As(err, &comp) && kinSections[comp.Section] != "" {
		return r.originOf(pointer("components", kinSections[comp.Section], comp.Name))
	}
	var path *openapi3.PathValidationError
	var op *openapi3.OperationValidationError
	if errors.As(err, &path) && errors.As(err, &op) {
		return r.originOf(pointer("paths", path.Path, strings.ToLower(op.Method)))
	}
	return "", ""
}

// LocateGenerated names the pages and JSON pointers of the components whose
// Go names a trial generation declared twice, and what to do.
func (r *Result) LocateGenerated(err error) error {
	var dups *DuplicateDeclsError
	if !errors.As(err, &dups) {
		return fmt.Errorf("%w; a construct no Repair in internal/specmerge covers yet: add one", err)
	}
	var at []string
	for _, name := range dups.Names {
		typ, _, _ := strings.Cut(name, ".")
		for _, section := range componentSections {
			for _, comp := range sortedKeys(child(r.Doc, "components", section)) {
				if goKey(comp) == goKey(typ) {
					file, ptr := r.originOf(pointer("components", section, comp))
					at = append(at, file+": "+ptr)
				}
			}
		}
	}
	if len(at) == 0 {
		return fmt.Errorf("%w; oapi-codegen generated both itself: teach go-name-collisions (internal/specmerge/collide.go) the name", err)
	}
	return fmt.Errorf("%w; the components %s: teach go-name-collisions (internal/specmerge/collide.go) the clashing name", err, strings.Join(at, ", "))
}

// originOf returns the page that gave an operation or a component, and its
// pointer there (under its name before any rename).
func (r *Result) originOf(ptr string) (file, pagePtr string) {
	for _, f := range r.Fixes {
		from, to, renamed := strings.Cut(f.Where, " -> ")
		if renamed && f.Repair == "go-name-collisions" && from[:strings.LastIndex(from, "/")+1]+escapeToken(to) == ptr {
			ptr = from
		}
	}
	if file, ok := r.origin[ptr]; ok {
		return file, ptr
	}
	return "the merged document", ptr
}
