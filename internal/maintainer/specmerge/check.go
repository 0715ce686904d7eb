package specmerge

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"

	"github.com/xisecrets/xisecrets/internal/fakespec"
)

// validate loads the merged document with kin-openapi and validates it as
// the fake (client/secretstest) does when it builds its router: the check
// is internal/fakespec's, shared by both, so a merged spec the fake would
// refuse to serve is never written. (Examples are not validated, by either:
// see fakespec.)
func validate(spec []byte) error {
	if _, err := fakespec.Load(spec); err != nil {
		return fmt.Errorf("merged document is not valid OpenAPI: %w", err)
	}
	return nil
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
