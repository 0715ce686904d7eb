package specmerge

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
	"gopkg.in/yaml.v3"
)

// validate loads the merged document with kin-openapi and runs its full
// validation, so a merged spec that is not valid OpenAPI is never written.
// Examples are the one exception: they are documentation, and one that does
// not match its schema (the vendor's `examples: ["50000"]` on an integer)
// must never block generation.
func validate(spec []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("merged document does not load: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("merged document is not valid OpenAPI: %w", err)
	}
	return doc, nil
}

// generatorConfig is oapi-codegen's configuration file, read as strictly as
// `go tool oapi-codegen -config` reads it.
type generatorConfig struct {
	codegen.Configuration `yaml:",inline"`
	Output                string `yaml:"output"`
}

// loadGeneratorConfig reads an oapi-codegen configuration file.
func loadGeneratorConfig(path string) (generatorConfig, error) {
	var cfg generatorConfig
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	cfg.Configuration = cfg.Configuration.UpdateDefaults()
	if err := cfg.Configuration.Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// trialGenerate runs oapi-codegen on the merged document in memory and
// checks that the Go it produces parses and declares no name twice, the
// failure oapi-codegen otherwise leaves for the compiler to find.
func trialGenerate(doc *openapi3.T, cfg generatorConfig) (string, error) {
	code, err := codegen.Generate(doc, cfg.Configuration)
	if err != nil {
		return "", fmt.Errorf("oapi-codegen: %w", err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "generated.go", code, parser.SkipObjectResolution)
	if err != nil {
		return "", fmt.Errorf("generated Go does not parse: %w", err)
	}
	if dups := duplicateDecls(file); len(dups) > 0 {
		return "", &duplicateDeclsError{Names: dups}
	}
	return code, nil
}

// duplicateDeclsError is generated Go that declares names twice: two
// generated names the collision check did not foresee.
type duplicateDeclsError struct {
	Names []string // Type or Type.Method
}

// Error lists the names.
func (e *duplicateDeclsError) Error() string {
	return fmt.Sprintf("generated Go declares these names twice: %s", strings.Join(e.Names, ", "))
}

// duplicateDecls lists top-level names and methods declared more than once.
func duplicateDecls(f *ast.File) []string {
	count := map[string]int{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			name := d.Name.Name
			if d.Recv != nil && len(d.Recv.List) == 1 {
				name = receiverName(d.Recv.List[0].Type) + "." + name
			}
			count[name]++
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					count[s.Name.Name]++
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name != "_" {
							count[n.Name]++
						}
					}
				}
			}
		}
	}
	var dups []string
	for name, n := range count {
		if n > 1 {
			dups = append(dups, name)
		}
	}
	sort.Strings(dups)
	return dups
}

func receiverName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return receiverName(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return receiverName(t.X)
	}
	return "?"
}
