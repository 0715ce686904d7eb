// Command pagecut cuts one operation out of the vendor's published OpenAPI
// document and writes it as a standalone YAML page (see package
// internal/pagecut).
//
//	go run ./internal/cmd/pagecut -in ../shared/specs/vendor-secrets-openapi.json \
//	    -path /v1/convai/secrets -method get -out api/convai-secrets-list.yaml
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/xisecrets/xisecrets/internal/pagecut"
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
	doc, err := pagecut.Parse(in, src)
	if err != nil {
		return err
	}
	page, err := doc.Cut(path, method)
	if err != nil {
		return err
	}
	return os.WriteFile(out, page, 0o644)
}
