package specmerge

import (
	"errors"
	"fmt"

	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// Repair is one construct of the vendor's pages that the merge mends, the
// reason it must be mended, and the function that mends it. Every repair is
// listed in [Repairs], which is the order the merge runs them in; a [Fix]
// records one place where one was made.
type Repair struct {
	ID    string
	Level Level
	// Reason says in one line what is mended and why; the doc comment of
	// the function has the details.
	Reason string
	// run mends every instance of the construct in doc (one page, or the
	// merged document), reporting each through fix; it returns an
	// [*Unrepairable] for an instance it cannot mend.
	run func(doc object, fix func(where string)) error
}

// Level says what a repair runs on.
type Level int

const (
	// PageLevel repairs run on each page, before the pages are merged.
	PageLevel Level = iota
	// DocumentLevel repairs run on the merged document.
	DocumentLevel
)

// Fix records that a repair was applied, where.
type Fix struct {
	Repair string // a Repair ID
	File   string // the page, or "" for the merged document
	Where  string // JSON pointer
}

// String renders "<repair> in <file> at <pointer>", escaped as [Run]'s
// errors are: specmerge -v prints it, and the pointer holds page text.
func (f Fix) String() string {
	if f.File == "" {
		return textsafe.EscapeHidden(fmt.Sprintf("%s at %s", f.Repair, f.Where))
	}
	return textsafe.EscapeHidden(fmt.Sprintf("%s in %s at %s", f.Repair, f.File, f.Where))
}

// Unrepairable is a construct a repair recognises but cannot mend without
// guessing what the vendor meant.
type Unrepairable struct {
	File    string // the page; "" for the merged document
	Where   string // JSON pointer
	Problem string
	Todo    string // what a maintainer can do about it
}

// Error renders "<file>: <pointer>: <problem>; <what to do>".
func (e *Unrepairable) Error() string {
	file := e.File
	if file == "" {
		file = "the merged document"
	}
	return fmt.Sprintf("%s: %s: %s; %s", file, e.Where, e.Problem, e.Todo)
}

// Repairs is every repair the merge makes, in the order it makes them: the
// page-level ones on each page, then the document-level ones on the merge.
// Adding a repair is adding it here (and a fixture in testdata/cases that
// triggers it).
var Repairs = []Repair{
	{"nested-tags", PageLevel,
		"a tag given as a list of tags is flattened: kin-openapi refuses a non-string tag",
		repairNestedTags},
	{"undeclared-path-params", PageLevel,
		"a path parameter the template uses but nothing declares is declared, a required string: kin-openapi refuses the operation",
		repairUndeclaredPathParams},
	{"openapi-3.0", PageLevel,
		"every 3.x label becomes 3.0.3, the version oapi-codegen v2.8 fully supports",
		repairVersion},
	{"defs-hoist", PageLevel,
		"`$defs` in component schemas move to components/schemas: oapi-codegen cannot reach them",
		repairDefs},
	{"const-to-enum", PageLevel,
		"3.1 `const` becomes a one-value `enum`, its 3.0 spelling",
		repairConst},
	{"type-array", PageLevel,
		"3.1 type arrays become a type and `nullable`, or a `oneOf`: 3.0 has one type",
		repairTypeArrays},
	{"both-unions", PageLevel,
		"an `anyOf` implied by the `oneOf` beside it goes: Go would get methods twice",
		repairBothUnions},
	{"null-union", PageLevel,
		"a union's `type: 'null'` member becomes `nullable`: 3.0 has no null type",
		repairNullUnions},
	{"null-type", PageLevel,
		"a lone `type: 'null'` becomes `nullable` with `enum: [null]`: 3.0 has no null type",
		repairNullType},
	{"keywords-3.0", PageLevel,
		"3.1 `examples` and numeric exclusive bounds take their 3.0 spelling",
		repairKeywords},
	{"keyword-spelling", PageLevel,
		"a snake_case keyword (`max_items`) becomes the keyword it was meant to be",
		repairKeywordSpelling},
	{"tuple-items", PageLevel,
		"3.1 `prefixItems` becomes `items` allowing any member: 3.0 has no tuples",
		repairTupleItems},
	{"array-items", PageLevel,
		"an array without `items` gets `items: {}`: 3.0 requires `items`",
		repairArrayItems},
	{"keywords-3.1-only", PageLevel,
		"keywords 3.0 cannot spell (`propertyNames`, `if`...) go: they only narrow or annotate",
		repairKeywordsOnly31},
	{"unknown-keywords", PageLevel,
		"non-keyword keys (`optional`) go: JSON Schema ignores them, kin-openapi refuses them",
		repairUnknownKeywords},
	{"no-content-body", PageLevel,
		"a 204/205/304 response's body goes: clients would fail to decode the empty body",
		repairNoContentBodies},
	{"api-key-security", PageLevel,
		"`xi-api-key` header parameters become one security scheme: the key is set in one place",
		repairAPIKeyParams},
	{"union-duplicates", PageLevel,
		"a union member listed twice is listed once: Go would get its methods twice",
		repairUnionDuplicates},
	{"allof-maps", PageLevel,
		"in an `allOf`, maps after the first allow any additional property: oapi-codegen cannot merge two maps",
		repairAllOfMaps},
	{"nullable-map-values", PageLevel,
		"the nullable map value of an object with properties loses `nullable`: oapi-codegen's Go for it does not compile",
		repairNullableMapValues},
	{"operation-names", DocumentLevel,
		"operationIds become `<Group><Method>`: one name per operation, whatever the page",
		nameOperations},
	{"union-request-bodies", DocumentLevel,
		"a request body's inline `anyOf`/`oneOf` becomes a component: oapi-codegen's body type of an inline union loses its MarshalJSON and sends `{}`",
		hoistUnionRequestBodies},
	{"union-member-elements", DocumentLevel,
		"the inline enum of a union's inline array or map member becomes a component: oapi-codegen names both the same",
		hoistUnionMemberElements},
	{"map-value-names", DocumentLevel,
		"an object's inline map value schema whose inline types take its properties' names becomes a component",
		hoistClashingMapValues},
	{"go-name-collisions", DocumentLevel,
		"a component whose Go name is taken by another generated name is renamed",
		preventNameCollisions},
	{"prune-unreferenced", DocumentLevel,
		"schemas no operation reaches (left by the repairs above) are dropped",
		pruneUnreferenced},
}

// runRepairs runs the repairs of one level on doc, in registry order. file
// is the page, or "" for the merged document.
func runRepairs(level Level, file string, doc object) ([]Fix, error) {
	var fixes []Fix
	for _, r := range Repairs {
		if r.Level != level {
			continue
		}
		err := r.run(doc, func(where string) {
			fixes = append(fixes, Fix{Repair: r.ID, File: file, Where: where})
		})
		if u := (*Unrepairable)(nil); errors.As(err, &u) && u.File == "" {
			u.File = file
		}
		if err != nil {
			return nil, err
		}
	}
	return fixes, nil
}

// schemaRepair turns a repair of one schema into a repair of every schema
// of a document, children before their parent.
func schemaRepair(repair func(s object, ptr string, fix func(where string)) error) func(object, func(string)) error {
	return func(doc object, fix func(string)) error {
		var err error
		walkSchemas(doc, func(s object, ptr string) {
			if err == nil {
				err = repair(s, ptr, fix)
			}
		})
		return err
	}
}
