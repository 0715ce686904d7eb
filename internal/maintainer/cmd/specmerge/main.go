// Command specmerge merges the vendor API pages in api/ into one repaired,
// validated OpenAPI document and generates Go from it with oapi-codegen's
// library, one file per -config, as `go tool oapi-codegen -config` would,
// and, from the spec and the client's Go, the client's guards: the routes
// (-routes) and the path parameter wrapper (-pathparams). It writes every
// output or, on any error, none. It is run by go generate; see generate.go
// at the repository root and package internal/maintainer/specmerge.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/xisecrets/xisecrets/internal/maintainer/specmerge"
)

// chdirUsage explains -C, which go generate needs: it runs specmerge from
// this module (go -C internal/maintainer run ./cmd/specmerge), whose
// directory the go command makes the working directory, and the paths in
// the flags and the oapi-codegen configs are the repository root's.
const chdirUsage = "change to `dir` before reading or writing anything, as go -C does: relative paths, here and in the configs, are dir's"

// gcPercent is the collector's pace unless GOGC says otherwise. specmerge
// runs for seconds and then exits, allocating many times its live heap (it
// parses and generates the whole document several times over), so
// collecting a quarter as often saves much CPU for some more peak memory
// (BENCHMARKS.md, "Generation pipeline").
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	var opts specmerge.Options
	flag.Func("C", chdirUsage, os.Chdir)
	flag.StringVar(&opts.APIDir, "api", "api", "directory of vendor pages (*.yaml) and the overlay")
	flag.StringVar(&opts.Out, "out", "gen/openapi.yaml", "merged document to write")
	flag.Func("config", "oapi-codegen config whose Go to generate and write to its output (repeatable); nothing is written unless every one generates", func(path string) error {
		opts.Configs = append(opts.Configs, path)
		return nil
	})
	flag.StringVar(&opts.Routes, "routes", "", "Go file to write the spec's path templates to, in the client config's package (none if empty)")
	flag.StringVar(&opts.PathParams, "pathparams", "", "Go file to write CheckPathParams to, wrapping the Go of the -config with generate.client (none if empty)")
	verbose := flag.Bool("v", false, "list every repair made")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "specmerge: unexpected argument %q (flags only)\n", flag.Arg(0))
		os.Exit(2)
	}
	res, err := specmerge.Run(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "specmerge:", err)
		os.Exit(1)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(os.Stderr, "specmerge: warning:", w)
	}
	if *verbose {
		for _, f := range res.Fixes {
			fmt.Println(f)
		}
	}
}
