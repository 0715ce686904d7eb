package specmerge

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"gopkg.in/yaml.v3"
)

// A small grammar of what the vendor's pages contain, for
// TestGrammarPages. Each page is drawn from its own random stream (the
// seed and the page's number), so a page is the same whatever the budget
// and a failure is reproduced by its seed and number alone. The page's
// paths start /v1/p<n> and its components P<n>, so that many pages merge
// into one document without two defining one name differently.
//
// Dimensions (each drawn independently, per construct):
//   - schemas: scalars (with formats), objects (required, additionalProperties
//     absent, true, false or a schema; maps), arrays, inline vs $ref (a $ref
//     with sibling keywords too), enums inline and named, const, nullable in
//     the three spellings (3.0 nullable, a 3.1 type array, a null union
//     member), oneOf/anyOf/allOf nested to depth 3 whose members may be
//     arrays of inline enums, arrays of inline objects (maps among them)
//     or inline objects, discriminated unions (with and without a
//     mapping), $defs at any depth (on a component, on a property, on an
//     array's items under a property, inside a $defs entry),
//     titles and component names that collide with generated Go names
//     (<Op>Params, <Op>Response, <Op>JSONBody, <Parent><Prop>0);
//   - operations and paths: templates with and without a trailing slash
//     (a collection beside an item, which an empty, . or .. id would
//     reach but for gen.CheckPathParams), path parameters on the path item, on the
//     operation, on both or nowhere, the same name in path and query,
//     header parameters (the key among them), operations named by fern
//     extensions, by tags and operationId, by operationId alone, by tags
//     alone, or by nothing;
//   - responses and bodies: several 2xx, a 204 with a body, default, a
//     shared 422, responses without content, non-JSON content types, form
//     and multipart bodies, several media types in one body.

// grammarPage is one generated page, and its tree (shrunk by removing
// parts of it). A page may hold a template with a trailing slash beside
// templates under it ("/items/" and "/items/{id}"): an empty, . or .. id
// would make the one reach the other, which the generated
// CheckPathParams refuses before the URL is built.
type grammarPage struct {
	n    int
	file string
	doc  object
}

func (p grammarPage) source() source {
	data, err := yaml.Marshal(p.doc)
	if err != nil {
		panic(err) // a tree of maps, lists and scalars always marshals
	}
	return source{File: p.file, Data: data}
}

// grammar draws one page.
type grammar struct {
	r       *rand.Rand
	prefix  string // the page's component prefix, "P12"
	schemas object
	op      string // the Go name of the operation being drawn
	size    int    // schemas drawn so far on this page, to bound it
}

func newGrammarPage(seed uint64, n int) grammarPage {
	g := &grammar{r: rand.New(rand.NewPCG(seed, uint64(n))), prefix: fmt.Sprintf("P%d", n), schemas: object{}}
	base := fmt.Sprintf("/v1/p%d", n)
	p := grammarPage{n: n, file: fmt.Sprintf("api/grammar-%05d.yaml", n)}

	collection, item, sub := base+"/items", base+"/items/{item_id}", base+"/items/{item_id}/tags/{tag}"
	if g.chance(0.2) {
		collection += "/"
	}
	if g.chance(0.15) {
		item += "/"
	}
	if g.chance(0.15) {
		sub += "/"
	}
	templates := []string{collection, item, sub}
	if g.chance(0.5) {
		templates = templates[:1+g.r.IntN(2)]
	} else {
		templates = g.subset(templates)
	}

	paths := object{}
	for _, t := range templates {
		paths[t] = g.pathItem(t)
	}
	doc := object{
		"openapi": g.pick("3.1.0", "3.1.0", "3.0.3", "3.1.1"),
		"info":    object{"title": fmt.Sprintf("grammar page %d", n), "version": "1.0"},
		"paths":   paths,
	}
	if len(g.schemas) > 0 {
		doc["components"] = object{"schemas": g.schemas}
	}
	p.doc = doc
	return p
}

