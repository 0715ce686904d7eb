// Command pagecut cuts operations out of the vendor's published OpenAPI
// document as standalone YAML pages (see package internal/maintainer/pagecut).
// It is built in its own module (internal/maintainer); -C ../.. makes the
// paths the repository root's. From the root, one page, to add an operation:
//
//	go -C internal/maintainer run ./cmd/pagecut -C ../.. -in openapi.json \
//	    -path /v1/convai/secrets -method get -out api/convai-secrets-list.yaml
//
// Every cut page of api/ again, from a newer document (make pages VENDOR=...):
//
//	go -C internal/maintainer run ./cmd/pagecut -C ../.. -refresh -in openapi.json -api api
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

func main() {
	flag.Func("C", "change to `dir` before reading or writing anything, as go -C does: relative paths are dir's", os.Chdir)
	in := flag.String("in", "", "vendor OpenAPI document (JSON or YAML)")
	path := flag.String("path", "", "path of the operation, e.g. /v1/convai/secrets")
	method := flag.String("method", "", "HTTP method of the operation, lower case")
	out := flag.String("out", "", "page to write")
	refresh := flag.Bool("refresh", false, "re-cut every page of -api that was cut from a vendor document")
	apiDir := flag.String("api", "api", "directory of pages, with -refresh")
	flag.Parse()
	var err error
	if *refresh {
		var changed []string
		changed, err = runRefresh(*in, *apiDir)
		for _, page := range changed {
			fmt.Println("pagecut: re-cut", page)
		}
		if err == nil && len(changed) == 0 {
			fmt.Println("pagecut: every cut page is already what", *in, "gives")
		}
	} else {
		err = run(*in, *path, strings.ToLower(*method), *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagecut:", err)
		os.Exit(1)
	}
}

func run(in, path, method, out string) error {
	if in == "" || path == "" || method == "" || out == "" {
		return errors.New("-in, -path, -method and -out are all required")
	}
	doc, err := parse(in)
	if err != nil {
		return err
	}
	page, err := doc.Cut(path, method)
	if err != nil {
		return err
	}
	return os.WriteFile(out, page, 0o644)
}

func parse(in string) (*pagecut.Document, error) {
	src, err := os.ReadFile(in)
	if err != nil {
		return nil, err
	}
	return pagecut.Parse(in, src)
}
