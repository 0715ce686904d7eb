package genroutes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Names the wrapper declares; a generated parameter of the same name
// would shadow them, and is refused.
const (
	wrapperType = "pathParamsChecked"
	recv        = "pc"
	opParam     = "operation"
)

// PathParams reads the generated client clientGo, written at clientPath
// (oapi-codegen's ClientInterface, its (*Client) methods and their
// New<Op>Request builders), and returns the Go source of package pkg's
// CheckPathParams: a ClientInterface whose every method first computes its
// path parameters exactly as its builder does and passes each to a check.
// The builder then puts them into "./"+path and resolves that against the
// server URL, which removes "." and ".." segments before any RoundTripper
// sees them. It refuses a client of a shape it does not know, naming
// clientPath and the line.
func PathParams(clientGo []byte, clientPath, pkg string) ([]byte, error) {
	f := &clientFile{name: clientPath, fset: token.NewFileSet(), funcs: map[string]*ast.FuncDecl{}, builders: map[string]*builder{},
		checkerOf: map[*builder]string{}, checkerBy: map[string]string{}}
	file, err := parser.ParseFile(f.fset, clientPath, clientGo, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	methods := map[string]*ast.FuncDecl{}
	var iface *ast.InterfaceType
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				f.funcs[d.Name.Name] = d
			} else if star, ok := d.Recv.List[0].Type.(*ast.StarExpr); ok && isIdent(star.X, "Client") {
				methods[d.Name.Name] = d
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == "ClientInterface" {
					iface, _ = ts.Type.(*ast.InterfaceType)
				}
			}
		}
	}
	if iface == nil || len(iface.Methods.List) == 0 {
		return nil, fmt.Errorf("%s: no ClientInterface interface with methods", clientPath)
	}
	var b bytes.Buffer
	for _, m := range iface.Methods.List {
		if len(m.Names) != 1 {
			return nil, fmt.Errorf("%s: ClientInterface embeds another interface", f.where(m))
		}
		decl := methods[m.Names[0].Name]
		if decl == nil {
			return nil, fmt.Errorf("%s: ClientInterface.%s has no (*Client) method", f.where(m), m.Names[0].Name)
		}
		if err := f.method(&b, decl); err != nil {
			return nil, err
		}
	}
	b.Write(f.checkers.Bytes())
	return assemble(pkg, clientPath, file, b.Bytes())
}

// method writes the wrapper's method for the (*Client) method decl, whose
// body must start "req, err := New<X>(c.Server, ...)".
func (f *clientFile) method(b *bytes.Buffer, decl *ast.FuncDecl) error {
	name := decl.Name.Name
	params := paramNames(decl.Type)
	if slices.ContainsFunc(params, func(p string) bool { return p == "" || p == "_" || p == recv }) {
		return fmt.Errorf("%s: (*Client).%s has a parameter without a name or named %s", f.where(decl), name, recv)
	}
	call := builderCall(decl)
	if call == nil {
		return fmt.Errorf("%s: (*Client).%s does not start with \"req, err := New<Op>Request(c.Server, ...)\"", f.where(decl), name)
	}
	var args []string
	for _, a := range call.Args[1:] {
		n := ""
		if id, ok := a.(*ast.Ident); ok && slices.Contains(params, id.Name) {
			n = id.Name
		}
		args = append(args, n)
	}
	bl, checked, err := f.resolve(call.Fun.(*ast.Ident).Name, args, 0)
	if err != nil {
		return fmt.Errorf("(*Client).%s: %w", name, err)
	}
	fmt.Fprintf(b, "\nfunc (%s *%s) %s%s {\n", recv, wrapperType, name, f.print(decl.Type)[len("func"):])
	if bl != nil {
		checker, err := f.checker(bl)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "if err := %s.%s(%q, %s); err != nil {\nreturn nil, err\n}\n", recv, checker, name, strings.Join(checked, ", "))
	}
	if _, ok := decl.Type.Params.List[len(decl.Type.Params.List)-1].Type.(*ast.Ellipsis); ok {
		params[len(params)-1] += "..."
	}
	fmt.Fprintf(b, "return %s.inner.%s(%s)\n}\n", recv, name, strings.Join(params, ", "))
	return nil
}