func (g *grammar) chance(p float64) bool { return g.r.Float64() < p }

func (g *grammar) pick(options ...string) string { return options[g.r.IntN(len(options))] }

// subset keeps each element with even odds, and at least one.
func (g *grammar) subset(all []string) []string {
	var out []string
	for _, e := range all {
		if g.chance(0.5) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		out = append(out, all[g.r.IntN(len(all))])
	}
	return out
}

func pathParam(name string, g *grammar) object {
	p := object{"name": name, "in": "path", "required": true, "schema": object{"type": "string"}}
	if g.chance(0.3) {
		p["schema"] = object{"type": "string", "title": camel(name)}
	}
	return p
}

// pathItem draws a path item: its methods, and where each path parameter
// is declared (on the item, on each operation, on both, or nowhere).
func (g *grammar) pathItem(template string) object {
	item := object{}
	params := templateParams(template)
	onItem := map[string]bool{}
	var itemParams []any
	for _, name := range params {
		if g.chance(0.55) {
			onItem[name] = true
			itemParams = append(itemParams, pathParam(name, g))
		}
	}
	if len(itemParams) > 0 {
		item["parameters"] = itemParams
	}
	methods := g.subset([]string{"get", "post", "put", "patch", "delete"})
	if len(methods) > 2 {
		methods = methods[:2]
	}
	for _, m := range methods {
		item[m] = g.operation(template, m, params, onItem)
	}
	return item
}

