package specmerge

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// kin-openapi reports where in the merged document it found a problem; the
// maintainer needs the page and the JSON pointer there, and what to do.

// kinSections maps kin-openapi's names for component buckets to
// their key in the document.
var kinSections = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers",
	"request body": "requestBodies", "response": "responses", "security scheme": "securitySchemes",
}

// locate names the page and JSON pointer of the component or operation a
// validation error of the merged document is about, when it can tell.
func (r *Result) locate(err error) error {
	file, ptr := r.where(err)
	if ptr == "" {
		return err
	}
	return fmt.Errorf("%s: %s: %w; repair the construct with a new Repair in internal/maintainer/specmerge, or record accepted drift in the overlay in api/", file, ptr, err)
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

// locateGenerated names the pages and JSON pointers of the components and
// operations behind a Go name a generation declared twice (the
// compiler's report, or oapi-codegen's own "duplicate typename" for the
// names it gives inline types), and what to do.
func (r *Result) locateGenerated(err error) error {
	var names []string
	var dups *duplicateDeclsError
	if errors.As(err, &dups) {
		for _, name := range dups.Names {
			typ, _, _ := strings.Cut(name, ".")
			names = append(names, typ)
		}
	} else if m := duplicateTypename.FindStringSubmatch(err.Error()); m != nil {
		names = append(names, m[1])
	} else {
		return fmt.Errorf("%w; a construct no Repair in internal/maintainer/specmerge covers yet: add one", err)
	}
	var at []string
	for _, name := range names {
		at = append(at, r.bringers(goKey(name))...)
	}
	if len(at) == 0 {
		return fmt.Errorf("%w; a name of oapi-codegen's own that the merge does not foresee: teach inlineTypeKeys (internal/maintainer/specmerge/repair_collisions_inline.go) how it is formed", err)
	}
	return fmt.Errorf("%w; from %s: teach go-name-collisions (internal/maintainer/specmerge/repair_collisions.go) the clashing name", err, strings.Join(at, ", "))
}

// duplicateTypename is how oapi-codegen refuses two different types it
// would give one name.
var duplicateTypename = regexp.MustCompile(`duplicate typename '([^']+)'`)

// bringers returns "page: pointer" of each component whose Go type has
// the goKey key, and of each schema component or operation one of whose
// inline types would (inlineTypeKeys).
func (r *Result) bringers(key string) []string {
	var at []string
	add := func(ptr string) {
		file, pagePtr := r.originOf(ptr)
		at = append(at, "the component "+file+": "+pagePtr)
	}
	for _, section := range componentSections {
		comps := child(r.doc, "components", section)
		for _, name := range sortedKeys(comps) {
			if goKey(name) == key || section == "schemas" && slices.Contains(inlineTypeKeys(r.doc, name, comps[name]), key) {
				add(pointer("components", section, name))
			}
		}
	}
	forEachOperation(r.doc, func(path, method string, op object) {
		name, _ := op["operationId"].(string)
		for root, schema := range operationTypeRoots(op, name) {
			if goKey(root) == key || slices.Contains(inlineTypeKeys(r.doc, root, schema), key) {
				file, pagePtr := r.originOf(pointer("paths", path, method))
				at = append(at, "the operation "+file+": "+pagePtr)
				return
			}
		}
	})
	return at
}

// originOf returns the page that gave an operation or a component, and its
// pointer there (under its name before any rename).
func (r *Result) originOf(ptr string) (file, pagePtr string) {
	for _, f := range r.Fixes {
		from, to, renamed := strings.Cut(f.Where, " -> ")
		if renamed && f.Repair == "go-name-collisions" && from[:strings.LastIndex(from, "/")+1]+jsonpointer.Escape(to) == ptr {
			ptr = from
		}
	}
	if file, ok := r.origin[ptr]; ok {
		return file, ptr
	}
	return "the merged document", ptr
}