// builderCall is the call of "req, err := New<X>(c.Server, ...)" that
// starts a (*Client) method, nil if it does not start so.
func builderCall(decl *ast.FuncDecl) *ast.CallExpr {
	if len(decl.Body.List) == 0 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	a, ok := decl.Body.List[0].(*ast.AssignStmt)
	if !ok || len(a.Rhs) != 1 {
		return nil
	}
	call, ok := a.Rhs[0].(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !isSelector(call.Args[0], decl.Recv.List[0].Names[0].Name, "Server") {
		return nil
	}
	if fn, ok := call.Fun.(*ast.Ident); !ok || !strings.HasPrefix(fn.Name, "New") {
		return nil
	}
	return call
}

// checker returns the name of the wrapper's method that runs a builder's
// statements computing its path parameters, returning where they return,
// and checks each; it writes that method to f.checkers the first time.
// Builders that compute their path parameters alike (the same parameter
// names, types and statements) share one: the wrapper is linked into
// every program using the client, and most builders take one string id.
func (f *clientFile) checker(bl *builder) (string, error) {
	if name, ok := f.checkerOf[bl]; ok {
		return name, nil
	}
	var b bytes.Buffer
	fields := bl.decl.Type.Params.List
	b.WriteString("(" + opParam + " string")
	params := paramNames(bl.decl.Type)
	i := 0
	for _, field := range fields {
		for range max(len(field.Names), 1) {
			if slices.Contains(bl.reads, i) {
				if p := params[i]; p == recv || p == opParam || p == "err" || pathParamVar.MatchString(p) {
					return "", fmt.Errorf("%s: %s has a parameter named %s, a name the check declares", f.where(bl.decl), bl.decl.Name.Name, p)
				}
				fmt.Fprintf(&b, ", %s %s", params[i], f.print(field.Type))
			}
			i++
		}
	}
	b.WriteString(") error {\nvar err error\n")
	for _, s := range bl.prelude {
		if ifs, ok := s.(*ast.IfStmt); ok {
			r := errReturn(ifs.Body.List[0])
			r.Results = r.Results[1:] // return nil, err -> return err
		}
		b.WriteString(f.print(s) + "\n")
	}
	for n, from := range bl.from {
		fmt.Fprintf(&b, "if err = %s.check(%s, %q, pathParam%d); err != nil {\nreturn err\n}\n", recv, opParam, from, n)
	}
	b.WriteString("return nil\n}\n")
	name, ok := f.checkerBy[b.String()]
	if !ok {
		name = "check" + strings.TrimPrefix(bl.decl.Name.Name, "New")
		f.checkerBy[b.String()] = name
		fmt.Fprintf(&f.checkers, "\n// %s computes the path parameters as %s (and any builder alike) does and checks them.\nfunc (%s *%s) %s%s",
			name, bl.decl.Name.Name, recv, wrapperType, name, b.String())
	}
	f.checkerOf[bl] = name
	return name, nil
}

// print is a node of the generated client as source.
func (f *clientFile) print(n ast.Node) string {
	var b strings.Builder
	if err := printer.Fprint(&b, f.fset, n); err != nil {
		panic(err) // a node parsed from source prints
	}
	return b.String()
}

// assemble puts the methods into a file with the header, the constructor,
// the imports of the generated client they use, and formats it.
func assemble(pkg, from string, client *ast.File, methods []byte) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	fmt.Fprintf(&b, `// CheckPathParams returns c wrapped so that each operation first computes
// its path parameters as c's request builder (New<Op>Request) does, and
// passes each to check: the operation's method name, the parameter's Go
// name and its value as the builder puts it into the path (styled and
// escaped, "a/b" as "a%%2Fb"; a text/plain parameter as it is, a JSON one
// as its JSON). On an error from check the operation returns
// that error and c is not called. The builder resolves the path against
// the server URL, which removes "." and ".." segments before any
// RoundTripper sees the request: check sees them first.
func CheckPathParams(c ClientInterface, check func(operation, parameter, value string) error) ClientInterface {
	return &%[1]s{c, check}
}

// %[1]s is the ClientInterface that CheckPathParams returns.
type %[1]s struct {
	inner ClientInterface
	check func(operation, parameter, value string) error
}
`, wrapperType)
	b.Write(methods)
	body, err := parser.ParseFile(token.NewFileSet(), "", b.Bytes(), parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("the wrapper does not parse: %w", err)
	}
	used := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var imports []string
	for _, im := range client.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name, spec := path.Base(p), strconv.Quote(p)
		if im.Name != nil {
			name, spec = im.Name.Name, im.Name.Name+" "+spec
		}
		if used[name] {
			imports = append(imports, spec)
		}
	}
	src := b.Bytes()
	rest, _ := bytes.CutPrefix(src, fmt.Appendf(nil, "package %s\n\n", pkg))
	var out bytes.Buffer
	fmt.Fprintf(&out, "// Code generated by %s from %s. DO NOT EDIT.\n\npackage %s\n\nimport (\n%s\n)\n\n", generator, from, pkg, strings.Join(imports, "\n"))
	out.Write(rest)
	code, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the wrapper does not format: %w", err)
	}
	return code, nil
}
