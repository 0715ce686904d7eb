// Command pagecut cuts one operation out of the vendor's published OpenAPI
// document and writes it as a standalone YAML page, the way the vendor's
// documentation site publishes one page per operation: the operation, and
// exactly the components it reaches. Everything else is copied unchanged, in
// the vendor's key order, so api/ pages stay reviewable against the source.
//
//	go run ./internal/cmd/pagecut -in ../shared/specs/vendor-secrets-openapi.json \
//	    -path /v1/convai/secrets -method get -out api/convai-secrets-list.yaml
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

func main() {
	in := flag.String("in", "", "vendor OpenAPI document (JSON or YAML)")
	path := flag.String("path", "", "path of the operation, e.g. /v1/convai/secrets")
	method := flag.String("method", "", "HTTP method of the operation, lower case")
	out := flag.String("out", "", "page to write")
	flag.Parse()
	if err := run(*in, *path, strings.ToLower(*method), *out); err != nil {
		fmt.Fprintln(os.Stderr, "pagecut:", err)
		os.Exit(1)
	}
}

func run(in, path, method, out string) error {
	if in == "" || path == "" || method == "" || out == "" {
		return errors.New("-in, -path, -method and -out are all required")
	}
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	root := doc.Content[0]
	op := lookup(root, "paths", path, method)
	if op == nil {
		return fmt.Errorf("%s: no operation at #/paths/%s/%s", in, escape(path), method)
	}
	schemas := lookup(root, "components", "schemas")
	reached, err := reachable(op, schemas)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}

	page := mapping()
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "paths":
			val = mapping(scalar(path), mapping(scalar(method), op))
		case "components":
			kept := mapping()
			for j := 0; j+1 < len(schemas.Content); j += 2 {
				if reached[schemas.Content[j].Value] {
					kept.Content = append(kept.Content, schemas.Content[j], schemas.Content[j+1])
				}
			}
			if len(kept.Content) == 0 {
				continue
			}
			val = mapping(scalar("schemas"), kept)
		}
		page.Content = append(page.Content, key, val)
	}
	blockStyle(page)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(page); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
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

func escape(p string) string {
	return strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1")
}
