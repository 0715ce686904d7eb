package specmerge

import (
	"errors"
	"fmt"
)

// Repair is one construct of the vendor's pages that the merge mends, the
// reason it must be mended, and the function that mends it. Every repair is
// listed in [Repairs], which is the order the merge runs them in; a [Fix]
// records one place where one was made.
type Repair struct {
	ID     string
	Level  Level
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

// String renders "<repair> in <file> at <pointer>".
func (f Fix) String() string {
	if f.File == "" {
		return fmt.Sprintf("%s at %s", f.Repair, f.Where)
	}
	return fmt.Sprintf("%s in %s at %s", f.Repair, f.File, f.Where)
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
		"a tag given as a list of tags is flattened: kin-openapi and oapi-codegen refuse to load a non-string tag",
		repairNestedTags},
	{"openapi-3.0", PageLevel,
		"every 3.x label (3.0.1 to 3.2.0 so far) becomes 3.0.3, the version oapi-codegen v2.8 and kin-openapi's validator fully support; the label is not trusted, the repairs below mend the 3.1 constructs that are there",
		repairVersion},
	{"defs-hoist", PageLevel,
		"`$defs` anywhere in a component schema move to components/schemas as <Schema><Def> (refs rewritten, `#/$defs/...` only within that component): oapi-codegen cannot follow refs into `$defs`",
		repairDefs},
	{"const-to-enum", PageLevel,
		"3.1 `const` becomes a one-value `enum`, its 3.0 spelling",
		repairConst},
	{"type-array", PageLevel,
		"3.1 type arrays: `[T, 'null']` becomes `T` + `nullable`; several types become a `oneOf`, which oapi-codegen can generate (beside an existing union the types must be implied by its members)",
		repairTypeArrays},
	{"both-unions", PageLevel,
		"a schema with both `anyOf` and `oneOf` whose `oneOf` members are all `anyOf` members keeps the `oneOf`, which implies the `anyOf`: oapi-codegen generates both over one type, declaring methods twice",
		repairBothUnions},
	{"null-union", PageLevel,
		"`anyOf`/`oneOf` with a `type: 'null'` member (bare or documented) becomes the other members with `nullable: true`",
		repairNullUnions},
	{"null-type", PageLevel,
		"a schema of 3.1 `type: 'null'` outside a union becomes `nullable` with `enum: [null]`: 3.0 has no null type",
		repairNullType},
	{"keywords-3.0", PageLevel,
		"3.1 spellings of 3.0 keywords: `examples` list -> `example`, numeric `exclusiveMinimum`/`exclusiveMaximum` -> bound + boolean",
		repairKeywords},
	{"keyword-spelling", PageLevel,
		"a snake_case spelling of a schema keyword (`max_items`) becomes the keyword, which it was meant to be",
		repairKeywordSpelling},
	{"tuple-items", PageLevel,
		"3.1 `prefixItems` (a tuple) becomes `items` allowing any of the tuple's members: 3.0 has no tuples and requires `items` on an array",
		repairTupleItems},
	{"array-items", PageLevel,
		"an array without `items` (any elements) gets `items: {}`, the same in 3.0, where kin-openapi requires `items`",
		repairArrayItems},
	{"keywords-3.1-only", PageLevel,
		"JSON Schema keywords 3.0 cannot spell (`propertyNames`, `if`, `contains`, `$comment`...) are dropped: they only narrow validation or annotate, and kin-openapi refuses them in 3.0; keys `patternProperties` allowed beside `additionalProperties` false or a schema stay allowed",
		repairKeywordsOnly31},
	{"unknown-keywords", PageLevel,
		"schema keys that are no keyword at all (`optional`, `embed`, `name`) are dropped: JSON Schema ignores them, kin-openapi refuses them as extra sibling fields",
		repairUnknownKeywords},
	{"no-content-body", PageLevel,
		"a 204/205/304 response declares a body: generated clients then fail to decode the empty body and Go's server would keep Content-Type",
		repairNoContentBodies},
	{"api-key-security", PageLevel,
		"`xi-api-key` header parameters become one `apiKey` security scheme, so the key is set in one place and never sent twice or empty",
		repairAPIKeyParams},
	{"union-duplicates", PageLevel,
		"a union listing the same member twice generates duplicate Go methods that do not compile",
		repairUnionDuplicates},
	{"operation-names", DocumentLevel,
		"operationIds become `<Group><Method>` from the vendor's SDK group/method or tags, so every page format names an operation the same and names never collide",
		nameOperations},
	{"go-name-collisions", DocumentLevel,
		"a component whose Go name, or the name oapi-codegen gives one of its inline types (an enum or union property, a union member), equals a generated type's (`<Op>Params`, `<Op>Response`, an inline body...) or another component's is renamed, refs rewritten",
		preventNameCollisions},
	{"prune-unreferenced", DocumentLevel,
		"schemas no operation reaches (left behind by the repairs above) are dropped",
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
