package specmerge

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
)

// oapi-codegen puts every generated name in one Go package: component types,
// and per operation <Op>Params, <Op>JSONRequestBody, <Op>Response,
// New<Op>Request, Parse<Op>Response and so on. A vendor schema that happens
// to be called like one of those (the vendor's whole document has several)
// produces Go that does not compile, so such components are renamed here.

// operationSuffixes are the type names generated from an operation name.
var operationSuffixes = []string{
	"Params", "JSONBody", "JSONRequestBody", "Response", "RequestBody",
	"FormdataBody", "FormdataRequestBody", "TextBody", "TextRequestBody",
	"MultipartBody", "MultipartRequestBody", "Body",
}

// operationFuncs are the function names generated from an operation name.
var operationFuncs = []string{"New%sRequest", "New%sRequestWithBody", "New%sRequestWithFormdataBody", "New%sRequestWithTextBody", "Parse%sResponse"}

// fixedNames are generated once per package.
var fixedNames = []string{
	"Client", "ClientInterface", "ClientOption", "ClientWithResponses",
	"ClientWithResponsesInterface", "HttpRequestDoer", "RequestEditorFn",
	"NewClient", "NewClientWithResponses", "WithHTTPClient", "WithBaseURL",
	"WithRequestEditorFn", "GetSwagger", "GetSpec", "GetSpecJSON", "PathToRawSpec",
	apiKeyScheme + "Scopes",
}

// componentSections generate one Go type per named component.
var componentSections = []string{"schemas", "parameters", "requestBodies", "responses", "headers"}

// preventNameCollisions renames a component whose Go name, or the name
// oapi-codegen gives one of its inline types (an enum or union property, a
// union member), equals a generated type's (<Op>Params, <Op>Response, an
// inline body...) or another component's, and rewrites the refs to it.
func preventNameCollisions(doc object, fix func(where string)) error {
	reserved := map[string]bool{}
	// Names that start like these are generated: <Op>Params<Name> for the
	// inline enums of parameters, ServerUrl<Name> for the servers.
	prefixes := []string{goKey("ServerUrl")}
	for _, n := range fixedNames {
		reserved[goKey(n)] = true
	}
	forEachOperation(doc, func(_, _ string, op object) {
		name, _ := op["operationId"].(string)
		prefixes = append(prefixes, goKey(name+"Params"))
		for _, s := range operationSuffixes {
			reserved[goKey(name+s)] = true
		}
		for _, f := range operationFuncs {
			reserved[goKey(strings.Replace(f, "%s", name, 1))] = true
		}
		for root, schema := range operationTypeRoots(op, name) {
			reserved[goKey(root)] = true
			for _, k := range inlineTypeKeys(doc, root, schema) {
				reserved[k] = true
			}
		}
	})
	clashes := func(key string) bool {
		if reserved[key] {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(key, p) {
				return true
			}
		}
		return false
	}

	renames := map[string]string{}
	for _, section := range componentSections {
		comps := child(doc, "components", section)
		// A component brings its own name and, for a schema, the names of
		// its inline types; it keeps its name if none of them is taken.
		brings := func(name string, schema any) []string {
			keys := []string{goKey(name)}
			if section == "schemas" {
				keys = append(keys, inlineTypeKeys(doc, name, schema)...)
			}
			return keys
		}
		anyClash := func(keys []string) bool {
			for _, k := range keys {
				if clashes(k) {
					return true
				}
			}
			return false
		}
		for _, name := range sortedKeys(comps) {
			keys := brings(name, comps[name])
			if anyClash(keys) {
				newName := freeName(name, func(candidate string) bool {
					_, taken := comps[candidate]
					return !taken && !anyClash(brings(candidate, comps[name]))
				})
				comps[newName] = comps[name]
				delete(comps, name)
				keys = brings(newName, comps[newName])
				prefix := pointer("components", section) + "/"
				renames[prefix+jsonpointer.Escape(name)] = prefix + jsonpointer.Escape(newName)
				fix(prefix + jsonpointer.Escape(name) + " -> " + newName)
			}
			for _, k := range keys {
				reserved[k] = true
			}
		}
	}
	if len(renames) > 0 {
		rewriteRefs(doc, replaceFrom(renames))
		rewriteDiscriminators(doc, replaceFrom(renames))
	}
	return nil
}

// goKey folds a name to what decides its Go spelling: letters and digits,
// case-insensitively. oapi-codegen's own spelling depends on the configured
// name normalizer and initialisms (Id or ID), and on global state it sets
// only while generating; two names with one key may become one Go name under
// some setting, so the merge treats them as clashing under every setting.
func goKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// freeName finds the first of <name>Model, <name>Model2... that is free.
// Appending cannot end a clash by prefix (<Op>Params..., ServerUrl...), so
// after those tries Model goes in front instead: Model<name>,
// ModelModel<name>... which ends, since the operations are finite.
func freeName(name string, free func(candidate string) bool) string {
	for i := 1; i <= 9; i++ {
		candidate := name + "Model"
		if i > 1 {
			candidate += strconv.Itoa(i)
		}
		if free(candidate) {
			return candidate
		}
	}
	for prefix := "Model"; ; prefix += "Model" {
		if free(prefix + name) {
			return prefix + name
		}
	}
}
