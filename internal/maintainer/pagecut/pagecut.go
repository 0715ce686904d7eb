// Package pagecut cuts one operation out of the vendor's published OpenAPI
// document as a standalone page, the way the vendor's documentation site
// publishes one page per operation: the operation, exactly the component
// schemas it reaches, and only the document-level fields a page needs to
// stand alone (openapi, info, servers, security). The rest of the document
// is left out: its top-level tags list, for one, describes every tag of the
// whole API and would bury the operation in unrelated text. What is kept is
// copied unchanged, in the vendor's key order, so api/ pages stay
// reviewable against the source.
package pagecut

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/xisecrets/xisecrets/internal/maintainer/jsonpointer"
	"github.com/xisecrets/xisecrets/internal/textsafe"
	"gopkg.in/yaml.v3"
)

// Document is a parsed vendor document, ready to cut many pages from.
type Document struct {
	name string
	root *yaml.Node
}

// Parse reads a vendor document (JSON or YAML); name is used in errors.
func Parse(name string, src []byte) (*Document, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not an OpenAPI document (no top-level mapping)", name)
	}
	return &Document{name: name, root: doc.Content[0]}, nil
}

// Operation is one path and lower-case HTTP method of a document.
type Operation struct{ Path, Method string }

// Operations lists every operation of the document, in its order.
func (d *Document) Operations() []Operation {
	var ops []Operation
	paths := lookup(d.root, "paths")
	if paths == nil {
		return nil
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := paths.Content[i+1]
		for j := 0; j+1 < len(item.Content); j += 2 {
			if httpMethods[item.Content[j].Value] {
				ops = append(ops, Operation{paths.Content[i].Value, item.Content[j].Value})
			}
		}
	}
	return ops
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

// Marker starts the first line of every cut page and names the operation it
// was cut from, so that a newer vendor document can re-cut the page with no
// list to maintain. It is a YAML comment: the page's content is still
// exactly the vendor's.
const Marker = "# pagecut: "

// Source returns the operation a page was cut from, or false for a page
// that was not cut by pagecut (a documentation page saved verbatim).
func Source(page []byte) (Operation, bool) {
	rest, ok := bytes.CutPrefix(page, []byte(Marker))
	if !ok {
		return Operation{}, false
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 2 || !httpMethods[f[0]] || !strings.HasPrefix(f[1], "/") {
		return Operation{}, false
	}
	return Operation{Path: f[1], Method: f[0]}, true
}

// Cut returns the page of one operation as YAML, headed by its Marker line.
func (d *Document) Cut(path, method string) ([]byte, error) {
	// The Marker line holds the path as it is: white space or a control
	// character there would end the line early or split the path, and a
	// newline would put the vendor's text into the page as YAML. No path
	// of a URL has them raw.
	if strings.IndexFunc(path, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return nil, fmt.Errorf("%s: the path at #/paths/%s has white space or a control character, which no URL path has raw: ask the vendor, or leave the operation out", d.name, textsafe.Escape(jsonpointer.Escape(path)))
	}
	root := d.root
	op := lookup(root, "paths", path, method)
	if op == nil {
		return nil, fmt.Errorf("%s: no operation at #/paths/%s/%s", d.name, jsonpointer.Escape(path), method)
	}
	schemas := lookup(root, "components", "schemas")
	reached, err := reachable(op, schemas)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.name, err)
	}

	page := mapping()
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "paths":
			val = mapping(scalar(path), mapping(scalar(method), op))
		case "components":
			kept := mapping()
			for j := 0; schemas != nil && j+1 < len(schemas.Content); j += 2 {
				if reached[schemas.Content[j].Value] {
					kept.Content = append(kept.Content, schemas.Content[j], schemas.Content[j+1])
				}
			}
			if len(kept.Content) == 0 {
				continue
			}
			val = mapping(scalar("schemas"), kept)
		default:
			if !pageFields[key.Value] {
				continue
			}
		}
		page.Content = append(page.Content, key, val)
	}
	// blockStyle changes styles in place, so style a copy: the document's
	// own nodes are shared by every page cut from it.
	page = copyNode(page)
	blockStyle(page)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s%s %s (cut from the vendor's OpenAPI document: re-cut with make pages, never edit)\n", Marker, method, path)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pageFields are the document-level fields copied as they are into every
// page, besides its paths and components: what a page needs to be a valid
// document and to say where and how to call its operation.
var pageFields = map[string]bool{"openapi": true, "info": true, "servers": true, "security": true}

func copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, e := range n.Content {
		c.Content[i] = copyNode(e)
	}
	return &c
}

// reachable returns the names of every component schema that node refers to,
// directly or through other schemas.
func reachable(node, schemas *yaml.Node) (map[string]bool, error) {
	seen := map[string]bool{}
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value != "$ref" {
					continue
				}
				name, ok := strings.CutPrefix(n.Content[i+1].Value, "#/components/schemas/")
				if !ok {
					return fmt.Errorf("unsupported $ref %q", n.Content[i+1].Value)
				}
				if seen[name] {
					continue
				}
				target := lookup(schemas, name)
				if target == nil {
					return fmt.Errorf("unresolvable $ref %q", n.Content[i+1].Value)
				}
				seen[name] = true
				if err := walk(target); err != nil {
					return err
				}
			}
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return seen, walk(node)
}

func lookup(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}

// blockStyle drops the flow style and quoting that a JSON source carries, so
// the page reads like the vendor's YAML pages; the encoder still quotes any
// string that would otherwise change type (such as '200').
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

func mapping(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
