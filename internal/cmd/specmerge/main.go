// Command specmerge merges the vendor API pages in api/ into one repaired,
// validated OpenAPI document for oapi-codegen. It is run by go generate; see
// generate.go at the module root and package internal/specmerge.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/xisecrets/xisecrets/internal/specmerge"
)

func main() {
	var opts specmerge.Options
	flag.StringVar(&opts.APIDir, "api", "api", "directory of vendor pages (*.yaml) and the overlay")
	flag.StringVar(&opts.Out, "out", "gen/openapi.yaml", "merged document to write")
	flag.StringVar(&opts.Config, "config", "", "oapi-codegen config: generate in memory first and refuse output that does not generate")
	verbose := flag.Bool("v", false, "list every repair made")
	flag.Parse()
	res, err := specmerge.Run(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "specmerge:", err)
		os.Exit(1)
	}
	if *verbose {
		for _, f := range res.Fixes {
			fmt.Println(f)
		}
	}
}