func (g *grammar) operation(template, method string, pathParams []string, onItem map[string]bool) object {
	op := object{"summary": "An operation"}
	kind := "item"
	if len(pathParams) == 0 {
		kind = "items"
	}
	verb := method + "_" + kind + fmt.Sprint(len(pathParams))
	group := strings.ToLower(g.prefix)
	switch g.r.IntN(5) {
	case 0:
		op["operationId"] = verb + "_route"
		op["tags"] = []any{"Agents Platform"}
		op["x-fern-sdk-group-name"] = []any{"area", group}
		op["x-fern-sdk-method-name"] = verb
	case 1:
		op["operationId"] = verb
		op["tags"] = []any{"subpackage_" + group}
	case 2:
		op["operationId"] = verb + "_" + group
	case 3:
		op["tags"] = []any{"subpackage_" + group}
	case 4: // neither tags nor operationId
	}
	groups, v := operationIdentity(op, method, template)
	g.op = v
	if len(groups) > 0 {
		g.op = groups[len(groups)-1] + v
	}

	var params []any
	for _, name := range pathParams {
		if !onItem[name] && g.chance(0.6) || onItem[name] && g.chance(0.3) {
			params = append(params, pathParam(name, g))
		}
	}
	queries := g.subset([]string{"cursor", "page_size", "include", "item_id", "filter"})
	if g.chance(0.3) {
		queries = nil
	}
	for _, name := range queries {
		params = append(params, object{"name": name, "in": "query", "required": g.chance(0.2), "schema": g.paramSchema(name)})
	}
	if g.chance(0.2) {
		params = append(params, object{"name": "xi-api-key", "in": "header", "required": false, "schema": object{"type": "string"}})
	}
	if g.chance(0.15) {
		params = append(params, object{"name": "x-request-tag", "in": "header", "schema": g.paramSchema("tag")})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if method == "post" || method == "put" || method == "patch" {
		if g.chance(0.8) {
			op["requestBody"] = g.requestBody()
		}
	}
	op["responses"] = g.responses(method)
	return op
}

// paramSchema draws a parameter's schema: scalars, enums and arrays of
// them, in every nullable spelling.
func (g *grammar) paramSchema(name string) object {
	var s object
	switch g.r.IntN(5) {
	case 0:
		s = object{"type": "integer", "minimum": 1}
	case 1:
		s = g.inlineEnum()
	case 2:
		s = object{"type": "array", "items": g.inlineEnum()}
	case 3:
		s = g.ref(g.namedEnum(camel(name)))
	default:
		s = object{"type": "string"}
	}
	if g.chance(0.3) {
		s["title"] = camel(name)
	}
	return g.maybeNullable(s)
}

func (g *grammar) requestBody() object {
	content := object{}
	for _, mt := range g.subset([]string{"application/json", "application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "application/octet-stream"}) {
		content[mt] = object{"schema": g.bodySchema(mt)}
	}
	return object{"required": g.chance(0.7), "content": content}
}

// bodySchema draws the schema of a body of one media type.
func (g *grammar) bodySchema(mt string) object {
	switch mt {
	case "application/json":
		if g.chance(0.5) {
			return g.ref(g.named(g.pick("Request", "Body", "Payload"), g.object(1)))
		}
		return g.schema(1)
	case "application/x-www-form-urlencoded":
		return object{"type": "object", "required": []any{"name"}, "properties": object{
			"name": object{"type": "string"}, "count": object{"type": "integer"}, "mode": g.inlineEnum(),
		}}
	case "multipart/form-data":
		return object{"type": "object", "properties": object{
			"file": object{"type": "string", "format": "binary"}, "name": g.maybeNullable(object{"type": "string"}),
		}}
	case "text/plain":
		return object{"type": "string"}
	}
	return object{"type": "string", "format": "binary"}
}

func (g *grammar) responses(method string) object {
	rs := object{}
	for _, code := range g.subset([]string{"200", "201", "202", "200"}) {
		rs[code] = g.response()
	}
	if method == "delete" || g.chance(0.2) {
		r := object{"description": "No content"}
		if g.chance(0.5) {
			r["content"] = object{"application/json": object{"schema": g.schema(2)}}
		}
		rs["204"] = r
	}
	if g.chance(0.3) {
		rs["default"] = object{"description": "Error", "content": object{"application/json": object{
			"schema": g.ref(g.named("Error", object{"type": "object", "properties": object{"detail": object{"type": "string"}}})),
		}}}
	}
	if g.chance(0.5) {
		rs["422"] = object{"description": "Validation Error", "content": object{"application/json": object{
			"schema": object{"$ref": "#/components/schemas/HTTPValidationError"}}}}
		g.schemas["HTTPValidationError"] = object{"type": "object", "title": "HTTPValidationError", "properties": object{
			"detail": object{"type": "array", "items": object{"$ref": "#/components/schemas/ValidationError"}}}}
		g.schemas["ValidationError"] = object{"type": "object", "required": []any{"loc", "msg"}, "properties": object{
			"loc": object{"type": "array", "items": object{"anyOf": []any{object{"type": "string"}, object{"type": "integer"}}}},
			"msg": object{"type": "string"}}}
	}
	return rs
}

func (g *grammar) response() object {
	r := object{"description": "Successful Response"}
	if g.chance(0.15) {
		return r
	}
	content := object{}
	for _, mt := range g.subset([]string{"application/json", "application/json", "application/json", "text/plain", "application/octet-stream", "audio/mpeg", "text/event-stream"}) {
		switch mt {
		case "application/json":
			if g.chance(0.5) {
				content[mt] = object{"schema": g.ref(g.named("Response", g.object(1)))}
			} else {
				content[mt] = object{"schema": g.schema(1)}
			}
		case "text/plain", "text/event-stream":
			content[mt] = object{"schema": object{"type": "string"}}
		default:
			content[mt] = object{"schema": object{"type": "string", "format": "binary"}}
		}
	}
	r["content"] = content
	return r
}

// schema draws any schema at a nesting depth; unions nest to depth 3.
func (g *grammar) schema(depth int) object {
	g.size++
	if depth > 3 || g.size > 40 {
		return g.scalar()
	}
	var s object
	switch g.r.IntN(13) {
	case 0, 1:
		s = g.scalar()
	case 2:
		s = g.inlineEnum()
	case 3:
		s = g.ref(g.namedEnum("Kind"))
	case 4:
		s = object{"type": "string", "const": g.pick("fixed", "only")}
	case 5, 6:
		s = g.object(depth + 1)
	case 7:
		s = object{"type": "array", "items": g.schema(depth + 1)}
	case 8:
		s = g.ref(g.named(g.pick("Thing", "Part", "Detail"), g.object(depth+1)))
		if g.chance(0.3) { // a $ref with siblings, which 3.1 allows
			s["description"] = "A thing."
		}
	case 9, 10:
		s = g.union(depth, g.pick("oneOf", "anyOf"))
	case 11:
		s = object{"allOf": []any{g.ref(g.named("Base", g.object(depth+1))), g.object(depth + 1)}}
	case 12:
		s = g.discriminated()
	}
	return g.maybeNullable(s)
}

func (g *grammar) scalar() object {
	switch g.r.IntN(6) {
	case 0:
		s := object{"type": "integer", "format": g.pick("int32", "int64")}
		if g.chance(0.2) {
			s["examples"] = []any{"50000"} // as the vendor writes it: a string
		}
		return s
	case 1:
		return object{"type": "number", "exclusiveMinimum": 0}
	case 2:
		return object{"type": "boolean"}
	case 3:
		return object{"type": "string", "format": g.pick("date-time", "uuid", "email")}
	}
	return object{"type": "string", "examples": []any{"example"}}
}

func (g *grammar) inlineEnum() object {
	return object{"type": "string", "enum": []any{"alpha", "beta", g.pick("gamma", "delta")}}
}

// union draws a oneOf or anyOf whose members may be arrays of inline
// enums, inline objects, named schemas or further unions.
func (g *grammar) union(depth int, key string) object {
	var members []any
	for range 2 + g.r.IntN(2) {
		switch g.r.IntN(6) {
		case 0:
			members = append(members, object{"type": "array", "items": g.inlineEnum()})
		case 1:
			members = append(members, g.object(depth+1))
		case 2:
			members = append(members, g.schema(depth+1))
		case 3:
			members = append(members, g.ref(g.named("Member", g.object(depth+1))))
		case 4:
			members = append(members, g.scalar())
		default:
			members = append(members, object{"type": "array", "items": g.object(depth + 1)})
		}
	}
	return object{key: members}
}

// discriminated draws a oneOf of named objects told apart by a kind
// property, with or without a mapping.
func (g *grammar) discriminated() object {
	var members []any
	mapping := object{}
	for _, kind := range []string{"cat", "dog"} {
		var tag object
		if g.chance(0.5) {
			tag = object{"type": "string", "const": kind}
		} else {
			tag = object{"type": "string", "enum": []any{kind}}
		}
		name := g.named(camel(kind), object{"type": "object", "required": []any{"kind"}, "properties": object{
			"kind": tag, "name": object{"type": "string"}}})
		members = append(members, g.ref(name))
		mapping[kind] = "#/components/schemas/" + name
	}
	d := object{"propertyName": "kind"}
	if g.chance(0.6) {
		d["mapping"] = mapping
	}
	return object{"oneOf": members, "discriminator": d}
}

// object draws an inline object schema; names of its properties that hold
// unions may collide with a component called <Parent><Prop>0.
func (g *grammar) object(depth int) object {
	props := object{}
	var required []any
	for i := range 1 + g.r.IntN(3) {
		name := []string{"name", "value", "items", "meta"}[i]
		props[name] = g.schema(depth)
		if g.chance(0.5) {
			required = append(required, name)
		}
	}
	s := object{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	switch g.r.IntN(5) {
	case 0:
		s["additionalProperties"] = true
	case 1:
		s["additionalProperties"] = false
	case 2:
		s["additionalProperties"] = g.schema(depth + 1)
	case 3:
		if g.chance(0.3) {
			s = object{"type": "object", "additionalProperties": g.schema(depth + 1)}
		}
	}
	if g.chance(0.15) {
		s["title"] = g.collidingName("Inline")
	}
	if len(required) > 0 && g.chance(0.1) {
		// The vendor's examples do not always match their schemas
		// (ClientToolConfig-Output's lacks its required name).
		s["example"] = object{}
	}
	return s
}

// named adds a component schema called <prefix><base> (or, now and then,
// a name oapi-codegen also generates) and returns its name. A component
// may carry $defs, on itself or on a property, referred to from inside.
func (g *grammar) named(base string, s object) string {
	name := g.prefix + base
	if g.chance(0.2) {
		name = g.collidingName(base)
	}
	for i := 2; g.schemas[name] != nil; i++ {
		name = fmt.Sprintf("%s%s%d", g.prefix, base, i)
	}
	g.schemas[name] = s // reserve the name before drawing more
	if g.chance(0.3) {
		s["title"] = name
	}
	if props, ok := asObject(s["properties"]); ok && g.chance(0.25) {
		switch g.r.IntN(3) {
		case 0: // $defs on the component, referred to relative to it
			s["$defs"] = object{"Part": g.object(3), "Tag": object{"type": "string", "enum": []any{"x", "y"}}}
			props["part"] = object{"$ref": "#/$defs/Part"}
			props["tag"] = object{"anyOf": []any{object{"$ref": "#/$defs/Tag"}, object{"type": "null"}}}
		case 1: // $defs on a property, referred to by its full pointer
			props["nested"] = object{"type": "object", "properties": object{
				"leaf": object{"$ref": "#/components/schemas/" + name + "/properties/nested/$defs/Leaf"}},
				"$defs": object{"Leaf": object{"type": "integer"}}}
		case 2: // $defs deeper: on an array's items under a property, and in a $defs entry
			deep := "#/components/schemas/" + name + "/properties/deep/items/$defs/"
			props["deep"] = object{"type": "array", "items": object{"type": "object",
				"properties": object{"leaf": object{"$ref": deep + "Leaf"}},
				"$defs": object{"Leaf": object{"type": "object",
					"properties": object{"count": object{"$ref": deep + "Leaf/$defs/Count"}, "kind": g.inlineEnum()},
					"$defs":      object{"Count": object{"type": "integer", "minimum": 0}}}}}}
		}
	}
	if g.chance(0.15) { // a union property beside a component called <Parent><Prop>0
		props, _ := asObject(s["properties"])
		if props != nil && g.schemas[name+"Choice0"] == nil {
			props["choice"] = object{"oneOf": []any{object{"type": "string"}, object{"type": "object", "properties": object{"a": object{"type": "string"}}}}}
			g.schemas[name+"Choice0"] = object{"type": "object", "properties": object{"b": object{"type": "string"}}}
			props["other"] = g.ref(name + "Choice0")
		}
	}
	return name
}

// namedEnum adds a component enum and returns its name.
func (g *grammar) namedEnum(base string) string {
	return g.named(base, object{"type": "string", "enum": []any{"one", "two"}})
}

// collidingName is a name oapi-codegen generates for the current
// operation, or failing one, the page's own.
func (g *grammar) collidingName(base string) string {
	if g.op == "" {
		return g.prefix + base
	}
	return g.op + g.pick("Params", "Response", "JSONBody", "JSONRequestBody", "200Response")
}

func (g *grammar) ref(name string) object {
	return object{"$ref": "#/components/schemas/" + name}
}

// maybeNullable makes s nullable, now and then, in one of the three
// spellings the vendor uses.
func (g *grammar) maybeNullable(s object) object {
	if !g.chance(0.25) {
		return s
	}
	t, typed := s["type"].(string)
	switch g.r.IntN(3) {
	case 0:
		if _, isRef := s["$ref"]; !isRef {
			s["nullable"] = true
			return s
		}
	case 1:
		if typed {
			if g.chance(0.5) {
				s["type"] = []any{t, "null"}
			} else {
				s["type"] = []any{"null", t}
			}
			return s
		}
	}
	return object{g.pick("anyOf", "oneOf"): []any{s, object{"type": "null"}}}
}
